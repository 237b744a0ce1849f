/**
 * coverage.md and the Markdown rule pages (reports/rules/<page>.md). Contract: every text taken from rules,
 * cases or events is escaped with the summary.md helpers (mdText prose, mdCode code spans, mdCell table cells),
 * so rule text can never inject Markdown or HTML. coverage.md: headline figures, definitions, per-log-source and
 * per-tactic tables, a row per rule linking to its page, a row per correlation rule linking to its page, the
 * filters with the rules they apply to (correlation-markdown.ts), failing cases. Rule page: see
 * renderRulePageMarkdown (the meta filters applied are listed under the condition, the correlations that
 * reference the rule after the tests). Correlation pages: correlation-page-markdown.ts.
 */
import { mdCode, mdText } from '../report/markdown.js';
import { correlationHeadline, correlationIndexLines, filterIndexLines, referencedByLines } from './correlation-markdown.js';
import { header, row } from './md-table.js';
import { casesText, eventRows, exerciseText, fuzzText, itemKey, logsourceText, pageHref, ratioText, STATUS_TEXT, techniqueText, yesNo } from './format.js';
import type { CoverageReport, FailingCase, GroupFigures, RuleCoverage, SelectionCoverage } from './model.js';


function headline(report: CoverageReport): string[] {
  const t = report.totals;
  const lines = [
    `# sigmatest coverage: ${t.percent}% logic coverage`,
    '',
    `${t.rules} rules: ${t.tested} tested, ${t.partlyTested} partly tested, ${t.untested} untested, ${t.failing} failing. ` +
      `${t.cases} cases: ${t.passed} passed, ${t.failed} failed, ${t.errors} errors. ` +
      `Rules without cases: ${t.rulesWithoutCases}; without a negative case: ${t.rulesWithoutNegative}; without a positive case: ${t.rulesWithoutPositive}.`,
    '',
    ...header(['Hand-written evidence', 'All rules', 'Rules with cases']),
    row(['Items made true and false', ratioText(t.figures.items), ratioText(t.testedFigures.items)]),
    row(['Items made true', ratioText(t.figures.itemsTrue), ratioText(t.testedFigures.itemsTrue)]),
    row(['Items made false', ratioText(t.figures.itemsFalse), ratioText(t.testedFigures.itemsFalse)]),
    row(['Items independent', ratioText(t.figures.itemsIndependent), ratioText(t.testedFigures.itemsIndependent)]),
    row(['Values made true and false', ratioText(t.figures.values), ratioText(t.testedFigures.values)]),
    row(['Values independent', ratioText(t.figures.valuesIndependent), ratioText(t.testedFigures.valuesIndependent)]),
    row(['Selections made true and false', ratioText(t.figures.selections), ratioText(t.testedFigures.selections)]),
    row(['Selections independent', ratioText(t.figures.selectionsIndependent), ratioText(t.testedFigures.selectionsIndependent)]),
  ];
  lines.push(...correlationHeadline(report));
  if (t.fuzz) {
    lines.push('', `Generated evidence (fuzz, beside — not counted above): ${t.fuzz.rules} rules, items with a near miss ${ratioText({ covered: t.fuzz.nearMiss, total: t.fuzz.items })}, with an independence pair ${ratioText({ covered: t.fuzz.independencePair, total: t.fuzz.items })}.`);
  }
  return lines;
}

function groupTable(title: string, groups: readonly GroupFigures[]): string[] {
  return [`## ${title}`, '', ...header(['Group', 'Rules', 'Tested', 'Partly', 'Untested', 'Failing', 'Items made true and false']), ...groups.map((g) => row([mdText(g.label), String(g.rules), String(g.tested), String(g.partlyTested), String(g.untested), String(g.failing), ratioText(g.items)]))];
}

function rulesTable(report: CoverageReport): string[] {
  const fuzz = report.totals.fuzz !== undefined;
  const cols = ['Rule', 'Level', 'Status', 'Cases', 'Items true+false', 'Independent', ...(fuzz ? ['Fuzz near miss', 'Fuzz pair'] : [])];
  return [
    '## Rules',
    '',
    ...header(cols),
    ...report.rules.map((r) =>
      row([
        `[${mdText(r.title)}](${pageHref(r.page, 'md')})`,
        mdText(r.level ?? ''),
        STATUS_TEXT[r.testStatus],
        `${r.cases.passed}/${r.cases.total} (${r.cases.positives}+ / ${r.cases.negatives}−)`,
        ratioText(r.figures.items),
        ratioText(r.figures.itemsIndependent),
        ...(fuzz ? [r.fuzz ? `${r.fuzz.nearMiss}/${r.fuzz.items}` : '–', r.fuzz ? `${r.fuzz.independencePair}/${r.fuzz.items}` : '–'] : []),
      ]),
    ),
  ];
}

export function failureLines(failures: readonly FailingCase[], linkPrefix: string): string[] {
  if (failures.length === 0) return [];
  const out = ['## Failing cases', ''];
  for (const f of failures) {
    out.push(`### ${mdText(f.name)}`, '', `${mdCode(`${f.file}:${f.line}`)} — rule [${mdText(f.ruleTitle)}](${linkPrefix}${encodeURIComponent(f.page)}.md): ${mdText(f.outcome)}${f.message ? ` — ${mdText(f.message)}` : ''}`, '');
    for (const e of f.events) {
      out.push(`- ${mdText(e.heading)}`);
      for (const l of e.lines) out.push(`${'  '.repeat(l.depth + 1)}- ${l.held === undefined ? '' : yesNo(l.held) + ' '}${mdCode(l.text)}`);
    }
    out.push('');
  }
  return out;
}

function modifierTable(report: CoverageReport): string[] {
  const rows = report.totals.modifiers.map((m) => row([mdCode(m.modifier), String(m.items), String(m.madeTrue), String(m.madeBoth)]));
  return ['## Modifiers exercised', '', ...header(['Modifier', 'Items', 'Made true', 'Made true and false']), ...rows];
}

export function renderCoverageMarkdown(report: CoverageReport): string {
  const defs = Object.entries(report.definitions).map(([k, v]) => `- **${mdText(k)}**: ${mdText(v)}`);
  const problems = report.problems.length > 0 ? ['## Problems', '', ...report.problems.slice(0, 200).map((p) => `- ${mdText(p)}`), ''] : [];
  return [
    ...headline(report), '', ...rulesTable(report), '', ...correlationIndexLines(report), ...filterIndexLines(report),
    ...groupTable('By log source', report.byLogsource), '', ...groupTable('By tactic', report.byTactic), '', ...modifierTable(report), '',
    ...failureLines(report.failures, 'rules/'), ...problems, '## Definitions', '', ...defs, '',
  ].join('\n');
}

function selectionLines(s: SelectionCoverage, fuzz: boolean): string[] {
  const cols = ['Item', 'Line', 'Values', 'True', 'False', 'Independent', ...(fuzz ? ['Fuzz near miss', 'Fuzz pair'] : [])];
  const lines = [`### ${mdText(s.name)}${s.referenced ? '' : ' (not used by the condition)'}`, '', exerciseText(s), '', ...header(cols)];
  for (const i of s.items) {
    lines.push(row([mdCode(itemKey(i.field, i.modifiers)), String(i.line), i.values.map(mdCode).join(i.linking === 'and' ? ' and ' : ', '), yesNo(i.madeTrue), yesNo(i.madeFalse), i.pair ? `✓ ${mdText(i.pair.join(' / '))}` : yesNo(i.independent), ...(fuzz ? [fuzzText(i.fuzz, 'nearMiss'), fuzzText(i.fuzz, 'independencePair')] : [])]));
    for (const v of i.valueCoverage) lines.push(row([`↳ value ${v.index + 1}`, '', mdCode(v.value), yesNo(v.madeTrue), yesNo(v.madeFalse), yesNo(v.independent), ...(fuzz ? ['', ''] : [])]));
  }
  return [...lines, ''];
}

function filterLines(r: RuleCoverage): string[] {
  if (!r.filters || r.filters.length === 0) return [];
  const rows = r.filters.map((f) => row([`${mdText(f.title)} (${mdCode(f.id)})`, mdCode(f.path), mdCode(f.condition), mdCode(f.prefix)]));
  return ['Filters applied (each condition is AND-ed onto every condition of the rule):', '', ...header(['Filter', 'Path', 'Condition', 'Selections']), ...rows, ''];
}

export function metaLines(r: Pick<RuleCoverage, 'id' | 'title' | 'status' | 'level' | 'author' | 'date' | 'modified' | 'path' | 'description'>): string[] {
  const pairs: [string, string | undefined][] = [['id', r.id], ['status', r.status], ['level', r.level], ['author', r.author], ['date', r.date], ['modified', r.modified], ['path', r.path]];
  return [`# ${mdText(r.title)}`, '', ...header(['Field', 'Value']), ...pairs.filter(([, v]) => v !== undefined).map(([k, v]) => row([k, k === 'id' || k === 'path' ? mdCode(v!) : mdText(v!)])), '', mdText(r.description ?? ''), ''];
}

export function attackLines(r: Pick<RuleCoverage, 'tactics' | 'techniques'>): string[] {
  if (r.tactics.length + r.techniques.length === 0) return ['## ATT&CK', '', 'No ATT&CK tags.', ''];
  const rows = [...r.tactics.map((t) => row(['tactic', t.id, mdText(t.name), mdCode(t.tag)])), ...r.techniques.map((t) => row(['technique', t.id, mdText(techniqueText(t)), mdCode(t.tag)]))];
  return ['## ATT&CK', '', ...header(['Kind', 'ID', 'Name', 'Tag']), ...rows, ''];
}

export function renderRulePageMarkdown(r: RuleCoverage, report: CoverageReport): string {
  const fuzz = r.fuzz !== undefined;
  const catalog = report.sources.catalog !== undefined;
  const events = eventRows(r.events).map((e) => row([mdText(e.variant), mdText(e.channel), e.eventId, mdText(e.name), e.from]));
  const indicators = r.indicators.map((i) => row([mdText(i.selection), mdCode(i.field ?? '(keywords)'), mdText(i.operator), mdCode(i.value), yesNo(i.madeTrue), ...(catalog ? [String(i.catalogRules ?? 0), String(i.otherRules ?? 0)] : [])]));
  return [
    ...metaLines(r),
    '## Log source', '', mdText(logsourceText(r)), '',
    ...attackLines(r),
    '## Event coverage', '', ...header(['Variant', 'Channel', 'EventID', 'Event', 'From']), ...events, '',
    '## Stages and predicates', '', `Condition: ${r.conditions.map(mdCode).join(' or ')}`, '',
    ...filterLines(r),
    ...r.selections.flatMap((s) => selectionLines(s, fuzz)),
    '## Modifiers exercised', '', ...header(['Modifier', 'Items', 'Made true', 'Made true and false']), ...r.modifiers.map((m) => row([mdCode(m.modifier), String(m.items), String(m.madeTrue), String(m.madeBoth)])), '',
    '## Indicators', '', ...header(['Selection', 'Field', 'Operator', 'Value', 'Made true', ...(catalog ? ['Catalog rules', 'Other rules'] : [])]), ...indicators, '',
    '## Tests', '', `Status: **${STATUS_TEXT[r.testStatus]}**. ${mdText(casesText(r))}. Items made true and false: ${ratioText(r.figures.items)}; independent: ${ratioText(r.figures.itemsIndependent)}.`, '',
    ...header(['Case', 'Kind', 'Status', 'Outcome']), ...r.caseRows.map((c) => row([`${mdText(c.name)} (${mdCode(`${c.file}:${c.line}`)})`, c.kind, c.status, mdText(c.outcome)])), '',
    ...failureLines(r.failures, ''),
    ...referencedByLines(r.correlations),
    '## References', '', ...r.references.map((x) => `- ${mdText(x)}`), '', '## False positives', '', ...r.falsepositives.map((x) => `- ${mdText(x)}`), '',
  ].join('\n');
}
