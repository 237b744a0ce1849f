/**
 * Per-item findings after the fuzz runs: items no run gave a no-match near miss get a targeted near-miss suite
 * (each checked against the engine too); independence pairs (MC/DC style) say which items and OR values can
 * flip the decision on their own. An item or value without a pair is a finding for the maintainer: the value
 * is redundant (masked by another), or the item unreachable.
 */
import { displayMatcher } from '../../framework/engine/display.js';
import { referenceDecide } from '../../framework/engine/reference.js';
import type { PreparedRule } from '../../framework/ruleset/build-ruleset.js';
import { independencePairs, itemLabel, listItems, nearMissSuite, refKey, type MissingPair } from '../derive/index.js';
import { baseEventsFor } from './base-events.js';
import type { Decide, ItemFinding } from './types.js';

interface Counter {
  checks: number;
  disagreements: number;
}

const REASONS: Readonly<Record<MissingPair['reason'], string>> = {
  redundant: 'redundant: another item or value of the rule already decides every event this one would',
  unreachable: 'unreachable: the condition never depends on it (e.g. masked by another selection or filter)',
  'not-found': 'no independence pair found by the generator',
};

function coverUncovered(rule: PreparedRule, seed: number, covered: Set<string>, decide: Decide, counter: Counter): void {
  if (listItems(rule.ir).every((i) => covered.has(refKey(i.ref)))) return;
  const suite = nearMissSuite(rule.ir, { seed, base: baseEventsFor(rule.ir, seed) });
  for (const m of suite.nearMisses) {
    counter.checks++;
    if (decide(rule, m.event) !== referenceDecide(rule.ir, m.event)) counter.disagreements++;
    if (m.expect === 'no-match' && m.target.kind === 'detection') covered.add(refKey({ identifier: m.target.identifier, path: m.target.itemPath }));
  }
}

function valueText(rule: PreparedRule, missing: MissingPair): string {
  const located = listItems(rule.ir).find((i) => refKey(i.ref) === refKey(missing.item));
  const value = missing.item.valueIndex !== undefined ? located?.item.values[missing.item.valueIndex]?.alternatives[0] : undefined;
  return value ? ` (value ${displayMatcher(value)})` : '';
}

export function itemFindings(rule: PreparedRule, seed: number, covered: Set<string>, decide: Decide, counter: Counter): ItemFinding[] {
  coverUncovered(rule, seed, covered, decide, counter);
  const independence = independencePairs(rule.ir, { seed, base: baseEventsFor(rule.ir, seed) });
  const paired = new Set(independence.pairs.map((p) => refKey(p.target)));
  const reasons = new Map<string, string[]>();
  for (const m of independence.missing) {
    const key = refKey(m.item);
    reasons.set(key, [...(reasons.get(key) ?? []), `${REASONS[m.reason]}${valueText(rule, m)}`]);
  }
  return listItems(rule.ir).map(({ ref, item }) => {
    const key = refKey(ref);
    const nearMiss = covered.has(key);
    const independencePair = paired.has(key);
    const why = reasons.get(key);
    const reason = !nearMiss || !independencePair || why ? why?.join('; ') ?? (nearMiss ? undefined : 'no near miss found by the generator') : undefined;
    return { item: `${itemLabel(ref.identifier, item)} #${ref.path.join('.') || '0'}`, nearMiss, independencePair, ...(reason ? { reason } : {}) };
  });
}
