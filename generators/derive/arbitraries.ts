/**
 * fast-check glue: derived events as arbitraries, so properties can draw positives and near misses of a rule.
 * Each value is a pure function of one drawn seed (shrinking is off: a smaller seed is not a simpler event).
 */
import fc from 'fast-check';
import type { IrRule } from '../../framework/ir/types.js';
import { deriveNearMisses, type NearMiss, type NearMissOptions } from './near-miss.js';
import { derivePositives, type PositiveOptions } from './positive.js';
import type { BaseEvent, DerivedEvent } from './types.js';

const seeds = fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff }));

/** A positive of the rule (null when the rule has none to derive). */
export function positiveArbitrary(rule: IrRule, base: BaseEvent, options: PositiveOptions = {}): fc.Arbitrary<DerivedEvent | null> {
  return seeds.map((seed) => derivePositives(rule, base, { ...options, seed, count: 1 }).events[0] ?? null);
}

/** A positive and its near misses. */
export function nearMissArbitrary(
  rule: IrRule,
  base: BaseEvent,
  options: PositiveOptions & NearMissOptions = {},
): fc.Arbitrary<{ positive: DerivedEvent; nearMisses: NearMiss[] } | null> {
  return seeds.map((seed) => {
    const positive = derivePositives(rule, base, { ...options, seed, count: 1 }).events[0];
    return positive ? { positive, nearMisses: deriveNearMisses(rule, positive.event, { ...options, seed }) } : null;
  });
}
