/**
 * Fuzz one rule: fast-check draws `runs` seeds (replayable with seed + path); each seed derives a positive, its
 * near misses, a mixed-case positive and invariant variants, and every event is decided by the engine under
 * test and by the reference evaluator. A check fails when the engine disagrees with the reference, or when the
 * reference disagrees with the decision the generator expected. The first failure ends the search; a
 * disagreement is then shrunk (shrink.ts) to a minimal event. Afterwards, items that no run reached get a
 * targeted near-miss suite, and independence pairs give the reason an item has no near miss.
 */
import fc from 'fast-check';
import { referenceDecide } from '../../framework/engine/reference.js';
import type { PreparedRule } from '../../framework/ruleset/build-ruleset.js';
import { derivePositives, deriveNearMisses, refKey, type NearMiss } from '../derive/index.js';
import { baseEventsFor } from './base-events.js';
import { invariantVariants } from './invariants.js';
import { itemFindings } from './item-findings.js';
import { shrinkEvent } from './shrink.js';
import type { Decide, FuzzCheckKind, FuzzExample, FuzzFailure, RuleFuzzResult } from './types.js';

type Fields = Record<string, unknown>;
export type { Decide } from './types.js';

export interface FuzzRuleOptions {
  readonly runs: number;
  readonly seed: number;
  /** fast-check's counterexample path, to replay one failing run. */
  readonly path?: string;
  readonly decide?: Decide;
  /** Keep one positive and one near miss per operator as examples (for `--save`). */
  readonly collectExamples?: boolean;
}

interface Check {
  readonly kind: FuzzCheckKind;
  readonly operator: string;
  readonly target?: string;
  readonly expected: boolean;
  readonly event: Fields;
}

interface Tally {
  checks: number;
  disagreements: number;
  positiveReason?: string;
  positiveFound: boolean;
  readonly operators: Map<string, number>;
  readonly covered: Set<string>;
  readonly examples: Map<string, FuzzExample>;
}

const compiled: Decide = (rule, event) => rule.compiled.matches(event);

function targetLabel(m: NearMiss): string {
  return m.target.kind === 'logsource' ? `log source: ${m.target.eventField}` : `${m.target.identifier}: ${m.target.field ?? '(keywords)'}`;
}

/** Every event one seed produces, with the decision each must get. */
function checksFor(rule: PreparedRule, seed: number, tally: Tally): Check[] {
  const base = baseEventsFor(rule.ir, seed);
  const derived = derivePositives(rule.ir, base, { seed, count: 1 });
  const positive = derived.events[0];
  if (!positive) {
    tally.positiveReason ??= derived.reason ?? 'no positive could be derived';
    return [];
  }
  tally.positiveFound = true;
  const checks: Check[] = [{ kind: 'positive', operator: 'positive', expected: true, event: positive.event }];
  for (const m of deriveNearMisses(rule.ir, positive.event, { seed })) {
    tally.operators.set(m.operator, (tally.operators.get(m.operator) ?? 0) + 1);
    if (m.expect === 'no-match' && m.target.kind === 'detection') tally.covered.add(refKey({ identifier: m.target.identifier, path: m.target.itemPath }));
    checks.push({ kind: 'near-miss', operator: m.operator, target: targetLabel(m), expected: m.expect === 'match', event: m.event });
  }
  const mixed = derivePositives(rule.ir, base, { seed, count: 1, mixCase: true }).events[0];
  if (mixed) checks.push({ kind: 'invariant:case', operator: 'case:mixed', expected: true, event: mixed.event });
  for (const v of invariantVariants(rule.ir, positive.event)) checks.push({ ...v, expected: true });
  return checks;
}

function keepExamples(checks: readonly Check[], tally: Tally): void {
  for (const c of checks) {
    if (c.kind !== 'positive' && c.kind !== 'near-miss') continue;
    if (!tally.examples.has(c.operator)) tally.examples.set(c.operator, { name: exampleName(c), expect: c.expected ? 'match' : 'no-match', event: c.event });
  }
}

function exampleName(c: Check): string {
  return c.kind === 'positive' ? 'fuzz: positive derived from the rule' : `fuzz near miss: ${c.operator}${c.target ? ` on ${c.target}` : ''}`;
}

function failingCheck(rule: PreparedRule, checks: readonly Check[], decide: Decide, tally: Tally): (Check & { engine: boolean; reference: boolean }) | undefined {
  for (const check of checks) {
    tally.checks++;
    const engine = decide(rule, check.event);
    const reference = referenceDecide(rule.ir, check.event);
    if (engine !== reference) tally.disagreements++;
    if (engine !== reference || reference !== check.expected) return { ...check, engine, reference };
  }
  return undefined;
}

function toFailure(rule: PreparedRule, found: Check & { engine: boolean; reference: boolean }, seed: number, path: string, decide: Decide): FuzzFailure {
  const disagreement = found.engine !== found.reference;
  const event = disagreement ? shrinkEvent(found.event, (e) => decide(rule, e) !== referenceDecide(rule.ir, e)) : found.event;
  return {
    kind: found.kind,
    operator: found.operator,
    ...(found.target !== undefined ? { target: found.target } : {}),
    expected: found.expected,
    engine: found.engine,
    reference: found.reference,
    event,
    originalEvent: found.event,
    seed,
    path,
    replay: `sigmatest fuzz --rules ${rule.ir.path} --seed ${seed} --replay ${path}`,
  };
}

/** The fast-check seed of one rule: the run's seed mixed with the rule id (FNV-1a), so each rule replays alone. */
export function ruleSeed(seed: number, ruleId: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < ruleId.length; i++) h = Math.imul(h ^ ruleId.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x7fffffff;
}

export function fuzzRule(rule: PreparedRule, options: FuzzRuleOptions): RuleFuzzResult {
  const decide = options.decide ?? compiled;
  const seed = ruleSeed(options.seed, rule.ir.id);
  const tally: Tally = { checks: 0, disagreements: 0, positiveFound: false, operators: new Map(), covered: new Set(), examples: new Map() };
  let failed: (Check & { engine: boolean; reference: boolean }) | undefined;
  const property = fc.property(fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })), (seed) => {
    const checks = checksFor(rule, seed, tally);
    failed = failingCheck(rule, checks, decide, tally);
    if (options.collectExamples && failed === undefined) keepExamples(checks, tally);
    return failed === undefined;
  });
  const details = fc.check(property, { seed, numRuns: options.runs, endOnFailure: true, ...(options.path ? { path: options.path } : {}) });
  const failures = details.failed && failed ? [toFailure(rule, failed, options.seed, details.counterexamplePath ?? '', decide)] : [];
  const items = itemFindings(rule, seed, tally.covered, decide, tally);
  return {
    id: rule.ir.id,
    title: rule.ir.title,
    path: rule.ir.path,
    seed: options.seed,
    runs: options.runs,
    positive: tally.positiveFound ? { found: true } : { found: false, reason: tally.positiveReason ?? 'no positive could be derived' },
    items,
    operators: Object.fromEntries([...tally.operators].sort(([a], [b]) => (a < b ? -1 : 1))),
    checks: tally.checks,
    disagreements: tally.disagreements,
    failures,
    ...(options.collectExamples ? { examples: [...tally.examples.values()] } : {}),
  };
}

