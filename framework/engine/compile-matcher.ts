/**
 * IrMatcher → a test of one present, non-null, non-array value, built once per rule (closures, pre-folded
 * literals, `*`-only globs as string operations, RegExp only for `?` and `re`; the `re` shapes on which RegExp
 * backtracks badly get an equivalent linear-time test, regex-fast.ts). No code generation: rule values reach the
 * closures as data only. Must decide exactly like reference.ts (checked by the differential tests).
 */
import { inNetwork, parseIp } from '../ir/ip.js';
import type { IrMatcher, IrPattern } from '../ir/types.js';
import { foldCase } from './fold.js';
import { fastRegexTest } from './regex-fast.js';
import { trimLeadingRepetition } from './regex-trim.js';
import { requiredRegexLiterals } from './regex-literal.js';
import { dateParts, isoWeek, numericValue, stringForm } from './values.js';

/** A value seen by matchers; text forms are computed once and only when asked for. */
export class ValueView {
  private textCache: string | undefined;
  private foldedCache: string | undefined;
  private ipCache: ReturnType<typeof parseIp> | undefined;
  constructor(public raw: unknown) {}
  /** Makes this view show another value (EventView reuses the views of scalar fields across events). */
  reset(raw: unknown): void {
    this.raw = raw;
    this.textCache = undefined;
    this.foldedCache = undefined;
    this.ipCache = undefined;
  }
  get text(): string {
    return (this.textCache ??= stringForm(this.raw));
  }
  get folded(): string {
    return (this.foldedCache ??= foldCase(this.text));
  }
  /** The value parsed as an IP address (null when it is not a string or not an address), parsed once. */
  get ip(): ReturnType<typeof parseIp> {
    if (this.ipCache === undefined) this.ipCache = typeof this.raw === 'string' ? parseIp(this.raw) : null;
    return this.ipCache;
  }
}

export type ScalarTest = (view: ValueView) => boolean;

/** The literal segments of a pattern between its `*`s (folded unless `cased`); `?` parts are skipped. */
export function literalsOf(pattern: IrPattern, cased: boolean): string[] {
  const segments: string[] = [''];
  for (const part of pattern) {
    if (part.t === 'any') segments.push('');
    else if (part.t === 'lit') segments[segments.length - 1] += cased ? part.v : foldCase(part.v);
  }
  return segments;
}

/** A glob made of literals and `*` only: segments[0] is anchored at the start, the last at the end. */
function globTest(segments: readonly string[]): (text: string) => boolean {
  if (segments.length === 1) {
    const only = segments[0] ?? '';
    return (t) => t === only;
  }
  const first = segments[0] ?? '';
  const last = segments[segments.length - 1] ?? '';
  const middle = segments.slice(1, -1).filter((s) => s !== '');
  if (middle.length === 0) {
    if (first === '' && last === '') return () => true;
    if (first === '') return (t) => t.endsWith(last);
    if (last === '') return (t) => t.startsWith(first);
    return (t) => t.length >= first.length + last.length && t.startsWith(first) && t.endsWith(last);
  }
  return (t) => {
    if (!t.startsWith(first)) return false;
    let pos = first.length;
    for (const seg of middle) {
      const at = t.indexOf(seg, pos);
      if (at < 0) return false;
      pos = at + seg.length;
    }
    return t.length - last.length >= pos && t.endsWith(last);
  };
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

function questionGlob(pattern: IrPattern, cased: boolean): (text: string) => boolean {
  let source = '';
  for (const part of pattern) {
    if (part.t === 'any') source += '[^]*';
    else if (part.t === 'one') source += '[^]';
    else source += (cased ? part.v : foldCase(part.v)).replace(REGEX_SYNTAX, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 'u');
  return (t) => re.test(t);
}

function stringTest(pattern: IrPattern, cased: boolean): ScalarTest {
  const test = pattern.some((p) => p.t === 'one') ? questionGlob(pattern, cased) : globTest(literalsOf(pattern, cased));
  return cased ? (v) => test(v.text) : (v) => test(v.folded);
}

function numberTest(expected: number): ScalarTest {
  const text = String(expected);
  return (v) => {
    const raw = v.raw;
    if (typeof raw === 'number') return raw === expected;
    if (typeof raw === 'boolean') return false;
    const n = numericValue(raw);
    return n !== null ? n === expected : v.folded === text;
  };
}

function compareTest(op: string, bound: number): ScalarTest {
  const cmp =
    op === 'lt' ? (n: number) => n < bound : op === 'lte' ? (n: number) => n <= bound : op === 'gt' ? (n: number) => n > bound : (n: number) => n >= bound;
  return (v) => {
    if (typeof v.raw === 'boolean') return false;
    const n = numericValue(v.raw);
    return n !== null && cmp(n);
  };
}

function timePartTest(part: string, expected: number): ScalarTest {
  return (v) => {
    const d = dateParts(v.raw);
    if (!d) return false;
    const actual = part === 'week' ? isoWeek(d.year, d.month, d.day) : d[part as 'year'];
    return actual === expected;
  };
}

function cidrTest(version: 4 | 6, bytes: readonly number[], prefix: number): ScalarTest {
  return (v) => {
    const ip = v.ip;
    return ip !== null && ip.version === version && inNetwork(ip.bytes, bytes, prefix);
  };
}

/**
 * A `re` matcher: the linear-time test when regex-fast.ts has one, else RegExp, on the pattern without a repeated
 * first atom (regex-trim.ts: the same search); first, when every match must contain a literal (regex-literal.ts,
 * in the folded text), a substring search for the longest one, which rules most texts out far faster than the
 * regular expression would.
 */
function regexTest(source: string, flags: string): ScalarTest {
  const searched = trimLeadingRepetition(source, flags);
  const fast = fastRegexTest(searched, flags);
  const re = fast ? null : new RegExp(searched, flags);
  const test = fast ?? ((text: string) => (re as RegExp).test(text));
  const required = requiredRegexLiterals(source, flags).reduce((a, b) => (b.length > a.length ? b : a), '');
  if (required === '') return (v) => test(v.text);
  return (v) => v.folded.includes(required) && test(v.text);
}

/** Tests for every matcher kind except `null`, `exists` and `fieldref`, which need the field or the event. */
export function compileScalarTest(m: IrMatcher): ScalarTest {
  switch (m.kind) {
    case 'string':
      return stringTest(m.pattern, m.cased);
    case 'regex':
      return regexTest(m.source, m.flags);
    case 'number':
      return numberTest(m.value);
    case 'bool': {
      const text = String(m.value);
      return (v) => (typeof v.raw === 'boolean' ? v.raw === m.value : v.folded === text);
    }
    case 'compare':
      return compareTest(m.op, m.value);
    case 'timepart':
      return timePartTest(m.part, m.value);
    case 'cidr':
      return cidrTest(m.version, m.bytes, m.prefix);
    case 'null':
    case 'exists':
    case 'fieldref':
      return () => false;
  }
}
