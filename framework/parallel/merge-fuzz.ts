/**
 * Fuzz reports of disjoint rule shards → the report of the whole run: rules and correlations sorted by (path,
 * id) as fuzzRules and fuzzCorrelations sort them, totals recomputed (fuzzTotals), seed and runs of the parts
 * (the caller checks they agree), `durationMs` the longest part's. A report written before correlations were
 * fuzzed (no `correlations` key) counts as none. Pure.
 */
import { fuzzTotals } from '../../generators/fuzz/run-fuzz.js';
import type { FuzzReport } from '../../generators/fuzz/types.js';

const byPathThenId = (a: { path: string; id: string }, b: { path: string; id: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function mergeFuzzReports(parts: readonly FuzzReport[]): FuzzReport {
  const first = parts[0];
  if (!first) throw new Error('mergeFuzzReports: no reports');
  const rules = parts.flatMap((p) => p.rules).sort(byPathThenId);
  const correlations = parts.flatMap((p) => p.correlations ?? []).sort(byPathThenId);
  return { tool: first.tool, seed: first.seed, runs: first.runs, rules, correlations, totals: fuzzTotals(rules, correlations), durationMs: Math.max(...parts.map((p) => p.durationMs)) };
}
