/**
 * summary.md (also appended to $GITHUB_STEP_SUMMARY). Contract: a headline (✅ when exitCode is 0, else ❌, with
 * the counts), a table with one row per rule (rule, cases, passed, failed, errors; a correlation rule also shows its
 * type and window model), a "Failures" section with
 * every failing or erroring case (file:line, expected vs actual, message, the deciding events' explanations as
 * selections → items with ✓/✗), a "Not run / problems" section with every Problem (file:line; errors first),
 * then warnings (passing cases with a warning, rule-loading diagnostics). Text from the report is escaped:
 * Markdown punctuation backslash-escaped, code spans fenced safely, control characters stripped; in table cells
 * `|` is escaped and newlines become `<br>`; elsewhere newlines become spaces.
 */
import {
  decidingOutcomes,
  describeOutcome,
  displayPath,
  expectedVsActual,
  explanationLines,
  isFailing,
  mark,
  sequenceLines,
} from './format.js';
import type { CaseResult, Problem, RunReport } from './model.js';
import type { SourceSpan } from '../source.js';

/** Deciding events explained per failing case. */
const MAX_EVENTS = 3;

// C0 controls except tab/LF/CR, DEL, C1 controls, lone surrogates.
const CONTROL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(s: string): string {
  return s.replace(CONTROL, '');
}

/** Prose: Markdown/HTML punctuation escaped, newlines → spaces. */
export function mdText(s: string): string {
  return clean(s)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]<>&#~!]/g, (ch) => `\\${ch}`);
}

/** Inline code span whose fence is longer than any backtick run inside; newlines → spaces. */
export function mdCode(s: string): string {
  const text = clean(s).replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A table cell from already-rendered Markdown: `|` escaped (inside code spans too, as GFM requires). */
export function mdCell(rendered: string): string {
  return rendered.replace(/\r\n|\r|\n/g, '<br>').replace(/\|/g, '\\|');
}

function where(span: SourceSpan): string {
  return mdCode(`${displayPath(span.file)}:${span.line}`);
}

function headline(report: RunReport): string {
  const t = report.totals;
  const ok = report.exitCode === 0;
  const parts = [
    `${t.cases} case${t.cases === 1 ? '' : 's'}`,
    `${t.passed} passed`,
    `${t.failed} failed`,
    `${t.errors} error${t.errors === 1 ? '' : 's'}`,
    `${t.problems} problem${t.problems === 1 ? '' : 's'}`,
    `${t.warnings} warning${t.warnings === 1 ? '' : 's'}`,
  ];
  return `# ${ok ? '✅' : '❌'} sigmatest: ${parts.join(', ')} (${t.rules} rules, ${t.rulesWithCases} with cases)`;
}

function rulesTable(report: RunReport): string[] {
  if (report.rules.length === 0) return ['_No rules loaded._'];
  const rows = report.rules.map((r) => {
    const failing = r.failed + r.errors > 0 ? '❌ ' : '';
    const kind = r.correlation ? `<br>correlation ${mdCode(r.correlation.type)}, ${r.correlation.window} window of ${mdCode(r.correlation.timespan)}` : '';
    const rule = `${failing}${mdText(r.title)}<br>${mdCode(displayPath(r.path))}${kind}`;
    return `| ${[rule, r.cases, r.passed, r.failed, r.errors].map((v) => mdCell(String(v))).join(' | ')} |`;
  });
  return ['| Rule | Cases | Passed | Failed | Errors |', '|---|---:|---:|---:|---:|', ...rows];
}

function explanationList(c: CaseResult): string[] {
  const out: string[] = [];
  const deciding = decidingOutcomes(c);
  for (const o of deciding.slice(0, MAX_EVENTS)) {
    out.push(`- ${mdText(describeOutcome(o))}`);
    if (o.explanation === undefined) continue;
    for (const l of explanationLines(o.explanation)) {
      const text = l.held === undefined || l.depth === 0 ? mdText(l.text) : mdCode(l.text);
      out.push(`${'  '.repeat(l.depth + 1)}- ${mark(l.held)}${text}`);
    }
  }
  if (deciding.length > MAX_EVENTS) out.push(`- … ${deciding.length - MAX_EVENTS} more deciding event(s)`);
  return out;
}

function failureBlock(c: CaseResult): string[] {
  const status = c.status === 'error' ? 'error' : 'failed';
  const lines = [
    `### ${c.status === 'error' ? '💥' : '❌'} ${mdText(c.ruleTitle)} — ${mdText(c.name)}`,
    '',
    `- case: ${where(c.span)} (${status}, ${c.origin})`,
    `- rule: ${where(c.ruleSpan)} ${mdCode(c.ruleId)}`,
    `- ${mdText(expectedVsActual(c))}`,
  ];
  if (c.message !== undefined) lines.push(`- ${mdText(c.message)}`);
  if (c.sequence) lines.push(...sequenceLines(c.sequence).map((l) => `- ${mdText(l)}`));
  return [...lines, ...explanationList(c), ''];
}

function failures(report: RunReport): string[] {
  const failing = report.cases.filter(isFailing);
  if (failing.length === 0) return [];
  return ['## Failures', '', ...failing.flatMap(failureBlock)];
}

function problemLine(p: Problem): string {
  const icon = p.severity === 'error' ? '❌' : '⚠️';
  return `- ${icon} ${where(p.span)} **${p.code}** ${mdText(p.message)}`;
}

function problems(report: RunReport): string[] {
  if (report.problems.length === 0) return [];
  const errorsFirst = [
    ...report.problems.filter((p) => p.severity === 'error'),
    ...report.problems.filter((p) => p.severity !== 'error'),
  ];
  return ['## Not run / problems', '', ...errorsFirst.map(problemLine), ''];
}

function warnings(report: RunReport): string[] {
  const lines = [
    ...report.cases
      .filter((c) => c.warning !== undefined)
      .map((c) => `- ⚠️ ${where(c.span)} ${mdText(c.name)}: ${mdText(c.warning ?? '')}`),
    ...report.diagnostics.map(
      (d) => `- ${d.severity === 'warning' ? '⚠️' : 'ℹ️'} ${where(d.span)} **${d.code}** ${mdText(d.message)}`,
    ),
  ];
  return lines.length === 0 ? [] : ['## Warnings', '', ...lines, ''];
}

export function renderSummaryMarkdown(report: RunReport): string {
  const lines = [
    headline(report),
    '',
    ...rulesTable(report),
    '',
    ...failures(report),
    ...problems(report),
    ...warnings(report),
  ];
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}
