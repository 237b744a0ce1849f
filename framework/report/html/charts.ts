/**
 * Inline SVG charts for the overview: one horizontal stacked bar per group (log source, tactic) split by test
 * status, with the rule count and the group's logic coverage at the end of the bar. Labels are escaped text
 * nodes; each segment has a <title> tooltip. At most MAX_GROUPS groups (the largest), the rest summarised.
 */
import type { GroupFigures } from '../../coverage/model.js';
import { ratioPercent } from '../../coverage/format.js';
import { STATUS_STYLE } from '../../coverage/layers.js';
import { html, type Raw } from './escape.js';

const MAX_GROUPS = 25;
const LABEL_WIDTH = 270;
const BAR_WIDTH = 300;
const ROW = 20;

const SEGMENTS = [
  ['tested', 'tested'],
  ['partlyTested', 'partly-tested'],
  ['untested', 'untested'],
  ['failing', 'failing'],
] as const;

function bar(g: GroupFigures, y: number, max: number): Raw {
  let x = LABEL_WIDTH;
  const parts = SEGMENTS.map(([field, status]) => {
    const n = g[field];
    const w = max === 0 ? 0 : (n / max) * BAR_WIDTH;
    const rect = html`<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${STATUS_STYLE[status].color}"><title>${g.label}: ${n} ${status}</title></rect>`;
    x += w;
    return n > 0 ? rect : html``;
  });
  const pct = ratioPercent(g.items);
  const label = g.label.length > 36 ? `${g.label.slice(0, 35)}…` : g.label;
  return html`<g><text x="${LABEL_WIDTH - 6}" y="${y + ROW - 6}" text-anchor="end"><title>${g.label}</title>${label}</text>${parts}<text x="${x + 6}" y="${y + ROW - 6}">${g.rules}${pct === undefined ? '' : ` · ${pct}%`}</text></g>`;
}

export function stackedBars(title: string, groups: readonly GroupFigures[]): Raw {
  const shown = groups.slice(0, MAX_GROUPS);
  const rest = groups.length - shown.length;
  const max = Math.max(0, ...shown.map((g) => g.rules));
  const height = shown.length * ROW + 10;
  const width = LABEL_WIDTH + BAR_WIDTH + 90;
  return html`<figure>
<figcaption><b>${title}</b> <span class="muted">(rules by test status · logic coverage %)</span></figcaption>
<svg role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${shown.map((g, i) => bar(g, i * ROW, max))}</svg>
${rest > 0 ? html`<div class="muted">… and ${rest} more groups (see coverage.md)</div>` : ''}
</figure>`;
}

export function legend(): Raw {
  return html`<div class="legend">${SEGMENTS.map(([, s]) => html`<span><i style="background:${STATUS_STYLE[s].color}"></i>${s}</span>`)}</div>`;
}
