/**
 * `sigmatest run` as a function: rules + case files + regression data → RunReport (plain data).
 * Contract ("no silent passes"): every rule that failed to load, every case file that is invalid or names an
 * unknown rule, an empty rule set and every policy violation is a Problem of severity error, and any error
 * problem, failing or erroring case makes exitCode 1. Rules are evaluated in path order; output is sorted.
 * Correlation rules are "rules" too: their case files hold sequence cases (evaluate-sequence.ts), their summaries
 * carry `correlation`; a case of the wrong kind for its rule (alerts on a detection rule, match/no-match on a
 * correlation) is a CASE_FILE problem and is not run.
 */
import path from 'node:path';
import type { IrCorrelation } from '../correlation/index.js';
import type { Diagnostic } from '../diagnostics.js';
import type { AlertsExpectation, CaseResult, Expectation, Problem, RuleSummary, RunReport, RunTotals } from '../report/model.js';
import { buildRuleset, type PreparedRule, type Ruleset, type RulesetOptions } from '../ruleset/build-ruleset.js';
import type { SourceSpan } from '../source.js';
import { loadCaseFiles, type CaseFile, type TestCase } from './case-file.js';
import { evaluateCase, type RunnableCase } from './evaluate-case.js';
import { correlationScope, evaluateSequence, type CorrelationScope, type SequenceCase } from './evaluate-sequence.js';
import { pairCases } from './pair-cases.js';
import { regressionCases } from './regression-cases.js';

export interface CasePolicy {
  readonly requirePositive: boolean;
  readonly requireNegative: boolean;
}

export const STRICT_POLICY: CasePolicy = { requirePositive: true, requireNegative: true };
export const LENIENT_POLICY: CasePolicy = { requirePositive: false, requireNegative: false };

export interface RunOptions {
  readonly rules: readonly string[];
  readonly cases: readonly string[];
  readonly regression: readonly string[];
  readonly policy: CasePolicy;
  readonly ruleset: Omit<RulesetOptions, 'unresolvedPlaceholder'>;
  /** Case-insensitive substring of a rule id, title or path, or of a case name. */
  readonly filter?: string;
  /** Absolute paths of changed files: only rules whose rule file or case file changed are run. */
  readonly changedFiles?: ReadonlySet<string>;
  readonly version: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** Injected clock (architecture rule 7: no Date.now in the core). */
  readonly now?: () => number;
}

/**
 * Rule diagnostics of severity error → problems. A rule that needs placeholder values nobody gave cannot be
 * evaluated (the spec says reject it): an error under a policy that requires cases, a warning ("not run")
 * under the lenient policy, which is for running foreign rule sets.
 */
function ruleProblems(ruleset: Ruleset, rulePaths: readonly string[], policy: CasePolicy): Problem[] {
  const lenient = !policy.requirePositive && !policy.requireNegative;
  const problems: Problem[] = ruleset.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({
      code: d.code === 'IO_ERROR' || d.code === 'NO_RULE_FILES' ? 'NO_RULES' : 'RULE_LOAD',
      severity: lenient && d.code === 'UNRESOLVED_PLACEHOLDER' ? 'warning' : 'error',
      message: `${d.code}: ${d.message}`,
      span: d.span,
    }));
  if (ruleset.rules.length === 0 && ruleset.loadedDocuments === 0) {
    problems.push({ code: 'NO_RULES', severity: 'error', message: `no rules found in ${rulePaths.join(', ')}`, span: { file: rulePaths[0] ?? '.', line: 1, col: 1 } });
  }
  return problems;
}

function caseFileProblems(diagnostics: readonly Diagnostic[]): Problem[] {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ code: 'CASE_FILE', severity: 'error', message: `${d.code}: ${d.message}`, span: d.span }));
}

type DetectionCase = TestCase & { readonly expect: Expectation };
type AlertsCase = TestCase & { readonly expect: AlertsExpectation };

function isAlertsCase(c: TestCase): c is AlertsCase {
  return c.expect.kind === 'alerts';
}

function isDetectionCase(c: TestCase): c is DetectionCase {
  return c.expect.kind !== 'alerts';
}

function toRunnable(file: CaseFile): RunnableCase[] {
  return file.cases.filter(isDetectionCase).map(({ timestampField: _unused, ...c }) => ({ ...c, origin: 'case-file' as const }));
}

function toSequenceCases(file: CaseFile): SequenceCase[] {
  return file.cases.filter(isAlertsCase).map((c) => ({ ...c, origin: 'case-file' as const }));
}

/** Cases that do not suit their rule's kind: problems, never run (a silent skip would hide them). */
function misplacedCases(files: readonly CaseFile[], correlation: boolean): Problem[] {
  return files.flatMap((file) =>
    file.cases
      .filter((c) => (correlation ? !isAlertsCase(c) : isAlertsCase(c)))
      .map((c): Problem => ({
        code: 'CASE_FILE',
        severity: 'error',
        message: correlation
          ? `case '${c.name}' expects match/no-match, but ${file.rule} is a correlation rule: a sequence case needs expect: {alerts: N, groups: [...]}`
          : `case '${c.name}' expects alerts, but ${file.rule} is a detection rule: use expect: match | no-match, or matches: N`,
        span: c.span,
      })),
  );
}

function matchesFilter(filter: string | undefined, ...texts: string[]): boolean {
  if (filter === undefined || filter === '') return true;
  const needle = filter.toLowerCase();
  return texts.some((t) => t.toLowerCase().includes(needle));
}

/** What the policy looks at: a case's expectation and how many events it has (no evaluation needed). */
export interface CaseShape {
  readonly expect: CaseResult['expect'];
  readonly events: number;
}

export function shapeOf(c: RunnableCase | SequenceCase): CaseShape {
  return { expect: c.expect, events: c.events.length };
}

/** Positive: must match (sequence cases: must raise an alert). */
function isPositive(c: CaseShape): boolean {
  if (c.expect.kind === 'alerts') return c.expect.alerts > 0;
  return c.expect.kind === 'match' || (c.expect.kind === 'count' && c.expect.count > 0);
}

/** Negative: must not match (sequence cases: must raise no alert). */
function isNegative(c: CaseShape): boolean {
  if (c.expect.kind === 'alerts') return c.expect.alerts === 0;
  return c.expect.kind === 'no-match' || (c.expect.kind === 'count' && c.expect.count < c.events);
}

function requiredCases(subject: { readonly id: string; readonly title: string; readonly span: SourceSpan; readonly what: string }, results: readonly CaseShape[], policy: CasePolicy): Problem[] {
  const problems: Problem[] = [];
  const { span, id: ruleId } = subject;
  const [must, mustNot] = subject.what === 'correlation' ? ['a sequence that must raise an alert', 'a sequence that must raise none'] : ['an event it must match', 'an event it must not match'];
  if (policy.requirePositive && !results.some(isPositive)) {
    problems.push({ code: 'POLICY_NO_POSITIVE', severity: 'error', message: `${subject.what} ${subject.title} has no positive case (${must})`, span, ruleId });
  }
  if (policy.requireNegative && !results.some(isNegative)) {
    problems.push({ code: 'POLICY_NO_NEGATIVE', severity: 'error', message: `${subject.what} ${subject.title} has no negative case (${mustNot})`, span, ruleId });
  }
  return problems;
}

export function policyProblems(rule: PreparedRule, results: readonly CaseShape[], policy: CasePolicy): Problem[] {
  return requiredCases({ id: rule.ir.id, title: rule.ir.title, span: rule.source.span, what: 'rule' }, results, policy);
}

export function correlationPolicyProblems(correlation: IrCorrelation, results: readonly CaseShape[], policy: CasePolicy): Problem[] {
  return requiredCases({ id: correlation.id, title: correlation.title, span: correlation.span, what: 'correlation' }, results, policy);
}

/** The case counts of a rule summary (detection or correlation rule). */
function caseCounts(results: readonly CaseResult[]): Pick<RuleSummary, 'cases' | 'passed' | 'failed' | 'errors' | 'positives' | 'negatives'> {
  const count = (status: CaseResult['status']): number => results.filter((r) => r.status === status).length;
  return {
    cases: results.length,
    passed: count('pass'),
    failed: count('fail'),
    errors: count('error'),
    positives: results.filter(isPositive).length,
    negatives: results.filter(isNegative).length,
  };
}

function summarize(rule: PreparedRule, results: readonly CaseResult[]): RuleSummary {
  return {
    id: rule.ir.id,
    title: rule.ir.title,
    path: rule.ir.path,
    ...(rule.ir.level !== undefined ? { level: rule.ir.level } : {}),
    span: rule.source.span,
    tags: rule.source.tags,
    ...caseCounts(results),
  };
}

function summarizeCorrelation(entry: SequenceEntry, results: readonly CaseResult[]): RuleSummary {
  const c = entry.correlation;
  return {
    id: c.id,
    title: c.title,
    path: c.path,
    ...(c.level !== undefined ? { level: c.level } : {}),
    span: c.span,
    tags: entry.tags,
    ...caseCounts(results),
    correlation: { type: c.type, window: c.window, timespan: c.timespan },
  };
}

function selected(rule: PreparedRule, files: readonly CaseFile[], options: Pick<RunOptions, 'changedFiles'>): boolean {
  if (!options.changedFiles) return true;
  return touchedAny([rule.source.file, ...files.map((f) => f.file)], options);
}

function touchedAny(files: readonly string[], options: Pick<RunOptions, 'changedFiles'>): boolean {
  if (!options.changedFiles) return true;
  return files.map((f) => path.resolve(f)).some((f) => options.changedFiles!.has(f));
}

/** The totals of `sigmatest run` for these rules, cases and problems (merge-reports recomputes them the same way). */
export function runTotals(rules: readonly RuleSummary[], cases: readonly CaseResult[], problems: readonly Problem[]): RunTotals {
  return {
    rules: rules.length,
    rulesWithCases: rules.filter((r) => r.cases > 0).length,
    cases: cases.length,
    passed: cases.filter((c) => c.status === 'pass').length,
    failed: cases.filter((c) => c.status === 'fail').length,
    errors: cases.filter((c) => c.status === 'error').length,
    warnings: cases.filter((c) => c.warning !== undefined).length + problems.filter((p) => p.severity === 'warning').length,
    problems: problems.filter((p) => p.severity === 'error').length,
  };
}

/** Everything loaded and paired, before any case runs (shared by runSuite and the vitest registration). */
export interface PreparedSuite {
  readonly ruleset: Ruleset;
  /** Rules in path order, each with its runnable cases (case files first, then regression tests). */
  readonly entries: readonly SuiteEntry[];
  /** Correlation rules in path order, each with its sequence cases. */
  readonly sequences: readonly SequenceEntry[];
  readonly problems: readonly Problem[];
}

export interface SequenceEntry {
  readonly correlation: IrCorrelation;
  /** The correlation with its inner correlations and referenced detection rules. */
  readonly scope: CorrelationScope;
  readonly cases: readonly SequenceCase[];
  readonly tags: readonly string[];
  readonly selected: boolean;
  readonly ruleHit: boolean;
}

export interface SuiteEntry {
  readonly rule: PreparedRule;
  readonly cases: readonly RunnableCase[];
  /** False when --filter / --changed-since leave the rule out. */
  readonly selected: boolean;
  /** Whether the rule itself matched --filter (then all its cases run; else only cases whose name matched). */
  readonly ruleHit: boolean;
}

export async function prepareSuite(options: Omit<RunOptions, 'version' | 'onProgress' | 'now'>): Promise<PreparedSuite> {
  const ruleset = await buildRuleset(options.rules, { ...options.ruleset, unresolvedPlaceholder: 'error' });
  const caseSet = await loadCaseFiles(options.cases);
  const paired = pairCases(ruleset, caseSet.files);
  const regression = await regressionCases(ruleset, options.regression);
  const misplaced = [...paired.byRule.values()].flatMap((files) => misplacedCases(files, false));
  misplaced.push(...[...paired.byCorrelation.values()].flatMap((files) => misplacedCases(files, true)));
  const problems: Problem[] = [...ruleProblems(ruleset, options.rules, options.policy), ...caseFileProblems(caseSet.diagnostics), ...paired.problems, ...regression.problems, ...misplaced];
  const rules = [...ruleset.rules].sort((a, b) => (a.ir.path < b.ir.path ? -1 : a.ir.path > b.ir.path ? 1 : 0));
  const entries = rules.map((rule): SuiteEntry => {
    const files = paired.byRule.get(rule) ?? [];
    const cases = [...files.flatMap(toRunnable), ...(regression.byRule.get(rule) ?? [])];
    const ruleHit = matchesFilter(options.filter, rule.ir.id, rule.ir.title, rule.ir.path);
    const anyCaseHit = cases.some((c) => matchesFilter(options.filter, c.name));
    return { rule, cases, ruleHit, selected: selected(rule, files, options) && (ruleHit || anyCaseHit) };
  });
  return { ruleset, entries, sequences: sequenceEntries(ruleset, paired.byCorrelation, options), problems };
}

function correlationTags(ruleset: Ruleset, c: IrCorrelation): readonly string[] {
  const doc = ruleset.documents.find((d) => d.kind === 'correlation' && d.file === c.path && d.span.line === c.span.line && d.span.col === c.span.col);
  return doc?.tags ?? [];
}

function sequenceEntries(ruleset: Ruleset, byCorrelation: ReadonlyMap<IrCorrelation, readonly CaseFile[]>, options: Pick<RunOptions, 'filter' | 'changedFiles'>): SequenceEntry[] {
  const correlations = [...ruleset.correlations].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.span.line - b.span.line));
  return correlations.map((correlation): SequenceEntry => {
    const files = byCorrelation.get(correlation) ?? [];
    const cases = files.flatMap(toSequenceCases);
    const ruleHit = matchesFilter(options.filter, correlation.id, correlation.title, correlation.path);
    const anyCaseHit = cases.some((c) => matchesFilter(options.filter, c.name));
    const scope = correlationScope(correlation, ruleset.correlations, ruleset.rules);
    // --changed-since: the correlation, its inner correlations, the rules they reference and its case files.
    const inputs = [...scope.correlations.map((c) => c.path), ...scope.rules.map((r) => r.source.file), ...files.map((f) => f.file)];
    const isSelected = touchedAny(inputs, options) && (ruleHit || anyCaseHit);
    return { correlation, scope, cases, tags: correlationTags(ruleset, correlation), ruleHit, selected: isSelected };
  });
}

/** The cases of an entry that the filter selects. */
export function selectedCases<C extends { readonly name: string }>(entry: { readonly ruleHit: boolean; readonly cases: readonly C[] }, filter: string | undefined): readonly C[] {
  return entry.ruleHit ? entry.cases : entry.cases.filter((c) => matchesFilter(filter, c.name));
}

export async function runSuite(options: RunOptions): Promise<RunReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const report = runPreparedSuite(await prepareSuite(options), options);
  return { ...report, durationMs: Math.round(now() - started) };
}

/**
 * Run the cases of an already prepared suite (callers that also need the suite itself, such as coverage,
 * load the rules and cases once). `durationMs` counts from this call; runSuite's includes the loading.
 */
export function runPreparedSuite(suite: PreparedSuite, options: Omit<RunOptions, 'rules' | 'cases' | 'regression' | 'ruleset'>): RunReport {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const problems = [...suite.problems];
  const summaries: RuleSummary[] = [];
  const results: CaseResult[] = [];
  let done = 0;
  const total = suite.entries.length + suite.sequences.length;
  for (const entry of suite.entries) {
    options.onProgress?.(done++, total);
    if (!entry.selected) continue;
    const chosen = selectedCases(entry, options.filter);
    const ruleResults = chosen.map((c) => evaluateCase(entry.rule, c));
    problems.push(...policyProblems(entry.rule, entry.cases.map(shapeOf), options.policy));
    summaries.push(summarize(entry.rule, ruleResults));
    results.push(...ruleResults);
  }
  for (const entry of suite.sequences) {
    options.onProgress?.(done++, total);
    if (!entry.selected) continue;
    const sequenceResults = selectedCases(entry, options.filter).map((c) => evaluateSequence(entry.scope, c));
    problems.push(...correlationPolicyProblems(entry.correlation, entry.cases.map(shapeOf), options.policy));
    summaries.push(summarizeCorrelation(entry, sequenceResults));
    results.push(...sequenceResults);
  }
  options.onProgress?.(total, total);
  // Stable sorts: rules and correlations interleave by path; each rule's cases keep their order.
  summaries.sort((a, b) => compareText(a.path, b.path));
  results.sort((a, b) => compareText(a.rulePath, b.rulePath));
  problems.sort(compareProblems);
  const t = runTotals(summaries, results, problems);
  const exitCode = t.failed + t.errors + t.problems > 0 ? 1 : 0;
  const diagnostics = suite.ruleset.diagnostics.filter((d) => d.severity !== 'error');
  return { tool: { name: 'sigmatest', version: options.version }, rules: summaries, cases: results, problems, diagnostics, totals: t, durationMs: Math.round(now() - started), exitCode };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareProblems(a: Problem, b: Problem): number {
  return a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.line - b.span.line || a.span.col - b.span.col;
}
