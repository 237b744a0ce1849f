/**
 * reports/index.html: the overview (pass/fail banner, test-status and logic-coverage cards, fuzz figures beside
 * them, inline SVG charts per log source and per tactic), the sortable and filterable rules table (`#rules`, a row
 * per rule with `data-status` and a lower-case `data-search` text; `#filter` text box, `#status-filter` select),
 * links to the rule pages (rules/<page>.html), the correlation rules and the filters (index-sections.ts), the
 * failing cases with their explanations, problems, the output files and the definitions. Self-contained: inline CSS, one hashed inline script, no network.
 */
import { ratioText, STATUS_TEXT } from '../../coverage/format.js';
import type { CoverageReport, RuleCoverage } from '../../coverage/model.js';
import { page, TABLE_SCRIPT } from './assets.js';
import { legend, stackedBars } from './charts.js';
import { html, type Raw } from './escape.js';
import { correlationSection, filterSection } from './index-sections.js';
import { failureSection, ratioCell, statusBadge } from './parts.js';

function card(value: string | number, label: string, title?: string): Raw {
  return html`<div class="card"${title ? html` title="${title}"` : ''}><b>${value}</b><span>${label}</span></div>`;
}

function overview(report: CoverageReport): Raw {
  const t = report.totals;
  const ok = t.failed + t.errors === 0;
  const fuzz = t.fuzz
    ? html`<h3>Generated evidence (fuzz, beside — never counted above)</h3><div class="cards">${card(t.fuzz.rules, 'rules fuzzed')}${card(ratioText({ covered: t.fuzz.nearMiss, total: t.fuzz.items }), 'items with a near miss')}${card(ratioText({ covered: t.fuzz.independencePair, total: t.fuzz.items }), 'items with an independence pair')}</div>`
    : '';
  return html`<div class="banner ${ok ? 'ok' : 'fail'}">${ok ? 'All cases passed' : 'Failures'}: ${t.cases} cases, ${t.passed} passed, ${t.failed} failed, ${t.errors} errors</div>
<div class="cards">${card(t.rules, 'rules')}${card(t.tested, 'tested')}${card(t.partlyTested, 'partly tested')}${card(t.untested, 'untested')}${card(t.failing, 'failing')}${card(t.rulesWithoutNegative, 'without a negative case')}</div>
<h3>Logic coverage by hand-written cases</h3>
<div class="cards">${card(`${t.percent}%`, 'items made true and false (all rules)', report.definitions['logicCoverage'])}${card(`${t.testedPercent}%`, 'the same, rules with cases')}${card(ratioText(t.figures.itemsIndependent), 'items independent', report.definitions['independent'])}${card(ratioText(t.figures.values), 'values made true and false')}${card(ratioText(t.figures.selections), 'selections made true and false')}</div>
${fuzz}
${legend()}
<div class="charts">${stackedBars('Per log source', report.byLogsource)}${stackedBars('Per tactic', report.byTactic)}</div>
${modifiers(report)}`;
}

function modifiers(report: CoverageReport): Raw {
  const rows = report.totals.modifiers.map((m) => html`<tr><td><code>${m.modifier}</code></td><td class="num">${m.items}</td><td class="num">${m.madeTrue}</td><td class="num">${m.madeBoth}</td></tr>`);
  return html`<details><summary>Modifiers exercised (${report.totals.modifiers.length})</summary><table class="modifiers"><thead><tr><th>Modifier</th><th>Items</th><th>Made true</th><th>Made true and false</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function searchText(r: RuleCoverage): string {
  return [r.title, r.id, r.path, r.level ?? '', r.logsourceKey, STATUS_TEXT[r.testStatus], ...r.tactics.map((t) => t.name), ...r.techniques.map((t) => t.id)].join(' ').toLowerCase();
}

function ruleRow(r: RuleCoverage, fuzz: boolean): Raw {
  const fuzzCells = fuzz
    ? r.fuzz
      ? html`${ratioCell({ covered: r.fuzz.nearMiss, total: r.fuzz.items })}${ratioCell({ covered: r.fuzz.independencePair, total: r.fuzz.items })}`
      : html`<td data-value="-1">–</td><td data-value="-1">–</td>`
    : '';
  return html`<tr data-status="${r.testStatus}" data-search="${searchText(r)}">
<td><a href="rules/${encodeURIComponent(r.page)}.html">${r.title}</a><br><code class="muted">${r.path}</code></td>
<td>${r.level ?? ''}</td><td>${r.logsourceKey}</td><td>${r.tactics.map((t) => t.name).join(', ')}</td>
<td data-value="${r.testStatus}">${statusBadge(r.testStatus)}</td>
<td class="num" data-value="${r.cases.total}">${r.cases.passed}/${r.cases.total}</td><td class="num">${r.cases.positives}</td><td class="num">${r.cases.negatives}</td>
${ratioCell(r.figures.items)}${ratioCell(r.figures.itemsIndependent)}${fuzzCells}</tr>`;
}

function rulesTable(report: CoverageReport): Raw {
  const fuzz = report.totals.fuzz !== undefined;
  const options = ['tested', 'partly-tested', 'untested', 'failing'] as const;
  return html`<h2 id="rules-table">Rules</h2>
<div class="controls"><input id="filter" type="search" placeholder="Filter by title, id, path, log source, tactic, technique…" aria-label="Filter rules">
<select id="status-filter" aria-label="Test status"><option value="">all statuses</option>${options.map((s) => html`<option value="${s}">${STATUS_TEXT[s]}</option>`)}</select>
<span><span id="shown">${report.rules.length}</span> of ${report.rules.length} rules shown</span></div>
<table id="rules"><thead><tr><th data-type="text">Rule</th><th data-type="text">Level</th><th data-type="text">Log source</th><th data-type="text">Tactics</th><th data-type="text">Status</th><th data-type="num" class="num">Cases</th><th data-type="num" class="num">Pos.</th><th data-type="num" class="num">Neg.</th><th data-type="num" class="num">Items true+false</th><th data-type="num" class="num">Independent</th>${fuzz ? html`<th data-type="num" class="num">Fuzz near miss</th><th data-type="num" class="num">Fuzz pair</th>` : ''}</tr></thead>
<tbody>${report.rules.map((r) => ruleRow(r, fuzz))}</tbody></table>`;
}

function footer(report: CoverageReport): Raw {
  const s = report.sources;
  const files = ['coverage.json', 'coverage.md', 'attack-layer.json', 'attack-count-layer.json'];
  return html`${report.problems.length > 0 ? html`<h2>Problems (${report.problems.length})</h2><ul>${report.problems.slice(0, 200).map((p) => html`<li><code>${p}</code></li>`)}</ul>` : ''}
<h2>Sources and files</h2>
<ul><li>rules: <code>${s.rules.join(' ')}</code></li><li>cases: <code>${s.cases.join(' ') || '(none)'}</code></li><li>regression data: <code>${s.regression.join(' ') || '(none)'}</code></li>
${s.catalog ? html`<li>catalog: ${s.catalog.rules} rules from <code>${s.catalog.paths.join(' ')}</code></li>` : ''}
${s.fuzz ? html`<li>fuzz report: <code>${s.fuzz.file}</code> (seed ${s.fuzz.seed}, ${s.fuzz.runs} runs, ${s.fuzz.rules} rules)</li>` : ''}
<li>files: ${files.map((f, i) => html`${i > 0 ? ', ' : ''}<a href="${f}">${f}</a>`)}</li></ul>
<h2>Definitions</h2><dl>${Object.entries(report.definitions).map(([k, v]) => html`<dt><b>${k}</b></dt><dd>${v}</dd>`)}</dl>
<p class="muted">${report.tool.name} ${report.tool.version}</p>`;
}

export function renderIndexHtml(report: CoverageReport): string {
  const body = html`<h1>sigmatest coverage</h1>
${overview(report)}
${rulesTable(report)}
${correlationSection(report)}
${filterSection(report)}
${failureSection(report.failures, 'rules/')}
${footer(report)}`;
  return page('sigmatest coverage', body, TABLE_SCRIPT);
}
