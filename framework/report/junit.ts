/**
 * junit.xml (the de-facto JUnit schema that GitLab, Jenkins and the GitHub reporter actions read).
 * Contract: `<testsuites name="sigmatest">` holds one `<testsuite>` per rule (name = rule title, properties
 * rule.id / rule.path / rule.level, `file` = rule path) with one `<testcase>` per case (classname = rule path,
 * `file`/`line` = the case's), `<failure>` for status fail and `<error>` for status error, each with the expected
 * vs actual line as `message` and the explanation as text; then a suite "sigmatest problems" with one testcase
 * per Problem: `<failure>` when its severity is error, a passing testcase with `<system-out>` when a warning.
 * Counts: tests = cases + problems, failures = failed cases + error problems, errors = erroring cases, skipped 0
 * (so they equal results.json's totals). Everything is XML-escaped; characters illegal in XML 1.0 are stripped.
 */
import { displayPath, expectedVsActual, failureDetails, failureKind } from './format.js';
import type { CaseResult, Problem, RuleSummary, RunReport } from './model.js';

/** Deciding events written out per failing case. */
const MAX_EVENTS = 5;
const PROBLEMS_SUITE = 'sigmatest problems';

interface Counts {
  tests: number;
  failures: number;
  errors: number;
}

// Tab, LF, CR and the legal ranges of XML 1.0; lone surrogates fall outside them under the `u` flag.
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: `&`, `<`, `>` escaped (so `]]>` can never appear), illegal characters stripped. */
export function xmlText(s: string): string {
  return s.replace(ILLEGAL_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted): also `"`, `'` and the whitespace that attribute normalisation would eat. */
export function xmlAttr(s: string): string {
  return xmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function attrs(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function countsAttrs(c: Counts, time?: number): string {
  const base = { tests: c.tests, failures: c.failures, errors: c.errors, skipped: 0 };
  return attrs(time === undefined ? base : { ...base, time: (time / 1000).toFixed(3) });
}

function caseCounts(cases: readonly CaseResult[]): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.status === 'fail').length,
    errors: cases.filter((c) => c.status === 'error').length,
  };
}

function problemCounts(problems: readonly Problem[]): Counts {
  return { tests: problems.length, failures: problems.filter((p) => p.severity === 'error').length, errors: 0 };
}

function testcase(c: CaseResult): string {
  const head = `    <testcase${attrs({
    name: c.name,
    classname: displayPath(c.rulePath),
    file: displayPath(c.span.file),
    line: c.span.line,
  })}`;
  if (c.status === 'pass') {
    if (c.warning === undefined) return `${head}/>`;
    return `${head}>\n      <system-out>${xmlText(c.warning)}</system-out>\n    </testcase>`;
  }
  const tag = c.status === 'error' ? 'error' : 'failure';
  const message = c.message ?? expectedVsActual(c);
  const body = xmlText(failureDetails(c, MAX_EVENTS).join('\n'));
  const el = `<${tag}${attrs({ message, type: failureKind(c) })}>${body}</${tag}>`;
  return `${head}>\n      ${el}\n    </testcase>`;
}

function properties(rule: RuleSummary): string {
  const props: [string, string][] = [
    ['rule.id', rule.id],
    ['rule.path', displayPath(rule.path)],
    ['rule.line', String(rule.span.line)],
  ];
  if (rule.level !== undefined) props.push(['rule.level', rule.level]);
  const lines = props.map(([name, value]) => `      <property${attrs({ name, value })}/>`);
  return `    <properties>\n${lines.join('\n')}\n    </properties>`;
}

function ruleSuite(rule: RuleSummary, cases: readonly CaseResult[]): string {
  const open = `  <testsuite${attrs({ name: rule.title })}${countsAttrs(caseCounts(cases))}${attrs({
    file: displayPath(rule.path),
  })}>`;
  return [open, properties(rule), ...cases.map(testcase), '  </testsuite>'].join('\n');
}

function problemCase(p: Problem): string {
  const where = `${displayPath(p.span.file)}:${p.span.line}`;
  const head = `    <testcase${attrs({
    name: `${p.code} ${where}`,
    classname: PROBLEMS_SUITE,
    file: displayPath(p.span.file),
    line: p.span.line,
  })}>`;
  const text = xmlText(`${where}:${p.span.col} ${p.severity} ${p.code} ${p.message}`);
  const inner =
    p.severity === 'error'
      ? `<failure${attrs({ message: p.message, type: p.code })}>${text}</failure>`
      : `<system-out>${text}</system-out>`;
  return `${head}\n      ${inner}\n    </testcase>`;
}

function problemSuite(problems: readonly Problem[]): string {
  const open = `  <testsuite${attrs({ name: PROBLEMS_SUITE })}${countsAttrs(problemCounts(problems))}>`;
  return [open, ...problems.map(problemCase), '  </testsuite>'].join('\n');
}

/** Cases of each rule, in report order; cases whose rule has no summary get a suite of their own. */
function suites(report: RunReport): { rule: RuleSummary; cases: CaseResult[] }[] {
  const out = report.rules.map((rule) => ({ rule, cases: [] as CaseResult[] }));
  for (const c of report.cases) {
    let entry = out.find((s) => s.rule.path === c.rulePath && s.rule.id === c.ruleId);
    entry ??= out.find((s) => s.rule.path === c.rulePath);
    if (entry === undefined) {
      entry = { rule: orphanRule(c), cases: [] };
      out.push(entry);
    }
    entry.cases.push(c);
  }
  return out;
}

function orphanRule(c: CaseResult): RuleSummary {
  return {
    id: c.ruleId, title: c.ruleTitle, path: c.rulePath, span: c.ruleSpan, tags: [],
    cases: 0, passed: 0, failed: 0, errors: 0, positives: 0, negatives: 0,
  };
}

export function renderJunit(report: RunReport): string {
  const c = caseCounts(report.cases);
  const p = problemCounts(report.problems);
  const total = { tests: c.tests + p.tests, failures: c.failures + p.failures, errors: c.errors };
  const body = suites(report).map((s) => ruleSuite(s.rule, s.cases));
  if (report.problems.length > 0) body.push(problemSuite(report.problems));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'sigmatest' })}${countsAttrs(total, report.durationMs)}>`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
