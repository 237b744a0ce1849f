/**
 * HTML building with escaping by default: `html\`<td>${text}</td>\`` escapes every interpolated value (`&`, `<`,
 * `>`, `"`, `'`; control characters other than tab/LF/CR dropped) unless it is `Raw` (already-built HTML). Arrays
 * are joined, each element escaped or raw. Values always land in text or in double-quoted attributes, so rule and
 * case text (data, possibly hostile) can never become markup or script.
 */

export class Raw {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export function raw(text: string): Raw {
  return new Raw(text);
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const SPECIAL: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(CONTROL, '').replace(/[&<>"']/g, (c) => SPECIAL[c] ?? c);
}

function piece(value: unknown): string {
  if (value instanceof Raw) return value.html;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += piece(v) + (strings[i + 1] ?? '');
  });
  return new Raw(out);
}

/** A URL for an href: only relative paths and http(s)/mailto links; anything else (javascript: …) becomes `#`. */
export function safeHref(url: string): string {
  const trimmed = url.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? '#' : trimmed;
}
