/**
 * RunReports of disjoint parts of one run (shards, or the chunks worker threads evaluated) → the report of the
 * whole, as runPreparedSuite would have produced it: rules by path, cases by rule path, problems by (file, line,
 * col), diagnostics by compareDiagnostics — every sort stable, so items that tie keep their order within the part
 * that holds them (a rule file's items are always in one part) — then totals and exit code recomputed from the
 * merged items. `durationMs` is the longest part's; `shard` is dropped. Pure.
 */
import { compareDiagnostics } from '../diagnostics.js';
import { runTotals } from '../harness/run.js';
import type { CaseResult, Problem, RuleSummary, RunReport, RunTotals } from '../report/model.js';

function compareProblems(a: Problem, b: Problem): number {
  return a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.line - b.span.line || a.span.col - b.span.col;
}

const byPath = <T>(key: (t: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export { runTotals };

export function exitCodeOf(totals: RunTotals): 0 | 1 {
  return totals.failed + totals.errors + totals.problems > 0 ? 1 : 0;
}

export function mergeRunReports(parts: readonly RunReport[]): RunReport {
  const first = parts[0];
  if (!first) throw new Error('mergeRunReports: no reports');
  const rules = parts.flatMap((p) => p.rules).sort(byPath((r: RuleSummary) => r.path));
  const cases = parts.flatMap((p) => p.cases).sort(byPath((c: CaseResult) => c.rulePath));
  const problems = parts.flatMap((p) => p.problems).sort(compareProblems);
  const diagnostics = parts.flatMap((p) => p.diagnostics).sort(compareDiagnostics);
  const totals = runTotals(rules, cases, problems);
  const durationMs = Math.max(...parts.map((p) => p.durationMs));
  return { tool: first.tool, rules, cases, problems, diagnostics, totals, durationMs, exitCode: exitCodeOf(totals) };
}

/** `report` with `extra` problems added (sorted in) and its totals and exit code recomputed. */
export function withProblems(report: RunReport, extra: readonly Problem[]): RunReport {
  if (extra.length === 0) return report;
  const problems = [...report.problems, ...extra].sort(compareProblems);
  const totals = runTotals(report.rules, report.cases, problems);
  return { ...report, problems, totals, exitCode: exitCodeOf(totals) };
}
