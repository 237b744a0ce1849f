/**
 * Internal data shared by the streaming engine (engine.ts) and the brute-force reference (reference.ts):
 * entries (what a window holds), order keys (the total order in which a correlation sees its entries) and
 * emitted alerts. Plain data; nothing here decides a window.
 *
 * Order keys (compared element by element, a shorter prefix first) make ties in time deterministic and identical
 * in both implementations:
 *   - an event's entry:        [time, tick, -1]
 *   - an inner alert's entry:  [time, tick, sourcePos, innerGroupKey, ...innerTrigger]
 * `tick` is the index of the event in release order (events sorted by (time, arrival), late and untimed ones
 * left out; flush is tick N); for an anchored inner alert it is the tick that closed its window (the first tick
 * whose time is past the window end), for a sliding one the tick of the entry that completed it. `sourcePos` is
 * the position of the inner correlation in the outer's `rules`. Within a correlation, entries are processed in
 * key order, which is also arrival order in the engine (see engine.ts).
 */
import type { CorrelationAlert } from './types.js';

export type OrderKey = readonly (number | string)[];
export type Origin = readonly [string, number];

/**
 * One event (or inner alert) in one group of one correlation. Kept lean (it is what windows hold): the group
 * values are derived from `groupKey` (prepare.ts groupValuesOf) and an event's order key from time and tick.
 */
export interface Entry {
  readonly groupKey: string;
  readonly time: number;
  /** The tick that delivered it. */
  readonly tick: number;
  /** The order key of an inner alert's entry; `null` for an event's entry (its key is [time, tick, -1]). */
  readonly order: OrderKey | null;
  /** Distinct ids (from `resolved`) of the referenced rules or correlations that produced it, in `resolved` order. */
  readonly ruleIds: readonly string[];
  /** value_count: the string form (a tuple as JSON); value_sum/avg/percentile/median: the number; else null. */
  readonly value: string | number | null;
  /** The event behind an event's entry (`null` for an inner alert's). */
  readonly origin: Origin | null;
  /** The events behind an inner alert's entry (`null` for an event's). */
  readonly innerEvents: readonly Origin[] | null;
}

export interface EmittedAlert {
  readonly alert: CorrelationAlert;
  readonly groupKey: string;
  readonly tick: number;
  /** The order key of the entry that completed a sliding window; `[]` for an anchored window. */
  readonly trigger: OrderKey;
}

export function orderKeyOf(e: Entry): OrderKey {
  return e.order ?? [e.time, e.tick, -1];
}

/** Entries in order-key order (two event entries compare without building keys). */
export function compareEntries(a: Entry, b: Entry): number {
  if (a.order === null && b.order === null) return a.time - b.time || a.tick - b.tick;
  return compareKeys(orderKeyOf(a), orderKeyOf(b));
}

function compareAtoms(a: number | string, b: number | string): number {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === 'number' ? -1 : 1;
}

export function compareKeys(a: OrderKey, b: OrderKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareAtoms(a[i] as number | string, b[i] as number | string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Order of one correlation's alerts within one tick: time, group, then the completing entry. */
export function compareEmitted(a: EmittedAlert, b: EmittedAlert): number {
  return (
    a.alert.time - b.alert.time ||
    compareAtoms(a.groupKey, b.groupKey) ||
    compareKeys(a.trigger, b.trigger)
  );
}

/** The order key an inner alert gets as an entry of an outer correlation. */
export function innerOrderKey(e: EmittedAlert, sourcePos: number): OrderKey {
  return [e.alert.time, e.tick, sourcePos, e.groupKey, ...e.trigger];
}

/** Contributing events of several entries: sorted by (source, index), each once. */
export function mergeOrigins(entries: Iterable<Entry>): Origin[] {
  const seen = new Set<string>();
  const out: Origin[] = [];
  for (const entry of entries) {
    for (const origin of entry.innerEvents ?? (entry.origin ? [entry.origin] : [])) {
      const key = `${origin[1]}\u0000${origin[0]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(origin);
    }
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
}
