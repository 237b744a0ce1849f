/**
 * Near-miss operators per matcher kind (issue 4 part 3): small edits of a value on which a matcher holds,
 * each aimed at making it fail. In: the matcher, the event value it holds on, randomness. Out: candidate values
 * named by operator (`endswith:append-suffix`, `cidr:just-outside`, ...). Nothing here decides: the caller
 * checks every candidate with the reference evaluator and records what it really does.
 */
import type { IrMatcher, IrPattern, TimePart } from '../../framework/ir/types.js';
import { foldCase } from '../../framework/engine/fold.js';
import { dateParts, stringForm, type DateParts } from '../../framework/engine/values.js';
import { addressesJustOutside, addressOtherVersion } from './ip-sample.js';
import { presentValue } from './filler.js';
import type { Rng } from './rng.js';

export interface Violation {
  readonly operator: string;
  /** The new field value (`undefined` = remove the field). */
  readonly value: unknown;
}

type Shape = 'exact' | 'startswith' | 'endswith' | 'contains' | 'wildcard';

export function patternShape(p: IrPattern): Shape {
  const t = p.map((x) => (x.t === 'lit' ? 'l' : x.t === 'any' ? 'a' : 'o')).join('');
  if (/^l?$/.test(t)) return 'exact';
  if (t === 'al') return 'endswith';
  if (t === 'la') return 'startswith';
  if (t === 'ala') return 'contains';
  return 'wildcard';
}

const DOMAIN = /^\.?[\w-]+(\.[\w-]+)+$/;

/** A character that is not `c` in any letter case. */
function otherChar(c: string): string {
  return foldCase(c) === 'x' ? 'q' : 'x';
}

/** Index of `needle` in `text` ignoring case (when not cased); -1 when absent or folding changes lengths. */
function findNeedle(text: string, needle: string, cased: boolean): number {
  if (cased) return text.indexOf(needle);
  const t = foldCase(text);
  return t.length === text.length ? t.indexOf(foldCase(needle)) : -1;
}

/** Replace every occurrence of `needle` by `f(occurrence)`. */
function replaceNeedle(text: string, needle: string, cased: boolean, f: (hit: string) => string): string | null {
  if (needle === '') return null;
  let out = text;
  for (let guard = 0; guard < 20; guard++) {
    const i = findNeedle(out, needle, cased);
    if (i < 0) return guard === 0 ? null : out;
    out = out.slice(0, i) + f(out.slice(i, i + needle.length)) + out.slice(i + needle.length);
  }
  return out;
}

function split(hit: string): string {
  const cut = Math.max(1, Math.floor(hit.length / 2));
  return hit.length < 2 ? '' : `${hit.slice(0, cut)} ${hit.slice(cut)}`;
}

/** The needle with one letter or digit (the one nearest its middle) replaced. */
function changeMiddleChar(hit: string): string {
  const chars = [...hit];
  const order = chars.map((_, i) => i).sort((a, b) => Math.abs(a - chars.length / 2) - Math.abs(b - chars.length / 2));
  const i = order.find((k) => /[\p{L}\p{N}]/u.test(chars[k] ?? ''));
  if (i === undefined) return hit.length < 2 ? '' : split(hit);
  chars[i] = otherChar(chars[i] ?? '');
  return chars.join('');
}

function stringViolations(m: Extract<IrMatcher, { kind: 'string' }>, text: string): Violation[] {
  const lits = m.pattern.flatMap((p) => (p.t === 'lit' ? [p.v] : []));
  const needle = lits.reduce((a, b) => (b.length > a.length ? b : a), '');
  const out: Violation[] = [];
  const add = (operator: string, value: string | null): void => {
    if (value !== null && value !== text) out.push({ operator, value });
  };
  const shape = patternShape(m.pattern);
  if (shape === 'endswith') {
    add('endswith:append-suffix', text + (DOMAIN.test(needle) ? '.evil.com' : '.bak'));
    if (needle.length > 1) add('endswith:drop-first-char', needle.slice(1));
    add('endswith:change-first-char', otherChar(needle[0] ?? '') + needle.slice(1));
  } else if (shape === 'startswith') {
    add('startswith:prefix-char', otherChar(needle[0] ?? '') + text);
    if (needle.length > 0) add('startswith:drop-first-char', text.slice(1));
  } else if (shape === 'contains') {
    add(needle.length < 2 ? 'contains:remove-needle' : 'contains:split-needle', replaceNeedle(text, needle, m.cased, split));
    add('contains:change-char', replaceNeedle(text, needle, m.cased, changeMiddleChar));
  } else if (shape === 'exact') {
    if (/^(true|false)$/i.test(needle) && foldCase(text) === foldCase(needle)) add('bool:flip', foldCase(needle) === 'true' ? 'false' : 'true');
    add('exact:add-space', text + ' ');
    add('exact:add-char', text + otherChar(text[text.length - 1] ?? ''));
  } else if (needle !== '') {
    add('wildcard:break-literal', replaceNeedle(text, needle, m.cased, (hit) => (hit.length < 2 ? otherChar(hit) : split(hit))));
  }
  if (m.cased && /[a-zA-Z]/.test(needle)) add('cased:flip-case', replaceNeedle(text, needle, true, (hit) => hit.replace(/[a-zA-Z]/, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))));
  return out;
}

function regexViolations(m: Extract<IrMatcher, { kind: 'regex' }>, text: string): Violation[] {
  const re = new RegExp(m.source, m.flags.includes('g') ? m.flags : m.flags + 'g');
  let removed = text;
  for (let i = 0; i < 5; i++) {
    const next = removed.replace(re, '');
    if (next === removed) break;
    removed = next;
  }
  const first = new RegExp(m.source, m.flags.replace('g', '')).exec(text);
  const out: Violation[] = [];
  if (removed !== text) out.push({ operator: 'regex:remove-match', value: removed });
  if (first && first[0].length > 0) {
    const i = first.index;
    const c = text[i] ?? '';
    out.push({ operator: 'regex:change-char', value: text.slice(0, i) + (/\d/.test(c) ? 'x' : /\w/.test(c) ? '#' : 'x') + text.slice(i + 1) });
  }
  return out;
}

/** The same kind of value as `like` (number or numeric string). */
function sameType(like: unknown, n: number): unknown {
  return typeof like === 'string' ? String(n) : n;
}

function compareViolations(m: Extract<IrMatcher, { kind: 'compare' }>, value: unknown): Violation[] {
  const v = m.value;
  const n = m.op === 'gt' || m.op === 'lt' ? v : m.op === 'gte' ? (Number.isInteger(v) ? v - 1 : Math.floor(v)) : Number.isInteger(v) ? v + 1 : Math.ceil(v);
  return [{ operator: 'compare:wrong-side-boundary', value: sameType(value, n) }];
}

/** The date with one part moved by one (calendar arithmetic: the other parts stay, except for `week`). */
function shiftPart(d: DateParts, part: TimePart): [number, number, number, number, number] {
  const { year: y, month: mo, day: da, hour: h, minute: mi } = d;
  if (part === 'year') return [y + 1, mo, Math.min(da, 28), h, mi];
  if (part === 'month') return [y, (mo % 12) + 1, Math.min(da, 28), h, mi];
  if (part === 'day') return [y, mo, da < 28 ? da + 1 : da - 1, h, mi];
  if (part === 'hour') return [y, mo, da, (h + 1) % 24, mi];
  if (part === 'minute') return [y, mo, da, h, (mi + 1) % 60];
  const next = new Date(Date.UTC(y, mo - 1, da + 7));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), h, mi];
}

function timepartViolations(m: Extract<IrMatcher, { kind: 'timepart' }>, value: unknown): Violation[] {
  const d = dateParts(value);
  if (!d) return [];
  const [y, mo, da, h, mi] = shiftPart(d, m.part);
  if (typeof value === 'number') {
    const seconds = Date.UTC(y, mo - 1, da, h, mi) / 1000 + (Math.abs(value) < 1e11 ? value % 60 : (value / 1000) % 60);
    return [{ operator: 'timepart:shift', value: Math.abs(value) < 1e11 ? seconds : seconds * 1000 }];
  }
  const text = String(value).trimStart();
  const two = (n: number): string => String(n).padStart(2, '0');
  const fresh = `${String(y).padStart(4, '0')}-${two(mo)}-${two(da)}${text[10] ?? ' '}${two(h)}:${two(mi)}`;
  return [{ operator: 'timepart:shift', value: fresh + (/^.{10}[T ]\d\d:\d\d/.test(text) ? text.slice(16) : '') }];
}

/** Edits of `value` meant to make `m` fail on it (candidates; unverified). */
export function violate(m: IrMatcher, value: unknown, rng: Rng): Violation[] {
  switch (m.kind) {
    case 'string':
      return stringViolations(m, stringForm(value));
    case 'regex':
      return regexViolations(m, stringForm(value));
    case 'cidr':
      return [...addressesJustOutside(m).map((a) => ({ operator: 'cidr:just-outside', value: a })), { operator: 'cidr:other-version', value: addressOtherVersion(m, rng) }];
    case 'compare':
      return compareViolations(m, value);
    case 'number':
      return [{ operator: 'number:other-value', value: sameType(value, m.value + 1) }];
    case 'bool':
      return [{ operator: 'bool:flip', value: typeof value === 'boolean' ? !m.value : String(!m.value) }];
    case 'timepart':
      return timepartViolations(m, value);
    case 'fieldref':
      return [{ operator: 'fieldref:other-value', value: presentValue(rng) }];
    case 'exists':
      return [{ operator: m.value ? 'field:remove' : 'exists:add-field', value: m.value ? undefined : '' }];
    case 'null':
      return [{ operator: 'null:set-value', value: presentValue(rng) }];
  }
}

/** Field-level edits that falsify almost any item: the field removed, null, empty. */
export function fieldViolations(): Violation[] {
  return [
    { operator: 'field:remove', value: undefined },
    { operator: 'field:null', value: null },
    { operator: 'field:empty', value: '' },
  ];
}
