/**
 * A correlation rule's Markdown page (reports/rules/<page>.md): metadata, ATT&CK table, the correlation (type,
 * condition, window model, timespan, group-by, field, aliases, generate), the rules it references (linked to
 * their pages, with their cases and test status, and whether all have cases), the correlations that reference it,
 * its sequence cases (fired / silent, the situations covered, a row per case with its tags, expectation and
 * alerts) and failing cases. Same escaping contract as markdown.ts.
 */
import { mdCode, mdText } from '../report/markdown.js';
import { pageLink, referencedByLines } from './correlation-markdown.js';
import { aliasLines, conditionText, groupByText, groupText, ratioText, sequenceCasesText, STATUS_TEXT, windowText, yesNo } from './format.js';
import { attackLines, failureLines, metaLines } from './markdown.js';
import { header, row } from './md-table.js';
import type { CorrelationCoverage, SequenceCaseRow } from './model.js';

function definitionLines(c: CorrelationCoverage): string[] {
  const rows: [string, string][] = [
    ...(c.name !== undefined ? [['name', mdCode(c.name)] as [string, string]] : []),
    ['type', mdCode(c.type)],
    ['condition', mdText(conditionText(c))],
    ['window', mdText(windowText(c))],
    ['timespan', `${mdCode(c.timespan)} (${c.timespanSeconds} s)`],
    ['group-by', c.groupBy.length > 0 ? c.groupBy.map(mdCode).join(', ') : mdText(groupByText(c.groupBy))],
  ];
  if (c.field) rows.push(['field', c.field.map(mdCode).join(', ')]);
  const aliases = aliasLines(c.aliases);
  if (aliases.length > 0) rows.push(['aliases', aliases.map(mdCode).join('; ')]);
  rows.push(['generate', c.generate ? 'true: the referenced rules also alert on their own' : 'false: the referenced rules do not alert on their own']);
  return ['## Correlation', '', ...header(['Field', 'Value']), ...rows.map(([k, v]) => row([k, v])), ''];
}

function referenceLines(c: CorrelationCoverage): string[] {
  const rows = c.rules.map((r) => row([pageLink(r.title ?? r.reference, r.page, true), mdCode(r.reference), r.kind, r.cases === undefined ? 'not run' : String(r.cases), r.testStatus ? STATUS_TEXT[r.testStatus] : '–']));
  const verdict = c.referencesHaveCases ? '✓ Every referenced rule has cases.' : '✗ Some referenced rule has no cases in this run.';
  return ['## Referenced rules', '', ...header(['Rule', 'Reference', 'Kind', 'Cases', 'Status']), ...rows, '', verdict, ''];
}

function alertsText(r: SequenceCaseRow): string {
  if (r.alerts === 0) return 'silent';
  return `fired ${r.alerts}×: ${r.groups.map((g) => mdCode(groupText(g))).join(', ')}`;
}

function caseLines(c: CorrelationCoverage): string[] {
  if (c.caseRows.length === 0) return ['No sequence cases: the correlation is untested.', ''];
  const rows = c.caseRows.map((r) =>
    row([`${mdText(r.name)} (${mdCode(`${r.file}:${r.line}`)})`, r.tags.map(mdCode).join(', '), r.kind, mdText(r.expected), alertsText(r), `${r.status}${r.message ? ` — ${mdText(r.message)}` : ''}`]),
  );
  return [...header(['Case', 'Tags', 'Kind', 'Expected', 'Alerts', 'Status']), ...rows, ''];
}

function situationLines(c: CorrelationCoverage): string[] {
  const rows = c.situations.map((s) => row([mdText(s.label), mdCode(s.tag), s.expected ? 'yes' : 'no', String(s.cases), String(s.passed), yesNo(s.passed > 0)]));
  return [`Situations covered: ${ratioText(c.situationFigures)} of the expected ones.`, '', ...header(['Situation', 'Tag', 'Expected', 'Cases', 'Passed', 'Covered']), ...rows, ''];
}

export function renderCorrelationPageMarkdown(c: CorrelationCoverage): string {
  return [
    ...metaLines(c),
    ...attackLines(c),
    ...definitionLines(c),
    ...referenceLines(c),
    ...referencedByLines(c.correlations),
    '## Sequence cases', '', `Status: **${STATUS_TEXT[c.testStatus]}**. ${mdText(sequenceCasesText(c))}.`, '',
    ...situationLines(c),
    ...caseLines(c),
    ...failureLines(c.failures, ''),
    '## References', '', ...c.references.map((x) => `- ${mdText(x)}`), '', '## False positives', '', ...c.falsepositives.map((x) => `- ${mdText(x)}`), '',
  ].join('\n');
}
