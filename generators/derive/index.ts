/**
 * Events derived from a rule's own logic (issue 4 parts 2, 3, 6): positives, near misses, independence pairs,
 * and the per-matcher solving they are built on. Re-exports only.
 */
export type { BaseEvent, DeriveOptions, DerivedEvent, DerivedFields, ItemForce, ItemRef } from './types.js';
export { createRng, type Rng } from './rng.js';
export { defaultFiller, type Filler, type FillerHint } from './filler.js';
export { satisfy, satisfyAll, type Proposal, type SolveContext } from './solve.js';
export { violate, fieldViolations, patternShape, type Violation } from './violate.js';
export { sampleRegex, regexGenerable } from './regex-sample.js';
export { solveCondition, type Assignment, type ConditionSearch } from './condition.js';
export { derivePositives, type PositiveOptions, type PositiveResult } from './positive.js';
export { deriveNearMisses, type NearMiss, type NearMissOptions, type NearMissTarget } from './near-miss.js';
export { nearMissSuite, type NearMissSuite, type NearMissSuiteOptions } from './near-miss-suite.js';
export {
  independencePairs,
  type IndependenceOptions,
  type IndependencePair,
  type IndependenceResult,
  type MissingPair,
  type PairTarget,
} from './independence.js';
export { listItems, refKey, itemLabel, type LocatedItem } from './items.js';
export { positiveArbitrary, nearMissArbitrary } from './arbitraries.js';
