/**
 * compareBaselines: what changed between a stored baseline and a fresh run, per rule (pure, no I/O).
 *
 * Rules are paired by key (id). For a rule in both, on the sources read by both runs:
 *   added      matched now, not before, and the event is the same (hash) as far as the old baseline knows;
 *   removed    matched before, not now, and the event is unchanged;
 *   changedHash the event at that (source, index) has a different hash: an event change, not a rule change
 *              (status says whether the rule still, newly or no longer matches it; newHash null = event gone).
 * Added/removed/changed events carry `fields`: the event's values of the fields the rule reads (old ∪ new field
 * lists), long values clipped. Events come from `lookup`, which must answer for every event of the fresh run
 * whose decisions or hash differ (see differingEventFilter); an event it does not know gets `fields: {}`.
 * Rules present on one side only are listed in rulesAdded / rulesRemoved; sources read by one run only, or
 * whose event count or digest changed, in `sources`.
 */
import type { Event } from '../engine/event.js';
import { lookupField } from '../engine/field.js';
import type { ObservedEvent } from './record.js';
import { eventKey, type Baseline, type BaselineEventRef, type BaselineRule } from './types.js';

export interface EventSnapshot {
  readonly hash: string;
  readonly event: Event;
}

export type EventLookup = (source: string, index: number) => EventSnapshot | undefined;

export type FieldValues = Readonly<Record<string, unknown>>;

export interface EventDiff {
  readonly source: string;
  readonly index: number;
  readonly hash: string;
  readonly fields: FieldValues;
}

export interface EventChange {
  readonly source: string;
  readonly index: number;
  readonly oldHash: string | null;
  readonly newHash: string | null;
  readonly status: 'still matched' | 'newly matched' | 'no longer matched';
  readonly fields: FieldValues;
}

export interface RuleDiff {
  readonly id: string;
  readonly path: string;
  readonly title: string;
  readonly added: readonly EventDiff[];
  readonly removed: readonly EventDiff[];
  readonly changedHash: readonly EventChange[];
}

export interface RuleSetChange {
  readonly id: string;
  readonly path: string;
  readonly title: string;
  readonly matches: number;
}

export interface SourceChange {
  readonly source: string;
  /** null: the source was not read by that run. */
  readonly oldCount: number | null;
  readonly newCount: number | null;
  readonly digestChanged: boolean;
}

export interface Comparison {
  /** Rules in both runs whose decisions differ, sorted by path then id. */
  readonly rules: readonly RuleDiff[];
  readonly rulesAdded: readonly RuleSetChange[];
  readonly rulesRemoved: readonly RuleSetChange[];
  readonly sources: readonly SourceChange[];
  /** Rules present in both runs. */
  readonly compared: number;
  readonly differences: boolean;
}

const MAX_VALUE_CHARS = 200;

function clip(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
  if (Array.isArray(value)) return value.slice(0, 20).map(clip);
  if (value !== null && typeof value === 'object') return clip(JSON.stringify(value));
  return value;
}

export function fieldValues(event: Event | undefined, names: readonly string[]): FieldValues {
  const out: Record<string, unknown> = {};
  if (!event) return out;
  for (const name of names) {
    const value = lookupField(event, name);
    if (value !== undefined) out[name] = clip(value);
  }
  return out;
}

/** Every (source, index) → hash an old or fresh baseline knows (from any rule's matches). */
function hashIndex(baseline: Baseline): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of Object.values(baseline.matches)) for (const r of rule.events) out.set(eventKey(r.source, r.index), r.hash);
  return out;
}

interface Context {
  readonly shared: ReadonlySet<string>;
  readonly oldHashes: ReadonlyMap<string, string>;
  readonly freshHashes: ReadonlyMap<string, string>;
  readonly lookup: EventLookup;
  readonly order: ReadonlyMap<string, number>;
}

function refsOf(rule: BaselineRule, shared: ReadonlySet<string>): Map<string, BaselineEventRef> {
  return new Map(rule.events.filter((r) => shared.has(r.source)).map((r) => [eventKey(r.source, r.index), r]));
}

function byPosition(order: ReadonlyMap<string, number>) {
  return (a: { source: string; index: number }, b: { source: string; index: number }): number =>
    (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0) || a.index - b.index;
}

function diffRule(id: string, old: BaselineRule, fresh: BaselineRule, ctx: Context): RuleDiff | null {
  const names = [...new Set([...fresh.fields, ...old.fields])];
  const at = (r: BaselineEventRef, fieldNames: readonly string[]): FieldValues => fieldValues(ctx.lookup(r.source, r.index)?.event, fieldNames);
  const change = (r: BaselineEventRef, status: EventChange['status'], oldHash: string | null, newHash: string | null): EventChange => ({ source: r.source, index: r.index, oldHash, newHash, status, fields: at(r, names) });
  const oldRefs = refsOf(old, ctx.shared);
  const newRefs = refsOf(fresh, ctx.shared);
  const added: EventDiff[] = [];
  const removed: EventDiff[] = [];
  const changedHash: EventChange[] = [];
  for (const [key, r] of oldRefs) {
    const n = newRefs.get(key);
    const now = n?.hash ?? ctx.freshHashes.get(key) ?? ctx.lookup(r.source, r.index)?.hash ?? null;
    if (now !== r.hash) changedHash.push(change(r, n ? 'still matched' : 'no longer matched', r.hash, now));
    else if (!n) removed.push({ ...r, fields: at(r, names) });
  }
  for (const [key, n] of newRefs) {
    if (oldRefs.has(key)) continue;
    const before = ctx.oldHashes.get(key);
    if (before !== undefined && before !== n.hash) changedHash.push(change(n, 'newly matched', before, n.hash));
    else added.push({ ...n, fields: at(n, fresh.fields) });
  }
  if (added.length + removed.length + changedHash.length === 0) return null;
  const sort = byPosition(ctx.order);
  return { id, path: fresh.path, title: fresh.title, added: added.sort(sort), removed: removed.sort(sort), changedHash: changedHash.sort(sort) };
}

function sourceChanges(old: Baseline, fresh: Baseline): SourceChange[] {
  const sources = [...new Set([...old.events, ...fresh.events])];
  return sources
    .map((source) => ({
      source,
      oldCount: old.eventCounts[source] ?? null,
      newCount: fresh.eventCounts[source] ?? null,
      digestChanged: old.eventDigests[source] !== fresh.eventDigests[source],
    }))
    .filter((s) => s.oldCount !== s.newCount || s.digestChanged);
}

const setChange = (id: string, r: BaselineRule): RuleSetChange => ({ id, path: r.path, title: r.title, matches: r.events.length });
const byPath = (a: { path: string; id: string }, b: { path: string; id: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function compareBaselines(old: Baseline, fresh: Baseline, lookup: EventLookup): Comparison {
  const freshSources = new Set(fresh.events);
  const ctx: Context = {
    shared: new Set(old.events.filter((s) => freshSources.has(s))),
    oldHashes: hashIndex(old),
    freshHashes: hashIndex(fresh),
    lookup,
    order: new Map(fresh.events.map((s, i) => [s, i])),
  };
  const rules: RuleDiff[] = [];
  const rulesRemoved: RuleSetChange[] = [];
  let compared = 0;
  for (const [id, oldRule] of Object.entries(old.matches)) {
    const freshRule = fresh.matches[id];
    if (!freshRule) {
      rulesRemoved.push(setChange(id, oldRule));
      continue;
    }
    compared++;
    const diff = diffRule(id, oldRule, freshRule, ctx);
    if (diff) rules.push(diff);
  }
  const rulesAdded = Object.entries(fresh.matches)
    .filter(([id]) => !(id in old.matches))
    .map(([id, r]) => setChange(id, r));
  const sources = sourceChanges(old, fresh);
  const differences = rules.length + rulesAdded.length + rulesRemoved.length + sources.length > 0;
  return { rules: rules.sort(byPath), rulesAdded: rulesAdded.sort(byPath), rulesRemoved: rulesRemoved.sort(byPath), sources, compared, differences };
}

/**
 * For `regress`: a predicate over the events of the fresh run that keeps exactly the events compareBaselines
 * may need (decisions of rules present in both runs differ, or the hash differs from the old baseline's).
 */
export function differingEventFilter(old: Baseline, freshKeys: readonly string[]): (event: ObservedEvent) => boolean {
  const common = new Set(freshKeys.filter((k) => k in old.matches));
  const oldSources = new Set(old.events);
  const prior = new Map<string, { hash: string; rules: string[] }>();
  for (const [id, rule] of Object.entries(old.matches)) {
    for (const r of rule.events) {
      const key = eventKey(r.source, r.index);
      const entry = prior.get(key) ?? { hash: r.hash, rules: [] };
      if (common.has(id)) entry.rules.push(id);
      prior.set(key, entry);
    }
  }
  return (e) => {
    if (!oldSources.has(e.source)) return false;
    const matched = e.matched.filter((k) => common.has(k));
    const before = prior.get(eventKey(e.source, e.index));
    if (!before) return matched.length > 0;
    if (before.hash !== e.hash) return true;
    return matched.length !== before.rules.length || matched.some((k) => !before.rules.includes(k));
  };
}
