/**
 * Scalar scanning for fast-yaml.ts: single-line quoted scalars, plain scalars, `|` literal block bodies, and the
 * YAML 1.2 core typing of plain scalars through the `yaml` package's own schema tags.
 * In: the file text and offsets inside one line. Out: values exactly as the `yaml` package decodes them, or
 * `OUTSIDE_SUBSET` thrown when the text is not in fast-yaml's subset (the caller then parses it with `yaml`).
 * Must hold: nothing here reports a problem itself; anything unusual is thrown as OUTSIDE_SUBSET.
 */
import { Scalar, type Document, type ScalarTag } from 'yaml';
import { newScalar } from './fast-yaml-nodes.js';

/** Thrown (one shared object, so throwing is cheap) when the text is outside the subset. */
export const OUTSIDE_SUBSET: unique symbol = Symbol('outside the fast YAML subset');

export function outside(): never {
  throw OUTSIDE_SUBSET;
}

/** A scalar token on one line: its decoded value and the offset just after it. */
export interface Scanned {
  readonly value: string;
  readonly end: number;
}

/** `'…'` on one line (`''` is a quote). `p` is at the opening quote. */
export function singleQuoted(text: string, p: number, lineEnd: number): Scanned {
  let value = '';
  let from = p + 1;
  for (;;) {
    const q = text.indexOf("'", from);
    if (q < 0 || q >= lineEnd) return outside();
    if (text.charCodeAt(q + 1) === 0x27) {
      value += text.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    return { value: value + text.slice(from, q), end: q + 1 };
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };
const HEX = /^[0-9a-fA-F]+$/;

/** `"…"` on one line with YAML escapes. `p` is at the opening quote. */
export function doubleQuoted(text: string, p: number, lineEnd: number): Scanned {
  let value = '';
  let from = p + 1;
  for (let i = from; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { value: value + text.slice(from, i), end: i + 1 };
    if (c !== 0x5c) continue;
    value += text.slice(from, i);
    const next = text[i + 1] ?? '';
    const simple = ESCAPES[next];
    const length = HEX_LENGTH[next];
    if (simple !== undefined) {
      value += simple;
      i += 1;
    } else if (length !== undefined) {
      value += hexCharacter(text.slice(i + 2, i + 2 + length), length);
      i += 1 + length;
    } else {
      return outside();
    }
    from = i + 1;
  }
  return outside();
}

function hexCharacter(digits: string, length: number): string {
  if (digits.length !== length || !HEX.test(digits)) return outside();
  const code = parseInt(digits, 16);
  return code > 0x10ffff ? outside() : String.fromCodePoint(code);
}

/** Characters that cannot start a plain scalar here (indicators, or rare enough to leave to `yaml`). */
const BAD_PLAIN_START = new Set([...',[]{}#&*!|>\'"%@`']);
/** Whether a plain scalar may start at `p` (`-x`, `:x`, `?x` may; `- x` is a sequence entry). */
export function plainStartOk(text: string, p: number, lineEnd: number): boolean {
  const c = text[p] ?? '';
  if (c === '-' || c === ':' || c === '?') return p + 1 < lineEnd && text.charCodeAt(p + 1) !== 0x20;
  return !BAD_PLAIN_START.has(c) && p < lineEnd;
}

/** Offset of the `:` ending a plain implicit key that starts at `p`, or -1 (a comment or the line end comes first). */
export function plainKeyColon(text: string, p: number, lineEnd: number): number {
  /** Whether a flow indicator (`[]{},`) comes first: fine in a plain value in block context, not in a key here. */
  let flow = false;
  for (let i = p; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a && (i + 1 === lineEnd || text.charCodeAt(i + 1) === 0x20)) {
      if (flow || i - p > 1000) return outside();
      return i;
    }
    if (c === 0x23 && text.charCodeAt(i - 1) === 0x20) return -1;
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2c) flow = true;
  }
  return -1;
}

/** End (exclusive, trailing spaces dropped) of a plain value starting at `p`; a `: ` inside it is outside the subset. */
export function plainValueEnd(text: string, p: number, lineEnd: number): number {
  let end = lineEnd;
  for (let i = p; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a && (i + 1 === lineEnd || text.charCodeAt(i + 1) === 0x20)) return outside();
    if (c === 0x23 && text.charCodeAt(i - 1) === 0x20) {
      end = i;
      break;
    }
  }
  while (end > p && text.charCodeAt(end - 1) === 0x20) end--;
  return end;
}

/**
 * End (exclusive, trailing spaces dropped) of a continuation line of a multi-line plain scalar, which runs from
 * `p` (its first non-space character) to the line end; a comment, a `: ` or an indicator first is outside the subset.
 */
export function plainContinuationEnd(text: string, p: number, lineEnd: number): number {
  if (BAD_PLAIN_START.has(text[p] ?? '') || text[p] === '-' || text[p] === ':' || text[p] === '?') return outside();
  const end = plainValueEnd(text, p, lineEnd);
  for (let i = end; i < lineEnd; i++) if (text.charCodeAt(i) !== 0x20) return outside();
  return end;
}

/** After a scalar on its line: only spaces, then nothing or a ` #` comment. */
export function expectLineEnd(text: string, p: number, lineEnd: number): void {
  let i = p;
  while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
  if (i === lineEnd) return;
  if (text.charCodeAt(i) === 0x23 && i > p) return;
  outside();
}

/** The core-schema scalar tags that type plain scalars, in the schema's order. */
export function plainTags(doc: Document): readonly ScalarTag[] {
  return doc.schema.tags.filter(
    (t): t is ScalarTag => !('collection' in t && t.collection) && t.default === true && t.test !== undefined,
  );
}

/** The words the core schema types (null and bool tags): the only candidates among scalars starting with a letter. */
const TYPED_WORDS: ReadonlySet<string> = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/**
 * Whether the core schema may type `source` (non-empty): it starts with one of `-+.0-9~` (numbers, `~`), or it
 * is one of TYPED_WORDS (every other letter-initial scalar is a string: `falsepositives`, `title`…).
 */
function maybeTyped(source: string): boolean {
  const c = source.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x7e) return true;
  const lower = c | 0x20;
  return (lower === 0x6e || lower === 0x74 || lower === 0x66) && TYPED_WORDS.has(source);
}

/** A plain scalar typed as `yaml` types it (first matching default tag, else a string). */
export function plainScalar(source: string, tags: readonly ScalarTag[], doc: Document): Scalar {
  if (source !== '' && !maybeTyped(source)) return finish(newScalar(source), source, Scalar.PLAIN);
  for (const tag of tags) {
    if (!tag.test?.test(source)) continue;
    const value = tag.resolve(source, () => outside(), doc.options);
    const scalar = value instanceof Scalar ? value : newScalar(value);
    if (tag.format !== undefined) scalar.format = tag.format;
    return finish(scalar, source, Scalar.PLAIN);
  }
  return finish(newScalar(source), source, Scalar.PLAIN);
}

/** A string scalar of the given type (quoted or block). */
export function stringScalar(value: string, type: Scalar.Type): Scalar {
  return finish(newScalar(value), value, type);
}

function finish(scalar: Scalar, source: string, type: Scalar.Type): Scalar {
  scalar.source = source;
  scalar.type = type;
  return scalar;
}
