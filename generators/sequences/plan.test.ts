/**
 * The plan layer on hand-built correlations: the single-group window model (sliding and anchored, closed
 * windows), satisfying runs of a condition, and the plans designPlans builds per type — fires raises exactly one
 * alert and every near miss kind that applies raises none, including the boundary ones (last record exactly at
 * the window's end fires, one second later does not).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CountTest, IrCorrelation } from '../../framework/correlation/types.js';
import { designPlans } from './design.js';
import { alertOffset, holds, planAlerts, satisfyingRun, type PlanUnit } from './plan.js';

function corr(over: Partial<IrCorrelation> & Pick<IrCorrelation, 'type' | 'condition' | 'window'>): IrCorrelation {
  const rules = over.rules ?? ['a', 'b'];
  return {
    id: 'c1', title: 'c', path: 'c.yml', span: { file: 'c.yml', line: 1, col: 1 }, rules, resolved: rules, groupBy: ['User'],
    timespanSeconds: 60, timespan: '1m', field: null, aliases: {}, generate: false, ...over,
  };
}

const gte = (value: number): CountTest[] => [{ op: 'gte', value }];
const at = (...times: number[]): PlanUnit[] => times.map((t) => ({ ref: 0, at: t }));

describe('satisfyingRun', () => {
  it('finds the first run of satisfying integers, unbounded when it outlives every threshold', () => {
    expect(satisfyingRun(gte(3), 1)).toEqual({ low: 3, high: null });
    expect(satisfyingRun([{ op: 'lt', value: 5 }], 1)).toEqual({ low: 1, high: 4 });
    expect(satisfyingRun([{ op: 'gt', value: 2 }, { op: 'lte', value: 5 }], 1)).toEqual({ low: 3, high: 5 });
    expect(satisfyingRun([{ op: 'neq', value: 4 }], 1)).toEqual({ low: 1, high: 3 });
    expect(satisfyingRun([{ op: 'gt', value: 5 }, { op: 'lt', value: 6 }], 1)).toBeNull();
    expect(satisfyingRun(gte(2), 1, 3)).toEqual({ low: 2, high: 3 });
  });

  it('jumps over large thresholds: a range of 5,000,000..100,000,000 is found without walking it', () => {
    const started = performance.now();
    expect(satisfyingRun([{ op: 'gte', value: 5_000_000 }, { op: 'lte', value: 100_000_000 }], -2)).toEqual({ low: 5_000_000, high: 100_000_000 });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('agrees with probing every integer on random conditions', () => {
    const ops = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
    const walk = (tests: readonly CountTest[], floor: number, ceiling?: number) => {
      const limit = ceiling ?? Math.max(floor, ...tests.map((t) => t.value)) + 2;
      let low: number | null = null;
      for (let x = floor; x <= limit; x++) {
        if (low === null && holds(tests, x)) low = x;
        else if (low !== null && !holds(tests, x)) return { low, high: x - 1 };
      }
      return low === null ? null : { low, high: ceiling === undefined ? null : limit };
    };
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom(...ops), value: fc.oneof(fc.integer({ min: -6, max: 12 }), fc.double({ min: -6, max: 12, noNaN: true })) }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: -8, max: 2 }),
        fc.option(fc.integer({ min: 2, max: 14 }), { nil: undefined }),
        (tests, floor, ceiling) => {
          expect(satisfyingRun(tests, floor, ceiling)).toEqual(walk(tests, floor, ceiling));
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });
});

describe('planAlerts (§11.4 on one group)', () => {
  const sliding = corr({ type: 'event_count', condition: gte(3), window: 'sliding' });
  it('sliding windows are closed: [t − T, t]', () => {
    expect(planAlerts(sliding, at(0, 30_000, 60_000))).toBe(1);
    expect(planAlerts(sliding, at(0, 30_000, 60_001))).toBe(0);
  });
  it('a sliding alert resets the group, so the same records never fire twice', () => {
    expect(planAlerts(sliding, at(0, 1, 2, 3, 4))).toBe(1);
    expect(planAlerts(sliding, at(0, 1, 2, 3, 4, 5))).toBe(2);
  });
  it('records without the group-by field are ignored', () => {
    expect(planAlerts(sliding, [...at(0, 1), { ref: 0, at: 2, dropGroup: true }])).toBe(0);
  });
  it('anchored windows start at the first record and are evaluated once', () => {
    const eq = corr({ type: 'event_count', condition: [{ op: 'eq', value: 2 }], window: 'anchored' });
    expect(planAlerts(eq, at(0, 60_000))).toBe(1);
    expect(planAlerts(eq, at(0, 1, 2))).toBe(0);
    expect(planAlerts(eq, at(0, 1, 60_001, 60_002))).toBe(2);
  });
  it('temporal_ordered needs the rules in order', () => {
    const ordered = corr({ type: 'temporal_ordered', condition: gte(2), window: 'sliding' });
    expect(planAlerts(ordered, [{ ref: 0, at: 0 }, { ref: 1, at: 5 }])).toBe(1);
    expect(planAlerts(ordered, [{ ref: 1, at: 0 }, { ref: 0, at: 5 }])).toBe(0);
  });
  it('the alert of a sliding plan is its last record, of an anchored one the window end', () => {
    const plan = { kind: 'fires' as const, why: '', units: at(0, 10) };
    expect(alertOffset(sliding, plan)).toBe(10);
    expect(alertOffset({ ...sliding, window: 'anchored' }, plan)).toBe(60_000);
  });
});

const CASES: [string, IrCorrelation, string[]][] = [
  ['event_count gte 3', corr({ type: 'event_count', condition: gte(3), window: 'sliding' }), ['too-few', 'outside-window', 'missing-group-by']],
  ['event_count gt 1 lte 4', corr({ type: 'event_count', condition: [{ op: 'gt', value: 1 }, { op: 'lte', value: 4 }], window: 'anchored' }), ['too-few', 'too-many']],
  ['event_count eq 3', corr({ type: 'event_count', condition: [{ op: 'eq', value: 3 }], window: 'anchored' }), ['too-few', 'too-many', 'outside-window']],
  ['event_count lt 3', corr({ type: 'event_count', condition: [{ op: 'lt', value: 3 }], window: 'anchored' }), ['too-many']],
  ['value_count gte 3', corr({ type: 'value_count', condition: gte(3), window: 'sliding', field: ['TargetUserName'] }), ['too-few', 'distinct-short', 'outside-window', 'missing-group-by']],
  ['temporal', corr({ type: 'temporal', condition: gte(3), rules: ['a', 'b', 'c'], window: 'sliding' }), ['too-few', 'outside-window', 'missing-group-by']],
  ['temporal_ordered', corr({ type: 'temporal_ordered', condition: gte(3), rules: ['a', 'b', 'c'], window: 'sliding' }), ['too-few', 'wrong-order', 'outside-window', 'missing-group-by']],
  ['value_sum gte 1000', corr({ type: 'value_sum', condition: gte(1000), window: 'sliding', field: ['bytes'] }), ['too-few', 'sum-short', 'outside-window', 'missing-group-by']],
  ['value_sum lte 50', corr({ type: 'value_sum', condition: [{ op: 'lte', value: 50 }], window: 'anchored', field: ['bytes'] }), ['too-many']],
  ['value_avg gt 500', corr({ type: 'value_avg', condition: [{ op: 'gt', value: 500 }], window: 'anchored', field: ['bytes'] }), ['value-under', 'missing-group-by']],
  ['value_avg lt 10', corr({ type: 'value_avg', condition: [{ op: 'lt', value: 10 }], window: 'anchored', field: ['bytes'] }), ['value-over', 'missing-group-by']],
  ['value_percentile lte 100', corr({ type: 'value_percentile', percentile: 95, condition: [{ op: 'lte', value: 100 }], rules: ['a'], window: 'anchored', field: ['bytes'] }), ['value-over', 'missing-group-by']],
  ['value_median gte 7', corr({ type: 'value_median', condition: gte(7), rules: ['a'], window: 'anchored', field: ['bytes'] }), ['value-under', 'missing-group-by']],
];

describe('designPlans', () => {
  it.each(CASES)('%s: fires raises one alert, the listed near misses none', (_name, c, kinds) => {
    const design = designPlans(c);
    expect(design.fires).not.toBeNull();
    expect(planAlerts(c, design.fires!.units)).toBe(1);
    const applicable = design.nearMisses.filter((p) => planAlerts(c, p.units) === 0).map((p) => p.kind);
    for (const kind of kinds) expect(applicable).toContain(kind);
  });

  it('fires spans the whole window: first record at 0, last exactly at T', () => {
    const c = CASES[0]![1];
    const times = designPlans(c).fires!.units.map((u) => u.at);
    expect(Math.min(...times)).toBe(0);
    expect(Math.max(...times)).toBe(c.timespanSeconds * 1000);
  });

  it('reports conditions no plan can satisfy, or that need too many records', () => {
    expect(designPlans(corr({ type: 'event_count', condition: [{ op: 'gt', value: 5 }, { op: 'lt', value: 6 }], window: 'anchored' })).reason).toMatch(/no number/);
    expect(designPlans(corr({ type: 'event_count', condition: gte(1_000_000), window: 'sliding' })).reason).toMatch(/more than/);
  });
});
