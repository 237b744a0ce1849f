/**
 * The events behind a sequence: per referenced rule a small pool of derived positives (generators/derive) that
 * match that rule and no other rule of the correlation chain (decided by the compiled rules), the constant
 * values a group shares (group-by fields, chosen so every pool event still matches), the renderer of distinct
 * value_count values, and the timestamp writer. Deterministic for a seed; nothing here throws on a rule that
 * cannot be served: the reason is returned as a string instead.
 */
import { compileRule, type CompiledRule } from '../../framework/engine/compile.js';
import type { IrCorrelation } from '../../framework/correlation/types.js';
import type { IrRule } from '../../framework/ir/types.js';
import { derivePositives } from '../derive/index.js';
import { baseEventsFor } from '../fuzz/base-events.js';
import { SEQUENCE_TIME_FIELD } from './types.js';

export type Fields = Record<string, unknown>;

export interface SequenceContext {
  readonly rulesById: ReadonlyMap<string, IrRule>;
  readonly innerById: ReadonlyMap<string, IrCorrelation>;
  readonly seed: number;
  /** Plain rule ids referenced anywhere in the chain: each generated event matches exactly one of them. */
  readonly relevant: readonly string[];
  readonly compiled: Map<string, CompiledRule>;
  readonly pools: Map<string, readonly Fields[] | string>;
}

/** FNV-1a of the seed and some text: per-rule, per-attempt seeds that replay alone. */
export function mixSeed(seed: number, text: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x7fffffff;
}

/** Plain rule ids reachable from a correlation through its inner correlations (cycles cut). */
export function chainRules(c: IrCorrelation, innerById: ReadonlyMap<string, IrCorrelation>, rulesById: ReadonlyMap<string, IrRule>): string[] {
  const rules = new Set<string>();
  const seen = new Set<string>([c.id]);
  const walk = (x: IrCorrelation): void => {
    for (const id of x.resolved) {
      if (rulesById.has(id)) rules.add(id);
      const inner = innerById.get(id);
      if (inner && !seen.has(id)) {
        seen.add(id);
        walk(inner);
      }
    }
  };
  walk(c);
  return [...rules];
}

/** Inner correlations of the chain (transitively), the correlation itself excluded. */
export function chainCorrelations(c: IrCorrelation, innerById: ReadonlyMap<string, IrCorrelation>): IrCorrelation[] {
  const out = new Map<string, IrCorrelation>();
  const walk = (x: IrCorrelation): void => {
    for (const id of x.resolved) {
      const inner = innerById.get(id);
      if (inner && inner.id !== c.id && !out.has(id)) {
        out.set(id, inner);
        walk(inner);
      }
    }
  };
  walk(c);
  return [...out.values()];
}

export function compiledRule(ctx: SequenceContext, id: string): CompiledRule | null {
  const cached = ctx.compiled.get(id);
  if (cached) return cached;
  const rule = ctx.rulesById.get(id);
  if (!rule) return null;
  const compiled = compileRule(rule);
  ctx.compiled.set(id, compiled);
  return compiled;
}

/** Why the event is not an event of exactly `ruleId` among the chain's rules; null when it is. */
export function misfit(ctx: SequenceContext, ruleId: string, event: Fields): string | null {
  if (!compiledRule(ctx, ruleId)?.matches(event)) return `no longer matches rule ${ruleId}`;
  const other = ctx.relevant.find((id) => id !== ruleId && compiledRule(ctx, id)?.matches(event));
  return other === undefined ? null : `also matches rule ${other}`;
}

const POOL_SIZE = 3;
const POOL_ATTEMPTS = 6;

/** Derived positives of a rule that match it alone (among the chain's rules), or why there are none. */
export function pool(ctx: SequenceContext, ruleId: string): readonly Fields[] | string {
  const cached = ctx.pools.get(ruleId);
  if (cached !== undefined) return cached;
  const rule = ctx.rulesById.get(ruleId);
  let result: readonly Fields[] | string = `rule ${ruleId} is not loaded`;
  if (rule) {
    let why = `no positive could be derived for rule ${ruleId}`;
    for (let attempt = 0; attempt < POOL_ATTEMPTS && typeof result === 'string'; attempt++) {
      const seed = mixSeed(ctx.seed, `${ruleId}#${attempt}`);
      const derived = derivePositives(rule, baseEventsFor(rule, seed), { seed, count: POOL_SIZE });
      if (derived.reason) why = `no positive could be derived for rule ${ruleId}: ${derived.reason}`;
      const fits = derived.events.map((d) => d.event).filter((e) => misfit(ctx, ruleId, e) === null);
      const misfits = derived.events.map((d) => misfit(ctx, ruleId, d.event)).filter((m): m is string => m !== null);
      if (misfits[0]) why = `every derived event of rule ${ruleId} ${misfits[0]}`;
      result = fits.length > 0 ? fits : why;
    }
  }
  ctx.pools.set(ruleId, result);
  return result;
}

/** The event field that carries group-by name / value field `name` for the correlation's reference `ref`. */
export function fieldFor(c: IrCorrelation, name: string, ref: number): string {
  const written = c.rules[ref] ?? '';
  return c.aliases[name]?.[written] ?? name;
}

export type Constant = string | number;

/** Values logs write for "none" (`-` for a local logon's IpAddress): no group worth correlating on. */
const PLACEHOLDER_VALUES = new Set(['', '-', 'N/A', 'null', '0.0.0.0', '::']);

/** A fresh value for a field: an address for address-like names, else `name-<tag>`. */
function synthetic(name: string, tag: number): string {
  return /ip|addr/i.test(name) ? `10.${(tag >> 16) & 255}.${(tag >> 8) & 255}.${(tag & 253) + 1}` : `${name}-${tag}`;
}

/** Candidate values of a field: those the pools already hold (they satisfy the rules), then a synthetic one. */
function candidates(pools: readonly (readonly [string, readonly Fields[]])[], name: string, tag: string): Constant[] {
  const out: Constant[] = [];
  for (const [field, events] of pools) {
    for (const e of events) {
      const v = e[field];
      const usable = (typeof v === 'string' && !PLACEHOLDER_VALUES.has(v.trim())) || (typeof v === 'number' && Number.isFinite(v));
      if (usable && !out.includes(v)) out.push(v);
    }
  }
  out.push(synthetic(name, Number(tag)));
  return out;
}

/** The pools of the plain rules a correlation references, with the field `name` maps to for each. */
function poolsFor(ctx: SequenceContext, c: IrCorrelation, name: string): (readonly [string, readonly Fields[], string])[] | string {
  const out: (readonly [string, readonly Fields[], string])[] = [];
  for (let ref = 0; ref < c.resolved.length; ref++) {
    const id = c.resolved[ref] as string;
    if (!ctx.rulesById.has(id)) continue;
    const events = pool(ctx, id);
    if (typeof events === 'string') return events;
    out.push([fieldFor(c, name, ref), events, id]);
  }
  return out;
}

/**
 * One value per name (group-by fields; extra fields of a value_count tuple) that every pool event of every plain
 * rule the correlation references still matches with (alone). `fixed` values (from an outer correlation) are
 * taken as they are and only checked.
 */
export function chooseConstants(ctx: SequenceContext, c: IrCorrelation, names: readonly string[], fixed: Readonly<Record<string, Constant>>): Record<string, Constant> | string {
  const chosen: Record<string, Constant> = {};
  const tag = String(mixSeed(ctx.seed, c.id) % 100000);
  for (const name of names) {
    const pools = poolsFor(ctx, c, name);
    if (typeof pools === 'string') return pools;
    const options = fixed[name] !== undefined ? [fixed[name]] : candidates(pools.map(([f, e]) => [f, e] as const), name, tag);
    const fits = (v: Constant) =>
      pools.every(([, events, id]) => events.every((e) => misfit(ctx, id, withConstants(c, { ...e }, ctxRef(c, id), { ...chosen, [name]: v })) === null));
    const value = options.find(fits);
    if (value === undefined) return `no value of ${name} keeps every event of the referenced rules matching`;
    chosen[name] = value;
  }
  return chosen;
}

function ctxRef(c: IrCorrelation, id: string): number {
  return Math.max(0, c.resolved.indexOf(id));
}

/** Write the constants into an event of reference `ref` (through the aliases). */
export function withConstants(c: IrCorrelation, event: Fields, ref: number, constants: Readonly<Record<string, Constant>>): Fields {
  for (const [name, value] of Object.entries(constants)) event[fieldFor(c, name, ref)] = value;
  return event;
}

/** value_count values: index → string, the same for every rule; the first form every pool event accepts. */
export function chooseRenderer(ctx: SequenceContext, c: IrCorrelation, name: string, constants: Readonly<Record<string, Constant>>): ((i: number) => string) | string {
  const pools = poolsFor(ctx, c, name);
  if (typeof pools === 'string') return pools;
  const first = pools[0]?.[1][0]?.[pools[0][0]];
  const orig = typeof first === 'string' || typeof first === 'number' ? String(first) : 'value';
  const tag = String(mixSeed(ctx.seed, `${c.id}/values`) % 1000);
  const forms: ((i: number) => string)[] = [(i) => `v${tag}-${i}`, (i) => `${orig}-${i}`, (i) => `${i}-${orig}`];
  const fits = (form: (i: number) => string) =>
    pools.every(([field, events, id]) =>
      [0, 1].every((i) => events.every((e) => misfit(ctx, id, { ...withConstants(c, { ...e }, ctxRef(c, id), constants), [field]: form(i) }) === null)),
    );
  return forms.find(fits) ?? `no form of distinct ${name} values keeps every event of the referenced rules matching`;
}

/** `YYYY-MM-DD HH:MM:SS.fff` (UTC), Sysmon's UtcTime. */
export function utcTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Write the time into `UtcTime`, and into every other time field the event already has (evtx
 * `TimeCreated_SystemTime`, `@timestamp`, `timestamp`), so any default time field tells the same time.
 */
export function writeTime(event: Fields, ms: number): Fields {
  const iso = new Date(ms).toISOString();
  event[SEQUENCE_TIME_FIELD] = utcTime(ms);
  if ('TimeCreated_SystemTime' in event) event['TimeCreated_SystemTime'] = iso.replace('Z', '000Z');
  for (const f of ['@timestamp', 'timestamp']) if (f in event) event[f] = iso;
  return event;
}

/** The start of every sequence of a seed: a weekday morning in 2026 with a millisecond part. */
export function startTime(seed: number): number {
  return Date.UTC(2026, 0, 5, 8, 0, 0) + (seed % 100_000) * 1000 + (seed % 997);
}
