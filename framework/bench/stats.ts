/**
 * Small statistics and timing helpers for `sigmatest bench`.
 * - median(xs), p95(xs): of a non-empty list (nearest rank for p95: the smallest value with at least 95 % of the
 *   values at or below it); both return NaN for an empty list. Inputs are not modified.
 * - timeRuns(runs, fn, after, warmup = 1): calls fn `warmup` times untimed (JIT warm-up), then `runs` times,
 *   returning the wall time of each timed call in milliseconds (performance.now(); an async fn is awaited inside
 *   the timed span); `after` runs after every call, outside the timed span.
 * - timeInterleaved(runs, fns, after, warmup = 1): rounds that run every fn once each (times per fn);
 *   medianRatio(a, b): the median of the paired ratios a[i] / b[i] — ratios from the same round share the
 *   machine's load, so they are steadier than a ratio of medians.
 * - MemoryPeak: the highest heapUsed / rss seen by sample() (call it between runs; a 50 ms unref'd timer also
 *   samples while async work yields).
 */
import { performance } from 'node:perf_hooks';

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function p95(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil(0.95 * s.length);
  return s[Math.max(0, rank - 1)] as number;
}

export async function timeRuns(runs: number, fn: () => void | Promise<void>, after?: () => void, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) {
    await fn();
    after?.();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
    after?.();
  }
  return times;
}

/**
 * Like timeRuns for several workloads at once, interleaved: each round runs every fn once, in order, so slow
 * phases of a noisy machine hit all of them alike. Returns the times per fn (times[f][round]).
 */
export async function timeInterleaved(runs: number, fns: readonly (() => void | Promise<void>)[], after?: () => void, warmup = 1): Promise<number[][]> {
  const times: number[][] = fns.map(() => []);
  for (let round = 0; round < warmup + runs; round++) {
    for (let f = 0; f < fns.length; f++) {
      const start = performance.now();
      await (fns[f] as () => void | Promise<void>)();
      const elapsed = performance.now() - start;
      if (round >= warmup) (times[f] as number[]).push(elapsed);
      after?.();
    }
  }
  return times;
}

/** Median over rounds of a[i] / b[i] (paired runs of timeInterleaved); NaN when there is no pair. */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if ((b[i] as number) > 0) ratios.push((a[i] as number) / (b[i] as number));
  return median(ratios);
}

/** Events per second of `events` events processed in `ms` milliseconds (0 when nothing was timed). */
export function perSecond(events: number, ms: number): number {
  return ms > 0 ? (events * 1000) / ms : 0;
}

/** Rounds to `digits` significant digits (keeps reports readable and diffs small). */
export function sig(x: number, digits = 4): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

export class MemoryPeak {
  heapUsed = 0;
  rss = 0;
  private timer: NodeJS.Timeout | undefined;

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const m = process.memoryUsage();
    if (m.heapUsed > this.heapUsed) this.heapUsed = m.heapUsed;
    if (m.rss > this.rss) this.rss = m.rss;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }
}
