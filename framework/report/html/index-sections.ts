/**
 * The correlation and filter sections of reports/index.html. Correlation rules: cards (test status, sequence
 * cases fired / silent, situations covered) and `table#correlations`, a row per correlation (`data-status`) with
 * a link to its page (rules/<page>.html), type, condition, window model and timespan, group-by, status, cases,
 * fired / silent, situations covered and whether every referenced rule has cases. Filters: `table.filter-index`,
 * a row per meta filter with its log source, `rules` as written, condition and the rules it was applied to
 * (linked, with their status and how many of the filter's selections their cases made true and false). Both
 * sections are left out when there is nothing to list. Escaping: html`` throughout.
 */
import { conditionText, groupByText, ratioText } from '../../coverage/format.js';
import type { CorrelationCoverage, CoverageReport, FilterCoverage } from '../../coverage/model.js';
import { html, type Raw } from './escape.js';
import { mark, ratioCell, statusBadge } from './parts.js';

function card(value: string | number, label: string): Raw {
  return html`<div class="card"><b>${value}</b><span>${label}</span></div>`;
}

function correlationRow(c: CorrelationCoverage): Raw {
  return html`<tr data-status="${c.testStatus}">
<td><a href="rules/${encodeURIComponent(c.page)}.html">${c.title}</a><br><code class="muted">${c.path}</code></td>
<td><code>${c.type}</code></td><td>${conditionText(c)}</td><td>${c.window} <code>${c.timespan}</code></td><td>${groupByText(c.groupBy)}</td>
<td>${statusBadge(c.testStatus)}</td><td class="num">${c.cases.passed}/${c.cases.total}</td><td class="num">${c.cases.fired} / ${c.cases.silent}</td>
${ratioCell(c.situationFigures)}<td>${mark(c.referencesHaveCases)}</td></tr>`;
}

export function correlationSection(report: CoverageReport): Raw {
  if (report.correlations.length === 0) return html``;
  const t = report.totals.correlations;
  return html`<h2 id="correlations-table">Correlation rules (${t.correlations})</h2>
<div class="cards">${card(t.tested, 'tested')}${card(t.partlyTested, 'partly tested')}${card(t.untested, 'untested')}${card(t.failing, 'failing')}${card(`${t.fired} / ${t.silent}`, 'sequence cases fired / silent')}${card(ratioText(t.situations), 'situations covered')}${card(t.withUntestedReferences, 'with a referenced rule without cases')}</div>
<table id="correlations"><thead><tr><th>Correlation</th><th>Type</th><th>Condition</th><th>Window</th><th>Group-by</th><th>Status</th><th class="num">Cases passed</th><th class="num">Fired / silent</th><th class="num">Situations covered</th><th>Referenced rules have cases</th></tr></thead>
<tbody>${report.correlations.map(correlationRow)}</tbody></table>`;
}

function filterRow(f: FilterCoverage): Raw {
  const logsource = Object.entries(f.logsource).map(([k, v]) => `${k}: ${v}`).join(', ') || '(any)';
  const targets = f.targets === 'any' ? 'any' : f.targets.map((t, i) => html`${i > 0 ? ', ' : ''}<code>${t}</code>`);
  const applied = f.appliesTo.length === 0
    ? html`<span class="muted">no reported rule</span>`
    : f.appliesTo.map((t) => html`<div><a href="rules/${encodeURIComponent(t.page)}.html">${t.title}</a> ${statusBadge(t.testStatus)} <span class="muted">filter selections made true and false: ${ratioText(t.selections)}</span></div>`);
  return html`<tr><td>${f.title}<br><code>${f.id}</code></td><td><code>${f.path}</code></td><td>${logsource}</td><td>${targets}</td><td><code>${f.condition}</code></td><td>${applied}</td></tr>`;
}

export function filterSection(report: CoverageReport): Raw {
  if (report.filters.length === 0) return html``;
  return html`<h2 id="filters">Filters (${report.filters.length})</h2>
<p class="muted">Meta filters and the rules each was applied to (its condition is AND-ed onto theirs; the rule pages show it).</p>
<table class="filter-index"><thead><tr><th>Filter</th><th>Path</th><th>Log source</th><th>Rules</th><th>Condition</th><th>Applied to</th></tr></thead><tbody>${report.filters.map(filterRow)}</tbody></table>`;
}
