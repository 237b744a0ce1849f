/**
 * The aggregate of one window (semantics §11.1 table, §11.4 points 6–8), computed from scratch over the
 * window's entries in processing order. Used by reference.ts for every window and by the engine for anchored
 * windows (the engine's sliding windows keep incremental forms of the same numbers, checked against these by
 * the property test).
 *
 *   event_count       number of entries (one per event and group: distinct events)
 *   value_count       number of distinct values (string forms; a field list is a tuple)
 *   temporal          number of distinct referenced rules present
 *   temporal_ordered  length of the longest prefix of `rules` matched in order by distinct entries (greedy)
 *   value_sum         sum, added left to right
 *   value_avg         value_sum / number of entries
 *   value_percentile  nearest-rank percentile: the value at rank max(1, ⌈p/100 · n⌉) of the ascending values
 *   value_median      the middle value; the mean of the two middle values when n is even
 */
import type { Entry } from './model.js';
import type { PreparedCorrelation } from './prepare.js';

export function aggregate(c: PreparedCorrelation, entries: readonly Entry[]): number {
  switch (c.ir.type) {
    case 'event_count':
      return entries.length;
    case 'value_count':
      return new Set(entries.map((e) => e.value)).size;
    case 'temporal':
      return new Set(entries.flatMap((e) => e.ruleIds)).size;
    case 'temporal_ordered':
      return orderedPrefix(c.ir.resolved, entries);
    case 'value_sum':
      return sum(entries);
    case 'value_avg':
      return entries.length === 0 ? Number.NaN : sum(entries) / entries.length;
    case 'value_percentile':
      return percentile(numbers(entries), c.ir.percentile ?? 50);
    case 'value_median':
      return median(numbers(entries));
  }
}

/** Longest k such that distinct entries e1 < … < ek (in order) have rules[i] among their rules. */
export function orderedPrefix(resolved: readonly string[], entries: readonly Entry[]): number {
  let k = 0;
  for (const e of entries) {
    if (k < resolved.length && e.ruleIds.includes(resolved[k] as string)) k++;
  }
  return k;
}

function numbers(entries: readonly Entry[]): number[] {
  return entries.map((e) => e.value as number);
}

function sum(entries: readonly Entry[]): number {
  let total = 0;
  for (const e of entries) total += e.value as number;
  return total;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
