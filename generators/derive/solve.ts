/**
 * Constraint solving for one field (semantics §5, §7): a value on which given matchers hold. In: matchers that
 * must all hold on the same field value (one chosen alternative per required value) and a context (randomness,
 * filler, and a reader of the event's other fields for `fieldref`). Out: `{ value }` (`undefined` = leave the
 * field absent) or `{ reason }`. The result is a proposal: callers check it with the reference evaluator.
 */
import type { IrMatcher } from '../../framework/ir/types.js';
import { stringForm } from '../../framework/engine/values.js';
import { presentValue } from './filler.js';
import { addressInside } from './ip-sample.js';
import { sampleRegex } from './regex-sample.js';
import { chance, pick } from './rng.js';
import { composePatterns, type CasedPattern, type StringContext } from './solve-string.js';
import { sampleTimestamp } from './solve-time.js';

export interface SolveContext extends StringContext {
  /** The current value of another rule field of the event being built (renames applied), for fieldref. */
  readonly lookup: (ruleField: string) => unknown;
}

export type Proposal = { readonly value: unknown } | { readonly reason: string };

type Kind<K extends IrMatcher['kind']> = Extract<IrMatcher, { kind: K }>;
const ofKind = <K extends IrMatcher['kind']>(ms: readonly IrMatcher[], kind: K): Kind<K>[] => ms.filter((m): m is Kind<K> => m.kind === kind);

/** A number, sometimes written as the decimal string an event could carry instead (§7). */
function numberValue(n: number, ctx: SolveContext): unknown {
  return chance(ctx.rng, 25) ? String(n) : n;
}

function numeric(ms: readonly IrMatcher[], ctx: SolveContext): Proposal {
  const exact = ofKind(ms, 'number')[0];
  if (exact) return { value: numberValue(exact.value, ctx) };
  let lo = -Infinity;
  let hi = Infinity;
  for (const m of ofKind(ms, 'compare')) {
    if (m.op === 'gt') lo = Math.max(lo, Number.isInteger(m.value) ? m.value + 1 : Math.ceil(m.value));
    if (m.op === 'gte') lo = Math.max(lo, Math.ceil(m.value));
    if (m.op === 'lt') hi = Math.min(hi, Number.isInteger(m.value) ? m.value - 1 : Math.floor(m.value));
    if (m.op === 'lte') hi = Math.min(hi, Math.floor(m.value));
  }
  if (lo > hi) return { reason: 'comparisons leave no integer between their bounds' };
  const spread = chance(ctx.rng, 30) ? 0 : ctx.rng.nextInt(0, 1000);
  const n = lo === -Infinity && hi === Infinity ? 0 : lo === -Infinity ? hi - spread : hi === Infinity ? lo + spread : lo + ctx.rng.nextInt(0, Math.min(hi - lo, 1_000_000));
  return { value: numberValue(n, ctx) };
}

function fieldref(m: Kind<'fieldref'>, ctx: SolveContext): Proposal {
  const raw = ctx.lookup(m.field);
  const other = Array.isArray(raw) ? raw.flat(Infinity).find((v) => v !== null && v !== undefined) : raw;
  if (other === undefined || other === null) return { reason: `fieldref: field ${m.field} has no value` };
  const text = stringForm(other);
  const fill = (): string => ctx.filler(ctx.rng, { before: '', after: '' });
  if (m.position === 'contains') return { value: fill() + text + fill() };
  if (m.position === 'startswith') return { value: text + fill() };
  if (m.position === 'endswith') return { value: fill() + text };
  return { value: typeof other === 'number' || typeof other === 'boolean' ? other : text };
}

/**
 * Regex samples placed so their anchors still hold: `^…`/`…$` at the value's start/end, or (flag m) on a line
 * of their own; unanchored samples go anywhere among the patterns' parts.
 */
function stringsAndRegexes(ms: readonly IrMatcher[], ctx: SolveContext): Proposal | null {
  const patterns: CasedPattern[] = ofKind(ms, 'string');
  const regexes = ofKind(ms, 'regex');
  if (patterns.length === 0 && regexes.length === 0) return null;
  let lead = '';
  let trail = '';
  const middle: string[] = [];
  for (const r of regexes) {
    const sample = sampleRegex(r.source, r.flags, ctx.rng);
    if (sample === null) return { reason: `regex not generable: /${r.source}/${r.flags}` };
    if (patterns.length === 0 && regexes.length === 1) return { value: sample };
    const start = r.source.startsWith('^');
    const end = /(^|[^\\])\$$/.test(r.source);
    if (r.flags.includes('m')) middle.push(`${start ? '\n' : ''}${sample}${end ? '\n' : ''}`);
    else if (start) lead += sample;
    else if (end) trail = sample + trail;
    else middle.push(sample);
  }
  return { value: lead + composePatterns(patterns, middle, ctx) + trail };
}

/**
 * A generated value (timestamp, number) made to also start/end with the literal of startswith/endswith
 * patterns by overwriting its first/last characters (`… 03:15:42.123` + endswith `:00.000` → `… 03:15:00.000`).
 */
function overlay(value: unknown, patterns: readonly Kind<'string'>[]): unknown {
  let text = typeof value === 'string' ? value : String(value);
  for (const { pattern: p } of patterns) {
    const [first, second] = p;
    if (p.length !== 2 || !first || !second) continue;
    if (first.t === 'any' && second.t === 'lit' && text.length > second.v.length) text = text.slice(0, text.length - second.v.length) + second.v;
    if (first.t === 'lit' && second.t === 'any' && text.length > first.v.length) text = first.v + text.slice(first.v.length);
  }
  return patterns.length > 0 ? text : value;
}

/** A value aimed at satisfying every matcher of `ms` at once (the caller verifies). */
export function satisfyAll(ms: readonly IrMatcher[], ctx: SolveContext): Proposal {
  if (ms.some((m) => m.kind === 'exists' && !m.value)) return { value: undefined };
  if (ms.some((m) => m.kind === 'null')) return { value: chance(ctx.rng, 50) ? null : undefined };
  const ref = ofKind(ms, 'fieldref')[0];
  if (ref) return fieldref(ref, ctx);
  if (ms.some((m) => m.kind === 'number' || m.kind === 'compare')) return numeric(ms, ctx);
  const parts = ofKind(ms, 'timepart');
  if (parts.length > 0) {
    const value = sampleTimestamp(parts, ctx.rng);
    return value === null ? { reason: 'no date has all the required time parts' } : { value: overlay(value, ofKind(ms, 'string')) };
  }
  const cidr = ofKind(ms, 'cidr');
  if (cidr.length > 0) return { value: addressInside(pick(ctx.rng, cidr), ctx.rng) };
  const bool = ofKind(ms, 'bool')[0];
  if (bool) return { value: chance(ctx.rng, 50) ? bool.value : String(bool.value) };
  return stringsAndRegexes(ms, ctx) ?? { value: presentValue(ctx.rng) };
}

/** A value on which the one matcher `m` holds (see satisfyAll). */
export function satisfy(m: IrMatcher, ctx: SolveContext): Proposal {
  return satisfyAll([m], ctx);
}
