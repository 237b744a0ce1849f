/**
 * HTML fragments shared by the index and the rule and correlation pages: status badges, ✓/✗ marks, ratio cells,
 * the failing cases with their explanations (gate, condition, selections → items with ✓/✗) and the links to the
 * correlations that reference a page's rule, all built with escaping html``.
 */
import { ratioPercent, ratioText, STATUS_TEXT, yesNo } from '../../coverage/format.js';
import type { CorrelationLink, FailingCase, FuzzItem, Ratio, TestStatus } from '../../coverage/model.js';
import { html, type Raw } from './escape.js';

export function statusBadge(status: TestStatus): Raw {
  return html`<span class="status ${status}">${STATUS_TEXT[status]}</span>`;
}

export function mark(value: boolean | undefined, title?: string): Raw {
  if (value === undefined) return html`<span class="na">–</span>`;
  return html`<span class="${value ? 'yes' : 'no'}"${title ? html` title="${title}"` : ''}>${yesNo(value)}</span>`;
}

export function fuzzMark(f: FuzzItem | undefined, which: 'nearMiss' | 'independencePair'): Raw {
  return f === undefined ? mark(undefined) : mark(f[which], f.reason);
}

/** A numeric table cell sortable by its percentage (-1 when there is nothing to cover). */
export function ratioCell(r: Ratio): Raw {
  return html`<td class="num" data-value="${ratioPercent(r) ?? -1}">${ratioText(r)}</td>`;
}

export function failureSection(failures: readonly FailingCase[], pagePrefix: string): Raw {
  if (failures.length === 0) return html``;
  const blocks = failures.map((f) => {
    const events = f.events.map(
      (e) => html`<div>${e.heading}</div>${e.lines.length > 0 ? html`<pre>${e.lines.map((l) => `${'  '.repeat(l.depth)}${l.held === undefined ? '' : l.held ? '✓ ' : '✗ '}${l.text}\n`)}</pre>` : ''}`,
    );
    return html`<div class="failure">
<h3>${f.name}</h3>
<p><code>${f.file}:${f.line}</code> — rule <a href="${pagePrefix}${encodeURIComponent(f.page)}.html">${f.ruleTitle}</a>: ${f.outcome}${f.message ? html` — ${f.message}` : ''}</p>
${events}
</div>`;
  });
  return html`<h2 id="failures">Failing cases (${failures.length})</h2>${blocks}`;
}

/** On a page under rules/: the correlations that reference this rule or correlation (`ul.referenced-by`). */
export function referencedBySection(links: readonly CorrelationLink[] | undefined): Raw {
  if (!links || links.length === 0) return html``;
  const items = links.map(
    (l) => html`<li><a href="${encodeURIComponent(l.page)}.html">${l.title}</a> <code>${l.type}</code> <span class="muted">${l.generate ? 'generate: true' : 'generate: false: matches of the rules it references are not alerts of their own'}</span></li>`,
  );
  return html`<h2 id="referenced-by">Referenced by correlations</h2><ul class="referenced-by">${items}</ul>`;
}
