/**
 * The correlation and filter sections of coverage.md and the "referenced by correlations" lines of the Markdown
 * rule pages. Same escaping contract as markdown.ts: every text from rules and cases goes through mdText (prose)
 * or mdCode (code spans), tables through md-table.ts. Correlation pages: correlation-page-markdown.ts.
 */
import { mdCode, mdText } from '../report/markdown.js';
import { conditionText, groupByText, pageHref, ratioText, STATUS_TEXT, yesNo } from './format.js';
import { header, row } from './md-table.js';
import type { CorrelationCoverage, CorrelationLink, CoverageReport, FilterCoverage } from './model.js';

/** `[title](rules/page.md)`, or the title alone when there is no page. */
export function pageLink(title: string, page: string | undefined, fromRulesFolder: boolean): string {
  return page === undefined ? mdText(title) : `[${mdText(title)}](${pageHref(page, 'md', fromRulesFolder)})`;
}

/** One headline sentence about the correlations; none without correlation rules. */
export function correlationHeadline(report: CoverageReport): string[] {
  const t = report.totals.correlations;
  if (t.correlations === 0) return [];
  return [
    '',
    `${t.correlations} correlation rules: ${t.tested} tested, ${t.partlyTested} partly tested, ${t.untested} untested, ${t.failing} failing; ` +
      `${t.cases} sequence cases: fired on ${t.fired}, silent on ${t.silent}; situations covered ${ratioText(t.situations)}; ` +
      `correlations with a referenced rule without cases: ${t.withUntestedReferences}.`,
  ];
}

function correlationRow(c: CorrelationCoverage): string {
  return row([
    pageLink(c.title, c.page, false),
    mdCode(c.type),
    mdText(conditionText(c)),
    `${c.window} ${mdCode(c.timespan)}`,
    mdText(groupByText(c.groupBy)),
    STATUS_TEXT[c.testStatus],
    `${c.cases.passed}/${c.cases.total}`,
    `${c.cases.fired} / ${c.cases.silent}`,
    ratioText(c.situationFigures),
    yesNo(c.referencesHaveCases),
  ]);
}

export function correlationIndexLines(report: CoverageReport): string[] {
  if (report.correlations.length === 0) return [];
  const cols = ['Correlation', 'Type', 'Condition', 'Window', 'Group-by', 'Status', 'Cases passed', 'Fired / silent', 'Situations covered', 'Referenced rules have cases'];
  return ['## Correlation rules', '', ...header(cols), ...report.correlations.map(correlationRow), ''];
}

function filterRow(f: FilterCoverage): string {
  const targets = f.targets === 'any' ? 'any' : f.targets.map(mdCode).join(', ');
  const logsource = Object.entries(f.logsource).map(([k, v]) => `${k}: ${v}`).join(', ') || '(any)';
  const applied = f.appliesTo.length === 0 ? 'no reported rule' : f.appliesTo.map((t) => `${pageLink(t.title, t.page, false)} (${STATUS_TEXT[t.testStatus]}; filter selections made true and false ${ratioText(t.selections)})`).join('; ');
  return row([`${mdText(f.title)} (${mdCode(f.id)})`, mdCode(f.path), mdText(logsource), targets, mdCode(f.condition), applied]);
}

export function filterIndexLines(report: CoverageReport): string[] {
  if (report.filters.length === 0) return [];
  return ['## Filters', '', 'Meta filters and the rules each was applied to (its condition is AND-ed onto theirs; the rule pages show it).', '', ...header(['Filter', 'Path', 'Log source', 'Rules', 'Condition', 'Applied to']), ...report.filters.map(filterRow), ''];
}

/** For a page under rules/: the correlations that reference this rule or correlation. */
export function referencedByLines(links: readonly CorrelationLink[] | undefined): string[] {
  if (!links || links.length === 0) return [];
  const items = links.map((l) => `- ${pageLink(l.title, l.page, true)} (${mdCode(l.type)}${l.generate ? ', generate: true' : ', generate: false: matches of the rules it references are not alerts of their own'})`);
  return ['## Referenced by correlations', '', ...items, ''];
}
