/**
 * A correlation rule's HTML page (reports/rules/<page>.html, beside the rule pages), self-contained and
 * script-free like them: metadata, ATT&CK table, the correlation (`table.correlation`: type, condition, window
 * model, timespan, group-by, field, aliases, generate), the referenced rules linked to their pages
 * (`table.references`, with their cases and test status, and whether every one has cases), the correlations that
 * reference it, the sequence cases (`table.situations`: which situations they cover; `table.sequence-cases`: a
 * row per case with tags, expectation, alerts and their groups, status) and the failing cases.
 */
import { aliasLines, conditionText, groupByText, groupText, ratioText, sequenceCasesText, windowText } from '../../coverage/format.js';
import type { CorrelationCoverage, CorrelationReference, SequenceCaseRow } from '../../coverage/model.js';
import { page } from './assets.js';
import { html, raw, type Raw } from './escape.js';
import { failureSection, mark, referencedBySection, statusBadge } from './parts.js';
import { attack, list } from './rule-page.js';

function meta(c: CorrelationCoverage): Raw {
  const rows: [string, string | undefined][] = [['id', c.id], ['name', c.name], ['status', c.status], ['level', c.level], ['author', c.author], ['date', c.date], ['modified', c.modified], ['path', c.path]];
  return html`<table class="meta">${rows.filter(([, v]) => v !== undefined).map(([k, v]) => html`<tr><th>${k}</th><td>${k === 'id' || k === 'name' || k === 'path' ? html`<code>${v}</code>` : v}</td></tr>`)}</table>
<p class="description">${c.description ?? ''}</p>`;
}

function codes(values: readonly string[], separator: Raw | string): Raw {
  return html`${values.map((v, i) => html`${i > 0 ? separator : ''}<code>${v}</code>`)}`;
}

function definition(c: CorrelationCoverage): Raw {
  const rows: [string, Raw | string][] = [
    ['type', html`<code>${c.type}</code>`],
    ['condition', conditionText(c)],
    ['window', windowText(c)],
    ['timespan', html`<code>${c.timespan}</code> (${c.timespanSeconds} s)`],
    ['group-by', c.groupBy.length > 0 ? codes(c.groupBy, ', ') : groupByText(c.groupBy)],
  ];
  if (c.field) rows.push(['field', codes(c.field, ', ')]);
  const aliases = aliasLines(c.aliases);
  if (aliases.length > 0) rows.push(['aliases', codes(aliases, raw('<br>'))]);
  rows.push(['generate', c.generate ? 'true: the referenced rules also alert on their own' : 'false: the referenced rules do not alert on their own']);
  return html`<h2>Correlation</h2><table class="correlation">${rows.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</table>`;
}

function referenceRow(r: CorrelationReference): Raw {
  const name = r.title ?? r.reference;
  return html`<tr><td>${r.page !== undefined ? html`<a href="${encodeURIComponent(r.page)}.html">${name}</a>` : name}</td><td><code>${r.reference}</code></td><td>${r.kind}</td><td class="num">${r.cases ?? 'not run'}</td><td>${r.testStatus ? statusBadge(r.testStatus) : '–'}</td></tr>`;
}

function references(c: CorrelationCoverage): Raw {
  return html`<h2>Referenced rules</h2>
<table class="references"><thead><tr><th>Rule</th><th>Reference</th><th>Kind</th><th>Cases</th><th>Status</th></tr></thead><tbody>${c.rules.map(referenceRow)}</tbody></table>
<p>${mark(c.referencesHaveCases)} ${c.referencesHaveCases ? 'Every referenced rule has cases.' : 'Some referenced rule has no cases in this run.'}</p>`;
}

function situations(c: CorrelationCoverage): Raw {
  const rows = c.situations.map((s) => html`<tr><td>${s.label}</td><td><code>${s.tag}</code></td><td>${s.expected ? 'yes' : 'no'}</td><td class="num">${s.cases}</td><td class="num">${s.passed}</td><td>${mark(s.passed > 0)}</td></tr>`);
  return html`<h3>Situations</h3><p>Covered: ${ratioText(c.situationFigures)} of the expected ones.</p>
<table class="situations"><thead><tr><th>Situation</th><th>Tag</th><th>Expected</th><th>Cases</th><th>Passed</th><th>Covered</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function alerts(r: SequenceCaseRow): Raw {
  if (r.alerts === 0) return html`<span class="muted">silent</span>`;
  return html`fired ${r.alerts}×: ${r.groups.map((g, i) => html`${i > 0 ? ', ' : ''}<code>${groupText(g)}</code>`)}`;
}

function caseRow(r: SequenceCaseRow): Raw {
  return html`<tr><td>${r.name}<br><code>${r.file}:${r.line}</code>${r.note ? html`<br><span class="muted">${r.note}</span>` : ''}</td><td>${codes(r.tags, ' ')}</td><td>${r.kind}</td><td>${r.expected}</td><td>${alerts(r)}</td><td>${r.status}${r.message ? html`<br><span class="muted">${r.message}</span>` : ''}</td></tr>`;
}

function cases(c: CorrelationCoverage): Raw {
  const table = c.caseRows.length > 0
    ? html`<table class="sequence-cases"><thead><tr><th>Case</th><th>Tags</th><th>Kind</th><th>Expected</th><th>Alerts</th><th>Status</th></tr></thead><tbody>${c.caseRows.map(caseRow)}</tbody></table>`
    : html`<p class="muted">No sequence cases: the correlation is untested.</p>`;
  return html`<h2 id="sequence-cases">Sequence cases</h2>
<p>${statusBadge(c.testStatus)} ${sequenceCasesText(c)}.</p>
${situations(c)}
${table}`;
}

export function renderCorrelationPageHtml(c: CorrelationCoverage): string {
  const body = html`<p><a href="../index.html">← coverage report</a></p>
<h1>${c.title}</h1>
${meta(c)}
${attack(c)}
${definition(c)}
${references(c)}
${referencedBySection(c.correlations)}
${cases(c)}
${failureSection(c.failures, '')}
${list('References', c.references, true)}
${list('False positives', c.falsepositives, false)}`;
  return page(`${c.title} — sigmatest coverage`, body);
}
