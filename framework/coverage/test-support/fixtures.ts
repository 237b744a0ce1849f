/**
 * Fixtures for the coverage tests: a rule from YAML text prepared with the default log-source map, its cases run
 * through evaluateCase and turned into a RuleCoverage; the CoverageReport of the bundled rules and cases (the
 * real pipeline: runSuite + prepareSuite + buildCoverage, memoised); and a copy of it whose first rule, first
 * correlation and first filter carry hostile text (script tags, event handlers, a javascript: reference, Markdown
 * punctuation) everywhere.
 */
import type { Event } from '../../engine/event.js';
import { evaluateCase, type RunnableCase } from '../../harness/evaluate-case.js';
import { prepareSuite, runSuite } from '../../harness/run.js';
import { resolveRunSettings } from '../../harness/run-settings.js';
import { loadRuleText } from '../../loader/index.js';
import { defaultLogsourceMap } from '../../logsource/index.js';
import type { Expectation, RuleSummary } from '../../report/model.js';
import { prepareRuleset, type PreparedRule } from '../../ruleset/build-ruleset.js';
import { buildCoverage } from '../build.js';
import type { FuzzIndex } from '../fuzz-findings.js';
import type { CatalogIndex } from '../indicators.js';
import type { CorrelationCoverage, CorrelationLink, CoverageReport, FilterCoverage, RuleCoverage } from '../model.js';
import { ruleCoverage } from '../rule-coverage.js';

export const HOSTILE = `</script><img src=x onerror=alert(1)> <b>bold</b> & "quotes" 'single' | pipe \`tick\` [link](javascript:alert(2))`;

export const SYSMON_1 = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1 };

export function prepare(yaml: string): PreparedRule {
  const rules = prepareRuleset(loadRuleText(yaml, 'rules/test.yml'), { logsourceMap: defaultLogsourceMap().map }).rules;
  if (!rules[0]) throw new Error('fixture rule did not load');
  return rules[0];
}

export function kase(name: string, expect: Expectation, events: Event[], line = 1): RunnableCase {
  return { name, origin: 'case-file', span: { file: 'cases/test.yml', line, col: 5 }, expect, events, tags: [] };
}

export function coverageOf(rule: PreparedRule, cases: readonly RunnableCase[], extra: { fuzz?: FuzzIndex; catalog?: CatalogIndex } = {}): RuleCoverage {
  const results = cases.map((c) => ({ result: evaluateCase(rule, c), events: c.events }));
  const positives = results.filter(({ result }) => result.expect.kind === 'match').length;
  const summary: RuleSummary = {
    id: rule.ir.id, title: rule.ir.title, path: rule.ir.path, span: rule.source.span, tags: rule.source.tags,
    cases: results.length, passed: results.filter(({ result }) => result.status === 'pass').length,
    failed: results.filter(({ result }) => result.status === 'fail').length, errors: 0,
    positives, negatives: results.length - positives,
  };
  return ruleCoverage({ rule, summary, cases: results, ...extra });
}

let bundled: Promise<CoverageReport> | undefined;

/** The coverage of the bundled rules and cases (cwd: the repository root, as under vitest). */
export function bundledCoverage(): Promise<CoverageReport> {
  bundled ??= (async () => {
    const { settings } = await resolveRunSettings({});
    if (!settings) throw new Error('cannot resolve the bundled run settings');
    const report = await runSuite({ ...settings, version: 'test' });
    const suite = await prepareSuite(settings);
    return buildCoverage({ report, suite: suite.entries, ruleset: suite.ruleset, sources: { rules: settings.rules, cases: settings.cases, regression: settings.regression } });
  })();
  return bundled;
}

function hostileRule(r: RuleCoverage): RuleCoverage {
  return {
    ...r,
    title: HOSTILE, description: HOSTILE, author: HOSTILE, references: ['javascript:alert(3)', HOSTILE], falsepositives: [HOSTILE],
    conditions: [HOSTILE],
    selections: r.selections.map((s) => ({ ...s, name: HOSTILE, items: s.items.map((i) => ({ ...i, field: HOSTILE, values: [HOSTILE] })) })),
    indicators: r.indicators.map((i) => ({ ...i, field: HOSTILE, value: HOSTILE, selection: HOSTILE })),
    caseRows: r.caseRows.map((c) => ({ ...c, name: HOSTILE, message: HOSTILE })),
    failures: [{ ruleTitle: HOSTILE, rulePath: HOSTILE, page: r.page, name: HOSTILE, file: HOSTILE, line: 1, outcome: HOSTILE, message: HOSTILE, events: [{ heading: HOSTILE, lines: [{ depth: 0, held: false, text: HOSTILE }] }] }],
  };
}

function hostileLink(l: CorrelationLink): CorrelationLink {
  return { ...l, title: HOSTILE };
}

/** A correlation whose every text (title, name, group-by, field, aliases, references, cases, alert groups) is hostile. */
export function hostileCorrelation(c: CorrelationCoverage): CorrelationCoverage {
  const group = { [HOSTILE]: HOSTILE };
  return {
    ...c,
    title: HOSTILE, name: HOSTILE, description: HOSTILE, author: HOSTILE, references: ['javascript:alert(3)', HOSTILE], falsepositives: [HOSTILE],
    groupBy: [HOSTILE], field: [HOSTILE], aliases: { [HOSTILE]: { [HOSTILE]: HOSTILE } }, timespan: HOSTILE,
    rules: c.rules.map((r) => ({ ...r, reference: HOSTILE, title: HOSTILE })),
    ...(c.correlations ? { correlations: c.correlations.map(hostileLink) } : {}),
    situations: c.situations.map((x) => ({ ...x, tag: HOSTILE, label: HOSTILE })),
    caseRows: c.caseRows.map((r) => ({ ...r, name: HOSTILE, tags: [HOSTILE], expected: HOSTILE, message: HOSTILE, note: HOSTILE, alerts: 1, groups: [group] })),
    failures: [{ ruleTitle: HOSTILE, rulePath: HOSTILE, page: c.page, name: HOSTILE, file: HOSTILE, line: 1, outcome: HOSTILE, message: HOSTILE, events: [{ heading: HOSTILE, lines: [{ depth: 0, text: HOSTILE }] }] }],
  };
}

function hostileFilter(f: FilterCoverage): FilterCoverage {
  return { ...f, id: HOSTILE, title: HOSTILE, path: HOSTILE, logsource: { product: HOSTILE }, targets: [HOSTILE], condition: HOSTILE, appliesTo: f.appliesTo.map((t) => ({ ...t, title: HOSTILE })) };
}

/** The report with hostile text in its first rule (and the correlation links to it), first correlation and first filter. */
export function hostileCoverage(report: CoverageReport): CoverageReport {
  const rules = report.rules.map((r, i) => (i === 0 ? hostileRule(r) : r.correlations ? { ...r, correlations: r.correlations.map(hostileLink) } : r));
  const correlations = report.correlations.map((c, i) => (i === 0 ? hostileCorrelation(c) : c));
  const filters = report.filters.map((f, i) => (i === 0 ? hostileFilter(f) : f));
  return { ...report, rules, correlations, filters, failures: [...(rules[0]?.failures ?? []), ...(correlations[0]?.failures ?? [])], problems: [HOSTILE] };
}
