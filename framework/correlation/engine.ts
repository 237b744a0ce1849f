/**
 * The streaming correlation engine (semantics §11.4). In: events with the ids of the detection rules that
 * matched them. Out: correlation alerts of every chain level, deterministic in content and order.
 *
 * Time: an event is relevant when it matched a rule some correlation references; irrelevant events are ignored
 * (they neither advance stream time nor count anywhere). A relevant event without a timestamp (event-time.ts) is
 * counted in stats().untimed and ignored. With `lateness` L seconds, an event older than the newest seen minus L
 * is dropped (stats().late); the others wait in a buffer and are released in (time, arrival) order once the
 * newest time seen is at least L past them (L = 0: immediately; out-of-order input is then late).
 * Each released event is a *tick*: for every correlation in chain order (inner first), its entries of the tick
 * (the event's, plus the alerts its inner correlations emitted in this tick) are processed in order-key order
 * (model.ts), then windows that end before the tick's time are closed. `flush()` releases the buffer and runs a
 * last tick at time +∞. Alerts of a tick come in chain order, each correlation's sorted by (time, group, trigger).
 * Pushing after flush() continues the same stream with empty windows.
 * stats(): groups and entries held in windows (records also counts events waiting in the lateness buffer), and
 * the late and untimed events so far.
 */
import type { Event } from '../engine/event.js';
import { AnchoredWindows } from './anchored.js';
import { eventTime } from './event-time.js';
import { compareEmitted, compareEntries, innerOrderKey, type EmittedAlert, type Entry, type Origin } from './model.js';
import { entriesOf, prepareCorrelations, type PreparedCorrelation } from './prepare.js';
import { MinHeap } from './queue.js';
import { SlidingWindows } from './sliding.js';
import type { CorrelationAlert, IrCorrelation } from './types.js';

export interface CorrelationOptions {
  /** The event field holding the timestamp; default: event-time.ts DEFAULT_TIME_FIELDS. */
  timestampField?: string;
  /** streaming: seconds a record may arrive late */
  lateness?: number;
}

interface Pending {
  readonly time: number;
  readonly arrival: number;
  readonly event: Event;
  readonly origin: Origin;
  readonly matched: readonly string[];
}

type Windows = SlidingWindows | AnchoredWindows;

/** An inner correlation's alert on its way to an outer one within a tick. */
interface Delivery {
  readonly e: EmittedAlert;
  readonly from: PreparedCorrelation;
}

const NONE: readonly Delivery[] = [];

/** `lateness` in ms; 0 when absent, negative or not a number. */
export function latenessMs(options: CorrelationOptions): number {
  const seconds = options.lateness ?? 0;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** Ids of detection rules (not correlations) referenced by some correlation. */
export function directRuleIds(prepared: readonly PreparedCorrelation[]): Set<string> {
  const correlations = new Set(prepared.map((c) => c.ir.id));
  return new Set(prepared.flatMap((c) => c.referenced.filter((id) => !correlations.has(id))));
}

export class CorrelationEngine {
  private readonly prepared: readonly PreparedCorrelation[];
  private readonly windows: readonly Windows[];
  private readonly direct: ReadonlySet<string>;
  private readonly latenessMs: number;
  private readonly field: string | undefined;
  private readonly buffer = new MinHeap<Pending>((a, b) => a.time < b.time || (a.time === b.time && a.arrival < b.arrival));
  private newest = -Infinity;
  private tick = 0;
  private arrival = 0;
  private late = 0;
  private untimed = 0;

  constructor(correlations: readonly IrCorrelation[], options: CorrelationOptions = {}) {
    this.prepared = prepareCorrelations(correlations);
    this.windows = this.prepared.map((c) =>
      c.ir.window === 'sliding' ? new SlidingWindows(c) : new AnchoredWindows(c),
    );
    this.direct = directRuleIds(this.prepared);
    this.latenessMs = latenessMs(options);
    this.field = options.timestampField;
  }

  push(event: Event, origin: readonly [string, number], matchedRuleIds: readonly string[]): CorrelationAlert[] {
    const matched = this.relevant(matchedRuleIds);
    if (matched.length === 0) return [];
    const time = eventTime(event, this.field);
    if (time === null) {
      this.untimed++;
      return [];
    }
    if (time < this.newest - this.latenessMs) {
      this.late++;
      return [];
    }
    if (time > this.newest) this.newest = time;
    const out: CorrelationAlert[] = [];
    const pending = { time, arrival: this.arrival++, event, origin, matched };
    if (this.latenessMs === 0 && this.buffer.length === 0) {
      this.runTick(pending, out);
      return out;
    }
    this.buffer.push(pending);
    this.release(this.newest - this.latenessMs, out);
    return out;
  }

  /** The matched ids some correlation references (the same array when all are). */
  private relevant(ids: readonly string[]): readonly string[] {
    let all = true;
    for (const id of ids) if (!this.direct.has(id)) all = false;
    return all ? ids : ids.filter((id) => this.direct.has(id));
  }

  flush(): CorrelationAlert[] {
    const out: CorrelationAlert[] = [];
    this.release(Infinity, out);
    this.runTick(null, out);
    return out;
  }

  stats(): { groups: number; records: number; late: number; untimed: number } {
    let groups = 0;
    let records = this.buffer.length;
    for (const w of this.windows) {
      groups += w.groupCount;
      records += w.recordCount;
    }
    return { groups, records, late: this.late, untimed: this.untimed };
  }

  private release(upTo: number, out: CorrelationAlert[]): void {
    for (let p = this.buffer.peek(); p && p.time <= upTo; p = this.buffer.peek()) {
      this.buffer.pop();
      this.runTick(p, out);
    }
  }

  /** One tick (header comment); `p === null` is the flush tick at time +∞. */
  private runTick(p: Pending | null, out: CorrelationAlert[]): void {
    const tick = this.tick++;
    const now = p ? p.time : Infinity;
    let delivered: Delivery[][] | null = null;
    const emitted: EmittedAlert[] = [];
    this.prepared.forEach((c, i) => {
      const entries = this.entriesOfTick(c, p, tick, delivered?.[i] ?? NONE);
      const windows = this.windows[i] as Windows;
      for (const entry of entries) windows.add(entry, tick, emitted);
      windows.advance(now, tick, emitted);
      if (emitted.length === 0) return;
      emitted.sort(compareEmitted);
      for (const e of emitted) {
        out.push(e.alert);
        if (c.outers.length > 0) delivered ??= this.prepared.map(() => []);
        for (const o of c.outers) delivered?.[o]?.push({ e, from: c });
      }
      emitted.length = 0;
    });
  }

  private entriesOfTick(c: PreparedCorrelation, p: Pending | null, tick: number, inner: readonly Delivery[]): Entry[] {
    const entries = p ? entriesOf(c, p.event, p.matched, { time: p.time, tick, order: null }, p.origin, null) : [];
    for (const { e, from } of inner) {
      const at = { time: e.alert.time, tick, order: innerOrderKey(e, c.sourcePos.get(from.ir.id) ?? 0) };
      entries.push(...entriesOf(c, e.alert.group, [from.ir.id], at, null, e.alert.events));
    }
    if (entries.length > 1) entries.sort(compareEntries);
    return entries;
  }
}
