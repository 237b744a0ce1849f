/**
 * The brute-force reference of the correlation engine (semantics §11.4), written for obviousness, not speed.
 * Same input, options and output (content and order) as pushing every event into a CorrelationEngine and
 * flushing it.
 *
 * 1. Ticks: relevant events (engine.ts) with a timestamp, minus late ones (older than the newest earlier event
 *    minus the lateness), sorted by (time, arrival).
 * 2. For each correlation, inner first: all its entries (prepare.ts) from every tick's event and from every alert
 *    of its inner correlations, sorted by order key (model.ts) and split by group.
 * 3. Sliding model, per group: for each entry r in order, recompute the aggregate over the entries after the
 *    last alert with time in [t(r) − T, t(r)]; if the condition holds, alert at t(r) and start afresh after r.
 *    Anchored model, per group: a window starts at the first entry not yet covered, t0, and takes every entry up
 *    to t0 + T; one aggregate, one alert at t0 + T if the condition holds; the next window starts after it.
 *    An anchored alert's tick is the first tick whose time is past t0 + T (the flush tick when none is).
 */
import type { Event } from '../engine/event.js';
import { aggregate } from './aggregate.js';
import { directRuleIds, latenessMs, type CorrelationOptions } from './engine.js';
import { eventTime } from './event-time.js';
import { compareEmitted, compareKeys, innerOrderKey, mergeOrigins, orderKeyOf, type EmittedAlert, type Entry } from './model.js';
import { entriesOf, groupObject, holds, prepareCorrelations, type PreparedCorrelation } from './prepare.js';
import type { CorrelationAlert, IrCorrelation } from './types.js';

export interface ReferenceInput {
  readonly event: Event;
  readonly origin: readonly [string, number];
  readonly matchedRuleIds: readonly string[];
}

interface Tick {
  readonly time: number;
  readonly input: ReferenceInput;
  readonly matched: readonly string[];
}

export function referenceCorrelate(
  correlations: readonly IrCorrelation[],
  events: readonly ReferenceInput[],
  options: CorrelationOptions = {},
): CorrelationAlert[] {
  const prepared = prepareCorrelations(correlations);
  const ticks = releaseOrder(events, directRuleIds(prepared), options);
  const results: EmittedAlert[][] = [];
  for (const c of prepared) {
    const entries = [...directEntries(c, ticks), ...innerEntries(c, prepared, results)];
    entries.sort((a, b) => compareKeys(orderKeyOf(a), orderKeyOf(b)));
    const emitted: EmittedAlert[] = [];
    for (const group of splitByGroup(entries).values()) {
      if (c.ir.window === 'sliding') slide(c, group, emitted);
      else anchor(c, group, ticks, emitted);
    }
    results.push(emitted.sort((a, b) => a.tick - b.tick || compareEmitted(a, b)));
  }
  const all = results.flatMap((list, index) => list.map((e) => ({ e, index })));
  all.sort((a, b) => a.e.tick - b.e.tick || a.index - b.index || compareEmitted(a.e, b.e));
  return all.map(({ e }) => e.alert);
}

function releaseOrder(events: readonly ReferenceInput[], direct: ReadonlySet<string>, options: CorrelationOptions): Tick[] {
  const lateMs = latenessMs(options);
  let newest = -Infinity;
  const kept: { tick: Tick; arrival: number }[] = [];
  events.forEach((input, arrival) => {
    const matched = input.matchedRuleIds.filter((id) => direct.has(id));
    if (matched.length === 0) return;
    const time = eventTime(input.event, options.timestampField);
    if (time === null || time < newest - lateMs) return;
    newest = Math.max(newest, time);
    kept.push({ tick: { time, input, matched }, arrival });
  });
  kept.sort((a, b) => a.tick.time - b.tick.time || a.arrival - b.arrival);
  return kept.map((k) => k.tick);
}

function directEntries(c: PreparedCorrelation, ticks: readonly Tick[]): Entry[] {
  return ticks.flatMap((t, j) => entriesOf(c, t.input.event, t.matched, { time: t.time, tick: j, order: null }, t.input.origin, null));
}

function innerEntries(c: PreparedCorrelation, prepared: readonly PreparedCorrelation[], results: readonly EmittedAlert[][]): Entry[] {
  const out: Entry[] = [];
  for (const inner of prepared) {
    const sourcePos = c.sourcePos.get(inner.ir.id);
    if (sourcePos === undefined) continue;
    for (const e of results[inner.index] ?? []) {
      const at = { time: e.alert.time, tick: e.tick, order: innerOrderKey(e, sourcePos) };
      out.push(...entriesOf(c, e.alert.group, [inner.ir.id], at, null, e.alert.events));
    }
  }
  return out;
}

function splitByGroup(entries: readonly Entry[]): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = groups.get(e.groupKey);
    if (list) list.push(e);
    else groups.set(e.groupKey, [e]);
  }
  return groups;
}

function alertOf(c: PreparedCorrelation, window: readonly Entry[], time: number): CorrelationAlert {
  const first = window[0] as Entry;
  return { correlationId: c.ir.id, title: c.ir.title, group: groupObject(c, first.groupKey), time, events: mergeOrigins(window) };
}

function slide(c: PreparedCorrelation, group: readonly Entry[], out: EmittedAlert[]): void {
  let start = 0;
  group.forEach((r, k) => {
    const window = group.slice(start, k + 1).filter((e) => e.time >= r.time - c.spanMs);
    if (!holds(c.ir.condition, aggregate(c, window))) return;
    out.push({ alert: alertOf(c, window, r.time), groupKey: r.groupKey, tick: r.tick, trigger: orderKeyOf(r) });
    start = k + 1;
  });
}

function anchor(c: PreparedCorrelation, group: readonly Entry[], ticks: readonly Tick[], out: EmittedAlert[]): void {
  let i = 0;
  while (i < group.length) {
    const end = (group[i] as Entry).time + c.spanMs;
    let j = i;
    while (j < group.length && (group[j] as Entry).time <= end) j++;
    const window = group.slice(i, j);
    if (holds(c.ir.condition, aggregate(c, window))) {
      const closing = ticks.findIndex((t) => t.time > end);
      out.push({ alert: alertOf(c, window, end), groupKey: window[0]?.groupKey ?? '', tick: closing < 0 ? ticks.length : closing, trigger: [] });
    }
    i = j;
  }
}
