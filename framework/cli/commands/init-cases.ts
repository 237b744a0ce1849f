/**
 * The cases `sigmatest init` writes: a positive derived from the rule's logic on a realistic template event of
 * its log source, and near misses (one per near-miss operator, at most MAX_NEAR_MISSES, each a no-match
 * confirmed by the reference evaluator) — the generators' output, deterministic for the seed. When no positive
 * can be derived, one unfinished case says why, for the maintainer to complete.
 * For a correlation rule: sequence cases from generators/sequences (the first seed of `fuzz --seed 1` that
 * fires): the firing sequence and one per near-miss kind, each checked on both correlation engines (a
 * disagreement is returned as a problem; the case keeps the generator's expectation, so `run` shows the bug).
 * When no firing sequence can be generated, one unfinished case (an empty event, one alert expected) says why.
 */
import { derivePositives, deriveNearMisses } from '../../../generators/derive/index.js';
import { baseEventsFor } from '../../../generators/fuzz/base-events.js';
import { fuzzCorrelations } from '../../../generators/fuzz/fuzz-correlations.js';
import type { IrCorrelation } from '../../correlation/types.js';
import type { IrRule } from '../../ir/types.js';

const MAX_NEAR_MISSES = 8;

export interface StarterCase {
  readonly name: string;
  readonly expect: 'match' | 'no-match';
  readonly event: Record<string, unknown>;
  readonly note?: string;
}

export function starterCases(rule: IrRule, seed = 1): StarterCase[] {
  const derived = derivePositives(rule, baseEventsFor(rule, seed), { seed, count: 1 });
  const positive = derived.events[0];
  if (!positive) {
    return [{ name: 'positive (unfinished)', expect: 'match', event: {}, note: `sigmatest init could not derive a matching event: ${derived.reason ?? 'unknown reason'}; write one` }];
  }
  const cases: StarterCase[] = [{ name: `positive derived from the rule (${positive.variant})`, expect: 'match', event: positive.event }];
  const seen = new Set<string>();
  for (const miss of deriveNearMisses(rule, positive.event, { seed })) {
    if (miss.expect !== 'no-match' || seen.has(miss.operator) || seen.size >= MAX_NEAR_MISSES) continue;
    seen.add(miss.operator);
    const where = miss.target.kind === 'logsource' ? `log source ${miss.target.eventField}` : `${miss.target.identifier}: ${miss.target.eventField}`;
    cases.push({ name: `near miss: ${miss.operator} on ${where}`, expect: 'no-match', event: miss.event });
  }
  return cases;
}

export interface StarterSequenceCase {
  readonly name: string;
  readonly expect: { readonly alerts: number; readonly groups?: readonly Readonly<Record<string, string>>[] };
  readonly timestamp_field?: string;
  readonly events: readonly Record<string, unknown>[];
  readonly note?: string;
}

/** Seeds tried for a firing sequence (a rule whose positives collide with another referenced rule may need more). */
const SEQUENCE_SEEDS = 3;

export function starterSequenceCases(
  correlation: IrCorrelation,
  rules: readonly IrRule[],
  correlations: readonly IrCorrelation[],
  seed = 1,
): { cases: StarterSequenceCase[]; problems: string[] } {
  const [result] = fuzzCorrelations([correlation], { rules, correlations }, { seed, runs: SEQUENCE_SEEDS, collectExamples: true });
  const examples = result?.examples ?? [];
  const problems = (result?.findings ?? []).map((f) => `${f.sequence}: ${f.message} (replay: ${f.replay})`);
  if (examples.length === 0) {
    const why = result?.reason ?? 'unknown reason';
    return { cases: [{ name: 'firing sequence (unfinished)', expect: { alerts: 1 }, events: [{}], note: `sigmatest init could not generate a firing sequence: ${why}; write one` }], problems };
  }
  const cases = examples.map((e) => ({ name: e.name, expect: e.expect, timestamp_field: e.timestamp_field, events: e.events }));
  return { cases, problems };
}
