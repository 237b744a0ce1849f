/**
 * Sigma strings (semantics §4): escape processing and wildcard parts, exactly pySigma's two-state machine.
 * In: the value after YAML decoding. Out: IrPattern (literal runs merged; no case folding here).
 * Must hold: `\\` → `\`, `\*`/`\?` → literal (backslash consumed), `\x` keeps the backslash, trailing `\` literal.
 */
import type { IrPattern, IrPatternPart } from './types.js';

/** The wildcard parts, shared by every pattern (parts are immutable data). */
const ANY: IrPatternPart = { t: 'any' };
const ONE: IrPatternPart = { t: 'one' };

export function parseSigmaString(value: string): IrPattern {
  const parts: IrPatternPart[] = [];
  let literal = '';
  /** Start of the run of characters not yet copied into `literal` (copied by slices, not char by char). */
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const next = value[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        literal += value.slice(from, i) + next;
        i++;
        from = i + 1;
      }
    } else if (c === '*' || c === '?') {
      literal += value.slice(from, i);
      if (literal !== '') parts.push({ t: 'lit', v: literal });
      literal = '';
      parts.push(c === '*' ? ANY : ONE);
      from = i + 1;
    }
  }
  literal += value.slice(from);
  if (literal !== '') parts.push({ t: 'lit', v: literal });
  // slice(): an exact-size copy (an array grown by push keeps 17 or more slots for the life of the rule set).
  return parts.slice();
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
  const before = start && pattern[0]?.t !== 'any';
  const last = pattern.length > 0 ? pattern[pattern.length - 1] : before ? ANY : undefined;
  const after = end && last?.t !== 'any';
  if (!before && !after) return pattern.slice();
  // Exact size (a pushed-to array keeps 17 or more slots, and the pattern lives with the rule set).
  const out = new Array<IrPatternPart>(pattern.length + (before ? 1 : 0) + (after ? 1 : 0));
  let i = 0;
  if (before) out[i++] = ANY;
  for (const part of pattern) out[i++] = part;
  if (after) out[i] = ANY;
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
