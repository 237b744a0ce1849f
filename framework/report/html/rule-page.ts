/**
 * A rule's HTML page (reports/rules/<page>.html), self-contained and script-free: metadata (title, id, status,
 * level, author, date, description, log source, references, false positives), the ATT&CK table, event coverage,
 * stages and predicates (condition, the meta filters applied, then each selection with its items and values: made true / made false /
 * independent by hand-written cases, fuzz near miss / pair beside), modifiers exercised, the indicators table
 * (`table.indicators`, with catalog counts when a catalog was given), the test status, cases and failing cases,
 * and the correlations that reference the rule (`ul.referenced-by`, links to their pages).
 */
import { casesText, eventRows, itemKey, logsourceText, ratioText, techniqueText } from '../../coverage/format.js';
import type { CoverageReport, FilterRow, ItemCoverage, RuleCoverage, SelectionCoverage } from '../../coverage/model.js';
import { page } from './assets.js';
import { html, safeHref, type Raw } from './escape.js';
import { failureSection, fuzzMark, mark, referencedBySection, statusBadge } from './parts.js';

function meta(r: RuleCoverage): Raw {
  const rows: [string, string | undefined][] = [['id', r.id], ['status', r.status], ['level', r.level], ['author', r.author], ['date', r.date], ['modified', r.modified], ['path', r.path], ['log source', logsourceText(r)]];
  return html`<table class="meta">${rows.filter(([, v]) => v !== undefined).map(([k, v]) => html`<tr><th>${k}</th><td>${k === 'id' || k === 'path' ? html`<code>${v}</code>` : v}</td></tr>`)}</table>
<p class="description">${r.description ?? ''}</p>`;
}

export function attack(r: Pick<RuleCoverage, 'tactics' | 'techniques'>): Raw {
  if (r.tactics.length + r.techniques.length === 0) return html`<h2>ATT&amp;CK</h2><p class="muted">No ATT&amp;CK tags.</p>`;
  const tactics = r.tactics.map((t) => html`<tr><td>tactic</td><td>${t.id}</td><td>${t.name}</td><td><code>${t.tag}</code></td></tr>`);
  const techniques = r.techniques.map((t) => html`<tr><td>technique</td><td>${t.id}</td><td>${techniqueText(t)}</td><td><code>${t.tag}</code></td></tr>`);
  return html`<h2>ATT&amp;CK</h2><table class="attack"><thead><tr><th>Kind</th><th>ID</th><th>Name</th><th>Tag</th></tr></thead><tbody>${tactics}${techniques}</tbody></table>`;
}

function events(r: RuleCoverage): Raw {
  const rows = eventRows(r.events).map((e) => html`<tr><td>${e.variant}</td><td>${e.channel}</td><td>${e.eventId}</td><td>${e.name}</td><td>${e.from}</td></tr>`);
  return html`<h2>Event coverage</h2><table class="events"><thead><tr><th>Variant</th><th>Channel</th><th>EventID</th><th>Event</th><th>From</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function itemRows(i: ItemCoverage, fuzz: boolean): Raw {
  const pair = i.pair ? `${i.pair[0]} / ${i.pair[1]}` : undefined;
  const head = html`<tr><td><code>${itemKey(i.field, i.modifiers)}</code></td><td class="num">${i.line}</td><td>${i.values.map((v, n) => html`${n > 0 ? (i.linking === 'and' ? ' and ' : ', ') : ''}<code>${v}</code>`)}</td><td>${mark(i.madeTrue)}</td><td>${mark(i.madeFalse)}</td><td>${mark(i.independent, pair)}</td>${fuzz ? html`<td>${fuzzMark(i.fuzz, 'nearMiss')}</td><td>${fuzzMark(i.fuzz, 'independencePair')}</td>` : ''}</tr>`;
  const values = i.valueCoverage.map(
    (v) => html`<tr class="value-row"><td>↳ value ${v.index + 1}</td><td></td><td><code>${v.value}</code></td><td>${mark(v.madeTrue)}</td><td>${mark(v.madeFalse)}</td><td>${mark(v.independent, v.pair ? v.pair.join(' / ') : undefined)}</td>${fuzz ? html`<td></td><td></td>` : ''}</tr>`,
  );
  return html`${head}${values}`;
}

function selection(s: SelectionCoverage, fuzz: boolean): Raw {
  return html`<h3>${s.name}${s.referenced ? '' : html` <span class="muted">(not used by the condition)</span>`}</h3>
<p>selection: ${mark(s.madeTrue)} made true · ${mark(s.madeFalse)} made false · ${mark(s.independent)} independent</p>
<table class="items"><thead><tr><th>Item</th><th>Line</th><th>Values</th><th>Made true</th><th>Made false</th><th>Independent</th>${fuzz ? html`<th>Fuzz near miss</th><th>Fuzz pair</th>` : ''}</tr></thead>
<tbody>${s.items.map((i) => itemRows(i, fuzz))}</tbody></table>`;
}

function filterRow(f: FilterRow): Raw {
  return html`<tr><td>${f.title}<br><code>${f.id}</code></td><td><code>${f.path}</code></td><td><code>${f.condition}</code></td><td><code>${f.prefix}</code></td></tr>`;
}

function filters(r: RuleCoverage): Raw {
  if (!r.filters || r.filters.length === 0) return html``;
  return html`<p>Filters applied (each condition is AND-ed onto every condition of the rule):</p>
<table class="filters"><thead><tr><th>Filter</th><th>Path</th><th>Condition</th><th>Selections</th></tr></thead><tbody>${r.filters.map(filterRow)}</tbody></table>`;
}

function modifiers(r: RuleCoverage): Raw {
  if (r.modifiers.length === 0) return html``;
  return html`<h2>Modifiers exercised</h2><table class="modifiers"><thead><tr><th>Modifier</th><th>Items</th><th>Made true</th><th>Made true and false</th></tr></thead><tbody>${r.modifiers.map((m) => html`<tr><td><code>${m.modifier}</code></td><td class="num">${m.items}</td><td class="num">${m.madeTrue}</td><td class="num">${m.madeBoth}</td></tr>`)}</tbody></table>`;
}

function indicators(r: RuleCoverage, catalog: boolean): Raw {
  const rows = r.indicators.map(
    (i) => html`<tr><td>${i.selection}</td><td><code>${i.field ?? '(keywords)'}</code></td><td>${i.operator}</td><td><code>${i.value}</code></td><td>${mark(i.madeTrue)}</td>${catalog ? html`<td class="num">${i.catalogRules ?? 0}</td><td class="num">${i.otherRules ?? 0}</td>` : ''}</tr>`,
  );
  return html`<h2 id="indicators">Indicators</h2>
<table class="indicators"><thead><tr><th>Selection</th><th>Field</th><th>Operator</th><th>Value</th><th>Made true</th>${catalog ? html`<th>Catalog rules</th><th>Other rules</th>` : ''}</tr></thead><tbody>${rows}</tbody></table>`;
}

function tests(r: RuleCoverage): Raw {
  const rows = r.caseRows.map((c) => html`<tr><td>${c.name}<br><code>${c.file}:${c.line}</code></td><td>${c.kind}</td><td>${c.origin}</td><td>${c.status}</td><td>${c.outcome}${c.message ? html`<br><span class="muted">${c.message}</span>` : ''}</td></tr>`);
  return html`<h2 id="tests">Tests</h2>
<p>${statusBadge(r.testStatus)} ${casesText(r)}. Items made true and false: ${ratioText(r.figures.items)}; independent: ${ratioText(r.figures.itemsIndependent)}; values: ${ratioText(r.figures.values)}. Evidence events: ${r.evidence.matching} matching, ${r.evidence.nonMatching} not matching, ${r.evidence.gateOnly} stopped by the log-source gate.</p>
${r.caseRows.length > 0 ? html`<table class="cases"><thead><tr><th>Case</th><th>Kind</th><th>Origin</th><th>Status</th><th>Outcome</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">No test cases.</p>`}`;
}

export function list(title: string, items: readonly string[], links: boolean): Raw {
  if (items.length === 0) return html``;
  return html`<h2>${title}</h2><ul>${items.map((x) => (links ? html`<li><a href="${safeHref(x)}" rel="noopener noreferrer">${x}</a></li>` : html`<li>${x}</li>`))}</ul>`;
}

export function renderRulePageHtml(r: RuleCoverage, report: CoverageReport): string {
  const fuzz = r.fuzz !== undefined;
  const body = html`<p><a href="../index.html">← coverage report</a></p>
<h1>${r.title}</h1>
${meta(r)}
${attack(r)}
${events(r)}
<h2>Stages and predicates</h2>
<p>Condition: ${r.conditions.map((c, i) => html`${i > 0 ? ' or ' : ''}<code>${c}</code>`)}</p>
${filters(r)}
${r.selections.map((s) => selection(s, fuzz))}
${modifiers(r)}
${indicators(r, report.sources.catalog !== undefined)}
${tests(r)}
${failureSection(r.failures, '')}
${referencedBySection(r.correlations)}
${list('References', r.references, true)}
${list('False positives', r.falsepositives, false)}`;
  return page(`${r.title} — sigmatest coverage`, body);
}
