/**
 * Anchored windows of the streaming engine (semantics §11.4 point 5), for non-monotone conditions.
 * A group's window opens at its first entry t0 and holds the entries with time in [t0, t0 + T]. It is closed
 * once stream time passes t0 + T (an entry of the group later than t0 + T, `advance(now)` with now > t0 + T, or
 * flush): the aggregate is computed once (aggregate.ts) and, if the condition holds, one alert is emitted at
 * time t0 + T with the window's events. The group is then deleted; its next entry opens a new window.
 * Memory: a closed window is dropped at once; windows close in the order they opened (ends are non-decreasing),
 * so a FIFO of (group, end) finds them in O(1) per window.
 */
import { aggregate } from './aggregate.js';
import type { EmittedAlert, Entry } from './model.js';
import { mergeOrigins } from './model.js';
import { groupObject, holds, type PreparedCorrelation } from './prepare.js';
import { Deque } from './queue.js';

interface Window {
  readonly key: string;
  readonly end: number;
  readonly entries: Entry[];
}

export class AnchoredWindows {
  private readonly groups = new Map<string, Window>();
  private readonly closing = new Deque<Window>();
  private held = 0;

  constructor(private readonly c: PreparedCorrelation) {}

  get groupCount(): number {
    return this.groups.size;
  }

  get recordCount(): number {
    return this.held;
  }

  add(entry: Entry, tick: number, out: EmittedAlert[]): void {
    let w = this.groups.get(entry.groupKey);
    if (w && entry.time > w.end) {
      this.close(w, tick, out);
      w = undefined;
    }
    if (!w) {
      w = { key: entry.groupKey, end: entry.time + this.c.spanMs, entries: [] };
      this.groups.set(w.key, w);
      this.closing.push(w);
    }
    w.entries.push(entry);
    this.held++;
  }

  /** Stream time is `now` (Infinity at flush): close every window that ends before it. */
  advance(now: number, tick: number, out: EmittedAlert[]): void {
    for (let w = this.closing.peek(); w && w.end < now; w = this.closing.peek()) {
      this.closing.shift();
      if (this.groups.get(w.key) === w) this.close(w, tick, out);
    }
  }

  private close(w: Window, tick: number, out: EmittedAlert[]): void {
    this.groups.delete(w.key);
    this.held -= w.entries.length;
    if (!holds(this.c.ir.condition, aggregate(this.c, w.entries))) return;
    const alert = {
      correlationId: this.c.ir.id,
      title: this.c.ir.title,
      group: groupObject(this.c, w.key),
      time: w.end,
      events: mergeOrigins(w.entries),
    };
    out.push({ alert, groupKey: w.key, tick, trigger: [] });
  }
}
