/**
 * `sigmatest fuzz` as a function: every rule of a prepared ruleset fuzzed with the same seed (each rule gets
 * its own fast-check seed mixed from it), results sorted by rule path, totals computed; correlation results
 * (fuzz-correlations.ts) are added with withCorrelations. Pure apart from the clock and the progress callback.
 */
import type { PreparedRule } from '../../framework/ruleset/build-ruleset.js';
import { fuzzRule, type Decide } from './fuzz-rule.js';
import type { CorrelationFuzzEntry, FuzzReport, FuzzTotals, RuleFuzzResult } from './types.js';

export interface FuzzOptions {
  readonly runs: number;
  readonly seed: number;
  readonly replay?: string;
  readonly decide?: Decide;
  readonly collectExamples?: boolean;
  readonly version: string;
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: () => number;
}

export function fuzzTotals(rules: readonly RuleFuzzResult[], correlations: readonly CorrelationFuzzEntry[] = []): FuzzTotals {
  const items = rules.flatMap((r) => r.items);
  return {
    rules: rules.length,
    rulesWithPositive: rules.filter((r) => r.positive.found).length,
    items: items.length,
    itemsWithNearMiss: items.filter((i) => i.nearMiss).length,
    itemsWithPair: items.filter((i) => i.independencePair).length,
    checks: rules.reduce((s, r) => s + r.checks, 0),
    disagreements: rules.reduce((s, r) => s + r.disagreements, 0),
    failures: rules.reduce((s, r) => s + r.failures.length, 0),
    correlations: correlations.length,
    correlationsWithSequences: correlations.filter((c) => c.generated > 0).length,
    sequenceChecks: correlations.reduce((s, c) => s + c.checks, 0),
    sequenceFindings: correlations.reduce((s, c) => s + c.findings.length, 0),
  };
}

/** A report with the correlations' results in, totals recomputed. */
export function withCorrelations(report: FuzzReport, correlations: readonly CorrelationFuzzEntry[]): FuzzReport {
  return { ...report, correlations, totals: fuzzTotals(report.rules, correlations) };
}

/** Whether the run failed: a rule failure, an engine/reference disagreement or a correlation finding. */
export function fuzzFailed(report: FuzzReport): boolean {
  const t = report.totals;
  return t.failures + t.disagreements + (t.sequenceFindings ?? 0) > 0;
}

export function fuzzRules(rules: readonly PreparedRule[], options: FuzzOptions): FuzzReport {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const sorted = [...rules].sort((a, b) => (a.ir.path < b.ir.path ? -1 : a.ir.path > b.ir.path ? 1 : a.ir.id < b.ir.id ? -1 : 1));
  const results = sorted.map((rule, i) => {
    options.onProgress?.(i, sorted.length);
    return fuzzRule(rule, { runs: options.runs, seed: options.seed, ...(options.replay ? { path: options.replay } : {}), ...(options.decide ? { decide: options.decide } : {}), collectExamples: options.collectExamples ?? false });
  });
  options.onProgress?.(sorted.length, sorted.length);
  return { tool: { name: 'sigmatest', version: options.version }, seed: options.seed, runs: options.runs, rules: results, correlations: [], totals: fuzzTotals(results), durationMs: Math.round(now() - started) };
}
