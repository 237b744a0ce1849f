/**
 * Sliding windows of the streaming engine (semantics §11.4 point 4), for monotone conditions.
 * Per group: the entries since the group's last alert, oldest first. On an entry at time t the group drops
 * entries older than t − T, adds it, and evaluates the aggregate over [t − T, t]; when the condition holds it
 * emits one alert (time t, the window's events) and deletes the group (reset).
 * Memory: every entry is also queued once in a FIFO by time, which lets `advance(now)` drop entries older than
 * now − T in every group; a group left empty is deleted. So memory is bounded by the entries of the last T of
 * stream time (and their groups).
 * Aggregates are incremental (counts, distinct-value counts, exact integer sums, the latest start of each
 * ordered prefix); a sum that may not be exact in floating point is recomputed left to right like aggregate.ts.
 */
import { aggregate } from './aggregate.js';
import { mergeOrigins, orderKeyOf, type EmittedAlert, type Entry } from './model.js';
import { groupObject, holds, type PreparedCorrelation } from './prepare.js';
import { Deque } from './queue.js';

interface Incremental {
  add(e: Entry): void;
  remove(e: Entry): void;
  /** The aggregate over the group's entries with time ≥ lo (older ones are removed already). */
  value(lo: number, entries: Deque<Entry>): number;
}

interface Group {
  readonly entries: Deque<Entry>;
  readonly agg: Incremental;
}

export class SlidingWindows {
  private readonly groups = new Map<string, Group>();
  private readonly expiry = new Deque<Entry>();
  private held = 0;

  constructor(private readonly c: PreparedCorrelation) {}

  get groupCount(): number {
    return this.groups.size;
  }

  get recordCount(): number {
    return this.held;
  }

  add(entry: Entry, _tick: number, out: EmittedAlert[]): void {
    const lo = entry.time - this.c.spanMs;
    let g = this.groups.get(entry.groupKey);
    if (g) this.prune(g, lo);
    else {
      g = { entries: new Deque(), agg: incrementalFor(this.c) };
      this.groups.set(entry.groupKey, g);
    }
    g.entries.push(entry);
    g.agg.add(entry);
    this.held++;
    this.expiry.push(entry);
    if (!holds(this.c.ir.condition, g.agg.value(lo, g.entries))) return;
    const alert = {
      correlationId: this.c.ir.id,
      title: this.c.ir.title,
      group: groupObject(this.c, entry.groupKey),
      time: entry.time,
      events: mergeOrigins(g.entries),
    };
    out.push({ alert, groupKey: entry.groupKey, tick: entry.tick, trigger: orderKeyOf(entry) });
    this.held -= g.entries.length;
    this.groups.delete(entry.groupKey);
  }

  /** Stream time is `now`: drop entries older than now − T everywhere. Emits nothing. */
  advance(now: number, _tick: number, _out: EmittedAlert[]): void {
    const lo = now - this.c.spanMs;
    for (let front = this.expiry.peek(); front && front.time < lo; front = this.expiry.peek()) {
      this.expiry.shift();
      const g = this.groups.get(front.groupKey);
      if (!g) continue;
      this.prune(g, lo);
      if (g.entries.length === 0) this.groups.delete(front.groupKey);
    }
  }

  private prune(g: Group, lo: number): void {
    for (let e = g.entries.peek(); e && e.time < lo; e = g.entries.peek()) {
      g.entries.shift();
      g.agg.remove(e);
      this.held--;
    }
  }
}

function incrementalFor(c: PreparedCorrelation): Incremental {
  switch (c.ir.type) {
    case 'event_count':
      return new Counting();
    case 'value_count':
      return new Distinct(false);
    case 'temporal':
      return new Distinct(true);
    case 'temporal_ordered':
      return new Ordered(c.ir.resolved);
    case 'value_sum':
      return new Summing(c);
    default:
      return new Recomputing(c);
  }
}

class Counting implements Incremental {
  add(): void {}
  remove(): void {}
  value(_lo: number, entries: Deque<Entry>): number {
    return entries.length;
  }
}

/** Distinct values (value_count) or distinct rules (temporal) with their multiplicity in the window. */
class Distinct implements Incremental {
  private readonly counts = new Map<string, number>();
  constructor(private readonly rules: boolean) {}
  add(e: Entry): void {
    for (const k of this.keys(e)) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  remove(e: Entry): void {
    for (const k of this.keys(e)) {
      const n = (this.counts.get(k) ?? 0) - 1;
      if (n <= 0) this.counts.delete(k);
      else this.counts.set(k, n);
    }
  }
  value(): number {
    return this.counts.size;
  }
  private keys(e: Entry): readonly string[] {
    return this.rules ? e.ruleIds : [e.value as string];
  }
}

/**
 * §11.4 point 8: best[j] = the latest start time of a chain of distinct entries matching rules[0..j) in order.
 * A chain lies in [lo, t] iff its start ≥ lo, so the aggregate is the largest j with best[j] ≥ lo.
 */
class Ordered implements Incremental {
  private readonly best: number[];
  constructor(private readonly resolved: readonly string[]) {
    this.best = new Array<number>(resolved.length + 1).fill(-Infinity);
  }
  add(e: Entry): void {
    for (let j = this.resolved.length - 1; j >= 0; j--) {
      if (!e.ruleIds.includes(this.resolved[j] as string)) continue;
      const start = j === 0 ? e.time : (this.best[j] as number);
      if (start > (this.best[j + 1] as number)) this.best[j + 1] = start;
    }
  }
  remove(): void {}
  value(lo: number): number {
    let j = this.resolved.length;
    while (j > 0 && (this.best[j] as number) < lo) j--;
    return j;
  }
}

/** Exact while every value is an integer of at most 2^31 and the window holds fewer than 2^21 entries. */
class Summing implements Incremental {
  private total = 0;
  private inexact = 0;
  constructor(private readonly c: PreparedCorrelation) {}
  add(e: Entry): void {
    const v = e.value as number;
    if (isSmallInt(v)) this.total += v;
    else this.inexact++;
  }
  remove(e: Entry): void {
    const v = e.value as number;
    if (isSmallInt(v)) this.total -= v;
    else this.inexact--;
  }
  value(_lo: number, entries: Deque<Entry>): number {
    return this.inexact === 0 && entries.length < 2 ** 21 ? this.total : aggregate(this.c, [...entries]);
  }
}

function isSmallInt(v: number): boolean {
  return Number.isInteger(v) && Math.abs(v) <= 2 ** 31;
}

class Recomputing implements Incremental {
  constructor(private readonly c: PreparedCorrelation) {}
  add(): void {}
  remove(): void {}
  value(_lo: number, entries: Deque<Entry>): number {
    return aggregate(this.c, [...entries]);
  }
}
