/**
 * Figures per log source (`product/category/service`) and per ATT&CK tactic (a rule counts once under each of its
 * tactics; rules without a tactic tag under `(no tactic)`), for the overview charts. Groups sorted by rule count
 * (descending), then key.
 */
import { sumFigures } from './logic.js';
import type { GroupFigures, RuleCoverage } from './model.js';

function group(key: string, label: string, rules: readonly RuleCoverage[]): GroupFigures {
  const count = (s: RuleCoverage['testStatus']): number => rules.filter((r) => r.testStatus === s).length;
  return {
    key,
    label,
    rules: rules.length,
    tested: count('tested'),
    partlyTested: count('partly-tested'),
    untested: count('untested'),
    failing: count('failing'),
    items: sumFigures(rules.map((r) => r.figures)).items,
  };
}

function grouped(rules: readonly RuleCoverage[], keysOf: (r: RuleCoverage) => { key: string; label: string }[]): GroupFigures[] {
  const buckets = new Map<string, { label: string; rules: RuleCoverage[] }>();
  for (const rule of rules) {
    for (const { key, label } of keysOf(rule)) {
      const bucket = buckets.get(key) ?? { label, rules: [] };
      bucket.rules.push(rule);
      buckets.set(key, bucket);
    }
  }
  return [...buckets.entries()]
    .map(([key, b]) => group(key, b.label, b.rules))
    .sort((a, b) => b.rules - a.rules || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function byLogsource(rules: readonly RuleCoverage[]): GroupFigures[] {
  return grouped(rules, (r) => [{ key: r.logsourceKey, label: r.logsourceKey }]);
}

export function byTactic(rules: readonly RuleCoverage[]): GroupFigures[] {
  return grouped(rules, (r) => (r.tactics.length === 0 ? [{ key: '(none)', label: '(no tactic)' }] : r.tactics.map((t) => ({ key: t.name, label: `${t.name} (${t.id})` }))));
}
