/**
 * Sigma strings (semantics §4): escape processing and wildcard parts, exactly pySigma's two-state machine.
 * In: the value after YAML decoding. Out: IrPattern (literal runs merged; no case folding here).
 * Must hold: `\\` → `\`, `\*`/`\?` → literal (backslash consumed), `\x` keeps the backslash, trailing `\` literal.
 */
import type { IrPattern, IrPatternPart } from './types.js';

export function parseSigmaString(value: string): IrPattern {
  const parts: IrPatternPart[] = [];
  let literal = '';
  let escaped = false;
  const flush = (): void => {
    if (literal !== '') parts.push({ t: 'lit', v: literal });
    literal = '';
  };
  for (const c of value) {
    if (escaped) {
      literal += c === '*' || c === '?' || c === '\\' ? c : '\\' + c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === '*' || c === '?') {
      flush();
      parts.push(c === '*' ? { t: 'any' } : { t: 'one' });
    } else {
      literal += c;
    }
  }
  if (escaped) literal += '\\';
  flush();
  return parts;
}

/** A pattern that is one literal (possibly empty): no wildcard at all. */
export function literalPattern(text: string): IrPattern {
  return text === '' ? [] : [{ t: 'lit', v: text }];
}

export function hasWildcard(pattern: IrPattern): boolean {
  return pattern.some((p) => p.t !== 'lit');
}

/** The literal text of a wildcard-free pattern. */
export function patternText(pattern: IrPattern): string {
  return pattern.map((p) => (p.t === 'lit' ? p.v : '')).join('');
}

/** contains/startswith/endswith: add `*` at the start and/or end unless already there (semantics §4). */
export function withWildcards(pattern: IrPattern, start: boolean, end: boolean): IrPattern {
  const out = [...pattern];
  if (start && out[0]?.t !== 'any') out.unshift({ t: 'any' });
  if (end && out[out.length - 1]?.t !== 'any') out.push({ t: 'any' });
  return out;
}

/** Apply a text transformation to every literal run (windash, wide, ...). */
export function mapLiterals(pattern: IrPattern, f: (text: string) => string): IrPattern {
  return pattern.map((p) => (p.t === 'lit' ? { t: 'lit', v: f(p.v) } : p));
}

/** Render back as Sigma source text (wildcards unescaped, literal `*`, `?`, `\` escaped). For messages and reports. */
export function renderPattern(pattern: IrPattern): string {
  return pattern
    .map((p) => (p.t === 'any' ? '*' : p.t === 'one' ? '?' : p.v.replace(/[*?\\]/g, (c) => '\\' + c)))
    .join('');
}
