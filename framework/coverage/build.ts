/**
 * RunReport + the prepared suite (rules with their runnable cases) + optional fuzz report and catalog →
 * CoverageReport. Pure apart from the evaluators: no I/O, no clock. Every rule of the run gets a record (untested
 * rules too: their items count as uncovered in `totals.percent`); rules of the suite the run left out
 * (--filter) are not reported. Problems: the run's error problems except policy ones (those are the
 * rulesWithoutPositive / rulesWithoutNegative figures). With `ruleset` (the loaded correlations and documents),
 * the correlation rules the run reported get records of their own (correlations.ts) and every meta filter is
 * listed with the rules it applies to (filter-index.ts); without it both lists are empty.
 */
import type { RunnableCase } from '../harness/evaluate-case.js';
import type { CaseResult, RunReport } from '../report/model.js';
import type { PreparedRule } from '../ruleset/build-ruleset.js';
import { pairResults } from './evidence.js';
import type { FuzzIndex } from './fuzz-findings.js';
import type { CatalogIndex } from './indicators.js';
import { percent, sumFigures, sumModifiers } from './logic.js';
import type { CorrelationCoverage, CoverageReport, CoverageSources, CoverageTotals, FuzzFigures, RuleCoverage } from './model.js';
import { ruleCoverage } from './rule-coverage.js';
import { byLogsource, byTactic } from './groups.js';
import { correlationSection, correlationTotals, type CorrelationSource } from './correlations.js';
import { filterIndex } from './filter-index.js';

export interface CoverageInput {
  readonly report: RunReport;
  readonly suite: readonly { readonly rule: PreparedRule; readonly cases: readonly RunnableCase[] }[];
  readonly sources: Omit<CoverageSources, 'catalog' | 'fuzz'>;
  readonly fuzz?: FuzzIndex;
  readonly catalog?: { readonly paths: readonly string[]; readonly index: CatalogIndex };
  /** The loaded correlations and documents (PreparedSuite.ruleset): correlation records and the filter index. */
  readonly ruleset?: CorrelationSource;
}

export const DEFINITIONS: Readonly<Record<string, string>> = {
  evidence:
    'Hand-written evidence: events of case files and regression data whose log-source gate holds and that were decided as their case asserts (match / no-match cases: every such event; passing count cases: each event as decided). Generated (fuzz) events are never evidence.',
  madeTrue: 'An item, value or selection is made true (false) when it held (did not hold) on some evidence event.',
  independent:
    'Independent (unique-cause MC/DC): two evidence events, one matching and one not, differ in its truth value while every other item of the rule (for a value: also the other values of its item; for a selection: the other selections) keeps its truth value.',
  logicCoverage: 'Logic coverage % = detection items made both true and false / all detection items, over all rules of the run (untested rules count as uncovered); --min-coverage compares against it.',
  testStatus:
    'tested: a passing positive and a passing negative case, no failure; partly-tested: cases, but no positive or no negative one; untested: no case; failing: a case failed or could not run.',
  indicators:
    'Catalog rules: rules of the --catalog using the same field (as written, no renames), operator (modifier chain without `all`, `equals` when none) and value (as matched: case-insensitive unless cased or a regular expression; YAML true ≡ "true", 4624 ≡ "4624"), this rule included when the catalog holds it; other rules: the same without this rule (by id).',
  correlations:
    'Correlation rules are covered by their sequence cases (never counted in the logic figures): a case fired when the correlation raised an alert on its events, stayed silent otherwise; a situation (case tag: positive, negative, near-miss, window-edge, group-by, missing-group-by, order, aliases, chain) is covered by a passing case with that tag (positive / negative: a passing case expecting alerts / none); a correlation without sequence cases is untested.',
  fuzz: 'Fuzz columns: near miss / independence pair found by `sigmatest fuzz` (generated events), shown beside the hand-written figures and never counted in them.',
};

function casesByRule(cases: readonly CaseResult[]): Map<string, CaseResult[]> {
  const map = new Map<string, CaseResult[]>();
  for (const c of cases) {
    const key = `${c.rulePath}\u0000${c.ruleId}`;
    map.set(key, [...(map.get(key) ?? []), c]);
  }
  return map;
}

function totalsOf(rules: readonly RuleCoverage[], correlations: readonly CorrelationCoverage[], report: RunReport, fuzz: FuzzIndex | undefined): CoverageTotals {
  const count = (p: (r: RuleCoverage) => boolean): number => rules.filter(p).length;
  const withCases = rules.filter((r) => r.cases.total > 0);
  const figures = sumFigures(rules.map((r) => r.figures));
  const testedFigures = sumFigures(withCases.map((r) => r.figures));
  const fuzzed = rules.map((r) => r.fuzz).filter((f): f is FuzzFigures => f !== undefined);
  const fuzzTotals = fuzz
    ? { fuzz: { rules: fuzzed.length, items: fuzzed.reduce((n, f) => n + f.items, 0), nearMiss: fuzzed.reduce((n, f) => n + f.nearMiss, 0), independencePair: fuzzed.reduce((n, f) => n + f.independencePair, 0) } }
    : {};
  return {
    rules: rules.length,
    rulesWithCases: withCases.length,
    rulesWithoutCases: rules.length - withCases.length,
    rulesWithoutPositive: count((r) => r.cases.positives === 0),
    rulesWithoutNegative: count((r) => r.cases.negatives === 0),
    tested: count((r) => r.testStatus === 'tested'),
    partlyTested: count((r) => r.testStatus === 'partly-tested'),
    untested: count((r) => r.testStatus === 'untested'),
    failing: count((r) => r.testStatus === 'failing'),
    cases: report.totals.cases,
    passed: report.totals.passed,
    failed: report.totals.failed,
    errors: report.totals.errors,
    figures,
    testedFigures,
    percent: percent(figures.items),
    testedPercent: percent(testedFigures.items),
    modifiers: sumModifiers(rules.map((r) => r.modifiers)),
    ...fuzzTotals,
    correlations: correlationTotals(correlations),
  };
}

export function buildCoverage(input: CoverageInput): CoverageReport {
  const { report } = input;
  const byRule = casesByRule(report.cases);
  const suite = new Map(input.suite.map((e) => [`${e.rule.ir.path}\u0000${e.rule.ir.id}`, e]));
  const detection: RuleCoverage[] = [];
  for (const summary of report.rules) {
    const key = `${summary.path}\u0000${summary.id}`;
    const entry = suite.get(key);
    if (!entry) continue;
    const cases = pairResults(summary.path, byRule.get(key) ?? [], entry.cases);
    detection.push(ruleCoverage({ rule: entry.rule, summary, cases, ...(input.fuzz ? { fuzz: input.fuzz } : {}), ...(input.catalog ? { catalog: input.catalog.index } : {}) }));
  }
  const source = input.ruleset ?? { correlations: [], documents: [] };
  const { rules, correlations } = correlationSection(report, source, detection);
  const sources: CoverageSources = {
    ...input.sources,
    ...(input.catalog ? { catalog: { paths: input.catalog.paths, rules: input.catalog.index.rules } } : {}),
    ...(input.fuzz ? { fuzz: { file: input.fuzz.file, seed: input.fuzz.seed, runs: input.fuzz.runs, rules: input.fuzz.rules } } : {}),
  };
  return {
    tool: report.tool,
    sources,
    definitions: DEFINITIONS,
    totals: totalsOf(rules, correlations, report, input.fuzz),
    byLogsource: byLogsource(rules),
    byTactic: byTactic(rules),
    rules,
    correlations,
    filters: filterIndex(source.documents, rules),
    failures: [...rules.flatMap((r) => r.failures), ...correlations.flatMap((c) => c.failures)],
    problems: report.problems.filter((p) => p.severity === 'error' && !p.code.startsWith('POLICY_')).map((p) => `${p.span.file}:${p.span.line} ${p.code} ${p.message}`),
    runDurationMs: report.durationMs,
  };
}
