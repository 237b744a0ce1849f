/**
 * Abstract sequence plans and how many alerts one group's plan raises under the window model of
 * ../shared/docs/sigma-semantics.md §11.4 (sliding windows for monotone conditions, anchored ones otherwise).
 * A plan is a list of units (a record of referenced rule `ref` at offset `at` ms, with an aggregated value) in
 * a single group; `planAlerts` is a small single-group model used only to decide whether a designed near miss
 * applies (an anchored window may fire on its own) — the engines under test are checked against it afterwards.
 */
import type { CountTest, IrCorrelation } from '../../framework/correlation/types.js';
import type { SequenceNearMissKind } from './types.js';

export interface PlanUnit {
  /** Index into the correlation's `rules` / `resolved`. */
  readonly ref: number;
  /** ms after the plan's start. */
  readonly at: number;
  /** value_count: a distinct-value index (rendered as a string); value_sum/avg/percentile/median: a number. */
  readonly value?: number;
  /** The record lacks the first group-by field (so it belongs to no group). */
  readonly dropGroup?: boolean;
}

export interface Plan {
  readonly kind: 'fires' | SequenceNearMissKind;
  readonly why: string;
  readonly units: readonly PlanUnit[];
}

export function holds(tests: readonly CountTest[], x: number): boolean {
  if (Number.isNaN(x)) return false;
  return tests.every((t) => {
    switch (t.op) {
      case 'gt': return x > t.value;
      case 'gte': return x >= t.value;
      case 'lt': return x < t.value;
      case 'lte': return x <= t.value;
      case 'eq': return x === t.value;
      case 'neq': return x !== t.value;
    }
  });
}

/** The first run of integers ≥ floor satisfying the tests: `high` null when it reaches past every threshold. */
export interface Run {
  readonly low: number;
  readonly high: number | null;
}

export function satisfyingRun(tests: readonly CountTest[], floor: number, ceiling?: number): Run | null {
  const limit = ceiling ?? Math.max(floor, ...tests.map((t) => t.value)) + 2;
  // Candidates floor + k: every test is constant between consecutive breakpoints (the integers k next to each
  // threshold), so one probe per stretch decides it; thresholds of 100,000,000 cost a few probes, not 10^8.
  const last = Math.floor(limit - floor);
  const marks = new Set<number>([0, last]);
  for (const t of tests) {
    const d = t.value - floor;
    for (const k of [Math.floor(d) - 1, Math.floor(d), Math.ceil(d), Math.ceil(d) + 1]) if (k >= 0 && k <= last) marks.add(k);
  }
  const sorted = [...marks].sort((a, b) => a - b);
  let low: number | null = null;
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i] as number;
    const next = sorted[i + 1];
    const starts = next !== undefined && k + 1 < next ? [k, k + 1] : [k];
    for (const s of starts) {
      const x = floor + s;
      if (low === null && holds(tests, x)) low = x;
      else if (low !== null && !holds(tests, x)) return { low, high: x - 1 };
    }
  }
  if (low === null) return null;
  return { low, high: ceiling === undefined ? null : limit };
}

/** Length of the longest prefix of `rules` that appears in order among the units (greedy is optimal). */
function orderedPrefix(units: readonly PlanUnit[], k: number): number {
  let p = 0;
  for (const u of units) if (p < k && u.ref === p) p++;
  return p;
}

function numbers(units: readonly PlanUnit[]): number[] {
  return units.flatMap((u) => (u.value === undefined ? [] : [u.value]));
}

/** Nearest-rank percentile (plans only use it on equal values, where every definition agrees). */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function aggregate(c: IrCorrelation, units: readonly PlanUnit[]): number {
  const values = numbers(units);
  switch (c.type) {
    case 'event_count': return units.length;
    case 'value_count': return new Set(values).size;
    case 'temporal': return new Set(units.map((u) => u.ref)).size;
    case 'temporal_ordered': return orderedPrefix(units, c.rules.length);
    case 'value_sum': return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0);
    case 'value_avg': return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
    case 'value_percentile': return percentile(values, c.percentile ?? 50);
    case 'value_median': return percentile(values, 50);
  }
}

/** Alerts one group's plan raises (§11.4); units without the group-by field are ignored. */
export function planAlerts(c: IrCorrelation, units: readonly PlanUnit[]): number {
  const span = c.timespanSeconds * 1000;
  const records = units.filter((u) => !(u.dropGroup && c.groupBy.length > 0)).map((u, i) => ({ u, i }));
  records.sort((a, b) => a.u.at - b.u.at || a.i - b.i);
  const sorted = records.map((r) => r.u);
  let alerts = 0;
  if (c.window === 'sliding') {
    let buffer: PlanUnit[] = [];
    for (const u of sorted) {
      buffer = [...buffer, u].filter((x) => x.at >= u.at - span);
      if (holds(c.condition, aggregate(c, buffer))) {
        alerts++;
        buffer = [];
      }
    }
    return alerts;
  }
  for (let i = 0; i < sorted.length; ) {
    const end = (sorted[i] as PlanUnit).at + span;
    let j = i;
    while (j < sorted.length && (sorted[j] as PlanUnit).at <= end) j++;
    if (holds(c.condition, aggregate(c, sorted.slice(i, j)))) alerts++;
    i = j;
  }
  return alerts;
}

/** When the plan's alert is raised, relative to its start (sliding: the completing record; anchored: window end). */
export function alertOffset(c: IrCorrelation, plan: Plan): number {
  const times = plan.units.map((u) => u.at);
  return c.window === 'sliding' ? Math.max(...times) : Math.min(...times) + c.timespanSeconds * 1000;
}
