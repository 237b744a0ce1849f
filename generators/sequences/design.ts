/**
 * Plans per correlation type: one that fires and the near misses of issue 7 item 4 (one event too few, the
 * last event one second outside the window, wrong order, a missing group-by field, a value_count one distinct
 * value short) plus the mirrors for anchored upper bounds (one event too many, a value one over). Fires puts
 * its first record at 0 and its last exactly at the window's end (closed windows, §11.4.3), so a window one
 * second too short fails `fires` and one a second too long fires `outside-window`. Sliding windows fire at the
 * smallest satisfying size, anchored ones at the largest (so both bounds of a range are probed).
 * In: the correlation. Out: plans (not yet checked for applicability: see planAlerts) or a reason.
 */
import type { IrCorrelation } from '../../framework/correlation/types.js';
import { satisfyingRun, type Plan, type PlanUnit, type Run } from './plan.js';

/** Plans needing more records than this are not built (the condition is then reported as too large). */
export const MAX_UNITS = 2000;
const SECOND = 1000;

export interface Design {
  readonly fires: Plan | null;
  readonly reason?: string;
  readonly nearMisses: readonly Plan[];
}

/** n offsets from 0 to span (both included), evenly spread. */
function spread(n: number, span: number): number[] {
  if (n <= 1) return [0];
  return Array.from({ length: n }, (_, i) => Math.round((i * span) / (n - 1)));
}

function units(refs: readonly number[], span: number, values?: readonly number[]): PlanUnit[] {
  const at = spread(refs.length, span);
  return refs.map((ref, i) => {
    const value = values?.[i];
    return { ref, at: at[i] as number, ...(value === undefined ? {} : { value }) };
  });
}

function rotation(n: number, k: number): number[] {
  return Array.from({ length: n }, (_, i) => i % k);
}

function lastMoved(us: readonly PlanUnit[], change: Partial<PlanUnit>): PlanUnit[] {
  return us.map((u, i) => (i === us.length - 1 ? { ...u, ...change } : u));
}

/** The shared near misses of a firing plan: last record out of the window, last record without its group. */
function windowAndGroup(c: IrCorrelation, fires: readonly PlanUnit[], span: number): Plan[] {
  const plans: Plan[] = [];
  if (fires.length >= 2) {
    const lastAt = (fires[fires.length - 1] as PlanUnit).at;
    plans.push({ kind: 'outside-window', why: `the last record ${span / SECOND + 1}s after the first, one second outside the ${c.timespan} window`, units: lastMoved(fires, { at: lastAt + SECOND }) });
  }
  if (c.groupBy.length > 0) {
    plans.push({ kind: 'missing-group-by', why: `the completing record lacks the group-by field ${c.groupBy[0] ?? ''}`, units: lastMoved(fires, { dropGroup: true }) });
  }
  return plans;
}

function size(c: IrCorrelation, run: Run): number {
  return c.window === 'sliding' || run.high === null ? run.low : run.high;
}

function tooLarge(n: number): string {
  return `the condition needs ${n} records (more than ${MAX_UNITS})`;
}

function countPlans(c: IrCorrelation, span: number): Design {
  const run = satisfyingRun(c.condition, 1);
  if (!run) return { fires: null, reason: 'no number of events satisfies the condition', nearMisses: [] };
  const n = size(c, run);
  if (n > MAX_UNITS || (run.high ?? 0) + 1 > MAX_UNITS) return { fires: null, reason: tooLarge(n), nearMisses: [] };
  const k = c.rules.length;
  const distinct = c.type === 'value_count';
  const build = (m: number, values?: number[]) => units(rotation(m, k), span, values ?? (distinct ? rotation(m, m) : undefined));
  const fires = build(n);
  const plans: Plan[] = [];
  if (run.low - 1 >= 1) plans.push({ kind: 'too-few', why: `${run.low - 1} events, one fewer than the ${run.low} the condition needs`, units: build(run.low - 1) });
  if (run.high !== null) plans.push({ kind: 'too-many', why: `${run.high + 1} events, one more than the ${run.high} the condition allows`, units: build(run.high + 1) });
  if (distinct && run.low >= 2) {
    const values = [...rotation(run.low - 1, run.low - 1), 0];
    plans.push({ kind: 'distinct-short', why: `${run.low} events with ${run.low - 1} distinct values of ${String(c.field)}, one short`, units: build(run.low, values) });
  }
  plans.push(...windowAndGroup(c, fires, span));
  return { fires: { kind: 'fires', why: `${n} events in ${c.timespan}`, units: fires }, nearMisses: plans };
}

function temporalPlans(c: IrCorrelation, span: number): Design {
  const k = c.rules.length;
  const run = satisfyingRun(c.condition, 1, k);
  if (!run) return { fires: null, reason: `no number of the ${k} rules satisfies the condition`, nearMisses: [] };
  const n = c.type === 'temporal_ordered' && c.window === 'sliding' ? Math.max(run.low, 1) : size(c, run);
  const refs = (m: number) => Array.from({ length: m }, (_, i) => i);
  const fires = units(refs(n), span);
  const plans: Plan[] = [];
  if (run.low - 1 >= 1) plans.push({ kind: 'too-few', why: `${run.low - 1} of the rules, one fewer than the ${run.low} the condition needs`, units: units(refs(run.low - 1), span) });
  if (run.high !== null && run.high + 1 <= k && c.type === 'temporal') {
    plans.push({ kind: 'too-many', why: `${run.high + 1} of the rules, one more than the ${run.high} the condition allows`, units: units(refs(run.high + 1), span) });
  }
  if (c.type === 'temporal_ordered' && n >= 2) {
    plans.push({ kind: 'wrong-order', why: `the ${n} rules in reverse order`, units: units([...refs(n)].reverse(), span) });
  }
  plans.push(...windowAndGroup(c, fires, span));
  return { fires: { kind: 'fires', why: `${n} rules in order within ${c.timespan}`, units: fires }, nearMisses: plans };
}

/** `total` split over n values: equal shares, the rest on the last one. */
function split(total: number, n: number): number[] {
  const share = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? total - share * (n - 1) : share));
}

function sumPlans(c: IrCorrelation, span: number): Design {
  const run = satisfyingRun(c.condition, 0);
  if (!run) return { fires: null, reason: 'no non-negative sum satisfies the condition', nearMisses: [] };
  const total = size(c, run);
  const k = c.rules.length;
  const n = Math.max(1, Math.min(Math.max(k, 2), total));
  const fires = units(rotation(n, k), span, split(total, n));
  const plans: Plan[] = [];
  if (n >= 2) plans.push({ kind: 'too-few', why: `the last event left out: a sum of ${total - (fires[n - 1]?.value ?? 0)}`, units: fires.slice(0, -1) });
  if (run.low - 1 >= 0) plans.push({ kind: 'sum-short', why: `a sum of ${run.low - 1}, one below the ${run.low} the condition needs`, units: units(rotation(n, k), span, split(run.low - 1, n)) });
  if (run.high !== null) {
    const extra: PlanUnit = { ref: n % k, at: span, value: run.high + 1 - total };
    plans.push({ kind: 'too-many', why: `one more event: a sum of ${run.high + 1}, above the ${run.high} the condition allows`, units: [...fires, extra] });
  }
  plans.push(...windowAndGroup(c, fires, span));
  return { fires: { kind: 'fires', why: `${n} events summing to ${total} in ${c.timespan}`, units: fires }, nearMisses: plans };
}

/** value_avg / percentile / median: values are integers around the thresholds (negative allowed). */
function valuePlans(c: IrCorrelation, span: number): Design {
  const floor = Math.min(0, ...c.condition.map((t) => t.value - 2));
  const run = satisfyingRun(c.condition, floor);
  if (!run) return { fires: null, reason: 'no value satisfies the condition', nearMisses: [] };
  const k = c.rules.length;
  const target = run.high ?? run.low;
  const uniform = (v: number, n: number) => units(rotation(n, k), span, Array.from({ length: n }, () => v));
  // avg: a failing value first, then the one that tips the mean onto the target; others: equal values.
  const failing = run.high !== null ? run.high + 1 : run.low - 1;
  const fires = c.type === 'value_avg' ? units([0, 1 % k], span, [failing, 2 * target - failing]) : uniform(target, Math.max(k, 1));
  const n = fires.length;
  const plans: Plan[] = [];
  if (run.high !== null) plans.push({ kind: 'value-over', why: `every value ${run.high + 1}, one above the ${run.high} the condition allows`, units: uniform(run.high + 1, n) });
  if (run.low > floor) plans.push({ kind: 'value-under', why: `every value ${run.low - 1}, one below the ${run.low} the condition needs`, units: uniform(run.low - 1, n) });
  plans.push(...windowAndGroup(c, fires, span));
  return { fires: { kind: 'fires', why: `${n} values with an aggregate of ${target} in ${c.timespan}`, units: fires }, nearMisses: plans };
}

export function designPlans(c: IrCorrelation): Design {
  const span = c.timespanSeconds * SECOND;
  if (c.rules.length === 0) return { fires: null, reason: 'the correlation references no rule', nearMisses: [] };
  switch (c.type) {
    case 'event_count':
    case 'value_count':
      return countPlans(c, span);
    case 'temporal':
    case 'temporal_ordered':
      return temporalPlans(c, span);
    case 'value_sum':
      return sumPlans(c, span);
    case 'value_avg':
    case 'value_percentile':
    case 'value_median':
      return valuePlans(c, span);
  }
}
