/**
 * The reference evaluator: a direct, obviously-right walk over the IR, written for clarity, not speed
 * (semantics §7, §8). Every string pattern is translated to a full-match RegExp over case-folded text
 * (memoised per matcher, which cannot change a decision).
 * The compiled matcher (compile.ts) must decide exactly like this on every event; tests enforce it.
 */
import { inNetwork, parseIp } from '../ir/ip.js';
import type { ConditionExpr, IrDetection, IrItem, IrMatcher, IrPattern, IrRule, IrValue, IrVariant } from '../ir/types.js';
import type { Event } from './event.js';
import { collectLeaves, lookupField } from './field.js';
import { foldCase } from './fold.js';
import { dateParts, isoWeek, numericValue, stringForm } from './values.js';

const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

export function patternToRegExp(pattern: IrPattern, cased: boolean): RegExp {
  const body = pattern
    .map((p) => (p.t === 'any' ? '[\\s\\S]*' : p.t === 'one' ? '[\\s\\S]' : (cased ? p.v : foldCase(p.v)).replace(SYNTAX, '\\$&')))
    .join('');
  return new RegExp(`^(?:${body})$`, 'u');
}

/** Memo of the RegExp built for a matcher (pure function of the matcher; no effect on decisions). */
const regexCache = new WeakMap<IrMatcher, RegExp>();

function cachedRegExp(m: IrMatcher, build: () => RegExp): RegExp {
  let re = regexCache.get(m);
  if (!re) regexCache.set(m, (re = build()));
  return re;
}

function matchString(m: Extract<IrMatcher, { kind: 'string' }>, value: unknown): boolean {
  const text = stringForm(value);
  return cachedRegExp(m, () => patternToRegExp(m.pattern, m.cased)).test(m.cased ? text : foldCase(text));
}

function matchNumber(expected: number, value: unknown): boolean {
  if (typeof value === 'number') return value === expected;
  if (typeof value === 'boolean') return false;
  const n = numericValue(value);
  if (n !== null) return n === expected;
  return foldCase(stringForm(value)) === String(expected);
}

function matchBool(expected: boolean, value: unknown): boolean {
  if (typeof value === 'boolean') return value === expected;
  return foldCase(stringForm(value)) === String(expected);
}

function matchCompare(m: Extract<IrMatcher, { kind: 'compare' }>, value: unknown): boolean {
  const n = typeof value === 'boolean' ? null : numericValue(value);
  if (n === null) return false;
  if (m.op === 'lt') return n < m.value;
  if (m.op === 'lte') return n <= m.value;
  if (m.op === 'gt') return n > m.value;
  return n >= m.value;
}

function matchTimePart(m: Extract<IrMatcher, { kind: 'timepart' }>, value: unknown): boolean {
  const d = dateParts(value);
  if (!d) return false;
  const actual = m.part === 'week' ? isoWeek(d.year, d.month, d.day) : d[m.part];
  return actual === m.value;
}

function matchCidr(m: Extract<IrMatcher, { kind: 'cidr' }>, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const ip = parseIp(value);
  return ip !== null && ip.version === m.version && inNetwork(ip.bytes, m.bytes, m.prefix);
}

function matchFieldref(m: Extract<IrMatcher, { kind: 'fieldref' }>, value: unknown, other: unknown): boolean {
  if (other === undefined || other === null) return false;
  const others = Array.isArray(other) ? other.flat(Infinity) : [other];
  const fold = (v: unknown): string => (m.cased ? stringForm(v) : foldCase(stringForm(v)));
  const a = fold(value);
  return others.some((o) => {
    if (o === null) return false;
    const b = fold(o);
    if (m.position === 'contains') return a.includes(b);
    if (m.position === 'startswith') return a.startsWith(b);
    if (m.position === 'endswith') return a.endsWith(b);
    return a === b;
  });
}

/** One matcher against one present, non-null, non-array value. */
function matchScalar(m: IrMatcher, value: unknown, event: Event, renames: Readonly<Record<string, string>>): boolean {
  switch (m.kind) {
    case 'string':
      return matchString(m, value);
    case 'regex':
      return cachedRegExp(m, () => new RegExp(m.source, m.flags)).test(stringForm(value));
    case 'number':
      return matchNumber(m.value, value);
    case 'bool':
      return matchBool(m.value, value);
    case 'compare':
      return matchCompare(m, value);
    case 'timepart':
      return matchTimePart(m, value);
    case 'cidr':
      return matchCidr(m, value);
    case 'fieldref':
      return matchFieldref(m, value, lookupField(event, renames[m.field] ?? m.field));
    case 'null':
    case 'exists':
      return false;
  }
}

/** One matcher against a field's value as looked up (`undefined` = absent). */
export function matchFieldValue(m: IrMatcher, value: unknown, event: Event, renames: Readonly<Record<string, string>> = {}): boolean {
  if (m.kind === 'exists') return (value !== undefined) === m.value;
  if (m.kind === 'null') return value === undefined || value === null;
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.flat(Infinity).some((e) => e !== null && matchScalar(m, e, event, renames));
  return matchScalar(m, value, event, renames);
}

function valueHolds(v: IrValue, test: (m: IrMatcher) => boolean): boolean {
  return v.alternatives.some(test);
}

export function evaluateItem(item: IrItem, event: Event, renames: Readonly<Record<string, string>> = {}): boolean {
  let test: (m: IrMatcher) => boolean;
  if (item.field === null) {
    const leaves = collectLeaves(event);
    test = (m) => leaves.some((leaf) => matchScalar(m, leaf, event, renames));
  } else {
    const value = lookupField(event, renames[item.field] ?? item.field);
    test = (m) => matchFieldValue(m, value, event, renames);
  }
  const result = item.linking === 'and' ? item.values.every((v) => valueHolds(v, test)) : item.values.some((v) => valueHolds(v, test));
  return item.negated ? !result : result;
}

export function evaluateDetection(d: IrDetection, event: Event, renames: Readonly<Record<string, string>> = {}): boolean {
  if (d.kind === 'item') return evaluateItem(d.item, event, renames);
  if (d.kind === 'allOf') return d.children.every((c) => evaluateDetection(c, event, renames));
  return d.children.some((c) => evaluateDetection(c, event, renames));
}

export function evaluateCondition(expr: ConditionExpr, identifier: (name: string) => boolean): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.args.every((a) => evaluateCondition(a, identifier));
    case 'or':
      return expr.args.some((a) => evaluateCondition(a, identifier));
    case 'not':
      return !evaluateCondition(expr.arg, identifier);
    case 'ref':
      return identifier(expr.name);
    case 'of':
      return expr.quantifier === 'all' ? expr.names.every(identifier) : expr.names.some(identifier);
  }
}

export function variantApplies(variant: IrVariant, event: Event): boolean {
  return variant.gate.every((item) => evaluateItem(item, event));
}

function ruleHoldsUnder(rule: IrRule, variant: IrVariant, event: Event): boolean {
  const identifier = (name: string): boolean => {
    const d = rule.detections[name];
    return d !== undefined && evaluateDetection(d, event, variant.renames);
  };
  return rule.conditions.some((c) => evaluateCondition(c, identifier));
}

/** Whether `rule` matches `event`: some log-source variant applies and some condition holds under it. */
export function referenceDecide(rule: IrRule, event: Event): boolean {
  return rule.variants.some((v) => variantApplies(v, event) && ruleHoldsUnder(rule, v, event));
}
