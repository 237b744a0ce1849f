/**
 * The cases `sigmatest init` writes: a positive derived from the rule's logic on a realistic template event of
 * its log source, and near misses (one per near-miss operator, at most MAX_NEAR_MISSES, each a no-match
 * confirmed by the reference evaluator) — the generators' output, deterministic for the seed. When no positive
 * can be derived, one unfinished case says why, for the maintainer to complete.
 */
import { derivePositives, deriveNearMisses } from '../../../generators/derive/index.js';
import { baseEventsFor } from '../../../generators/fuzz/base-events.js';
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
