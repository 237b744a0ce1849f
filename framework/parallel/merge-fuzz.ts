/**
 * Fuzz reports of disjoint rule shards → the report of the whole run: rules sorted by (path, id) as fuzzRules
 * sorts them, totals recomputed (fuzzTotals), seed and runs of the parts (the caller checks they agree),
 * `durationMs` the longest part's. Pure.
 */
import { fuzzTotals } from '../../generators/fuzz/run-fuzz.js';
import type { FuzzReport, RuleFuzzResult } from '../../generators/fuzz/types.js';

const byPathThenId = (a: RuleFuzzResult, b: RuleFuzzResult): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function mergeFuzzReports(parts: readonly FuzzReport[]): FuzzReport {
  const first = parts[0];
  if (!first) throw new Error('mergeFuzzReports: no reports');
  const rules = parts.flatMap((p) => p.rules).sort(byPathThenId);
  return { tool: first.tool, seed: first.seed, runs: first.runs, rules, totals: fuzzTotals(rules), durationMs: Math.max(...parts.map((p) => p.durationMs)) };
}
