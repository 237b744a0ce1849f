/**
 * The self-contained page shell of the HTML report: inline CSS, the one inline script (sorting and filtering of
 * the rules table) and a Content-Security-Policy that forbids every network load (`default-src 'none'`) and
 * allows only that script by its SHA-256 hash — so even markup that slipped through escaping could neither run
 * an inline handler nor fetch anything. No CDN, no external file.
 */
import { createHash } from 'node:crypto';
import { html, raw, type Raw } from './escape.js';

const CSS = `
:root{--ok:#43a047;--partly:#ffb74d;--untested:#bdbdbd;--fail:#e53935;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);margin:0;padding:24px 32px;max-width:1400px}
h1{font-size:24px;margin:0 0 8px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600}th[data-type]{cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num,th.num{text-align:right}code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--bg);border-radius:4px}
code{padding:1px 4px;word-break:break-all}pre{padding:8px;overflow:auto;white-space:pre-wrap}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:170px}
.card b{display:block;font-size:22px}.card span{color:var(--muted)}.muted{color:var(--muted)}
.status{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff;white-space:nowrap}
.status.tested{background:var(--ok)}.status.partly-tested{background:var(--partly);color:#222}.status.untested{background:var(--untested);color:#222}.status.failing{background:var(--fail)}
.yes{color:var(--ok);font-weight:600}.no{color:var(--fail)}.na{color:var(--muted)}
.controls{display:flex;gap:12px;align-items:center;margin:8px 0}.controls input{padding:5px 8px;min-width:320px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:24px}svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
.legend span{margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
tr[hidden]{display:none}.value-row td{background:#fbfcfd}.banner{padding:10px 14px;border-radius:8px;margin:8px 0;color:#fff}.banner.ok{background:var(--ok)}.banner.fail{background:var(--fail)}
`;

/** Sorting (click a header; `data-type="num"` sorts numerically by `data-value`) and filtering of #rules. */
export const TABLE_SCRIPT = `(() => {
  const table = document.getElementById('rules');
  if (!table) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const filter = document.getElementById('filter');
  const status = document.getElementById('status-filter');
  const shown = document.getElementById('shown');
  const apply = () => {
    const q = filter.value.trim().toLowerCase();
    const s = status.value;
    let n = 0;
    for (const r of rows) {
      const ok = (!q || r.dataset.search.includes(q)) && (!s || r.dataset.status === s);
      r.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = String(n);
  };
  const key = (row, i, num) => {
    const cell = row.cells[i];
    const v = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent;
    return num ? Number(v) : v.toLowerCase();
  };
  table.tHead.addEventListener('click', (e) => {
    const th = e.target.closest('th');
    if (!th || !th.dataset.type) return;
    const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    for (const h of table.tHead.rows[0].cells) h.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir);
    const i = th.cellIndex;
    const num = th.dataset.type === 'num';
    const sorted = rows.slice().sort((a, b) => {
      const x = key(a, i, num);
      const y = key(b, i, num);
      const c = x < y ? -1 : x > y ? 1 : 0;
      return dir === 'ascending' ? c : -c;
    });
    for (const r of sorted) body.appendChild(r);
  });
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  apply();
})();`;

function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** A complete HTML document; `script` (inline, hashed into the CSP) is optional. */
export function page(title: string, body: Raw, script?: string): string {
  const scriptSrc = script === undefined ? "'none'" : scriptHash(script);
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scriptSrc}; base-uri 'none'; form-action 'none'`;
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
${body}
${script === undefined ? '' : raw(`<script>${script}</script>`)}
</body>
</html>
`;
  return doc.html;
}
