import { describe, expect, it } from 'vitest';
import { CorrelationEngine } from './engine.js';
import { referenceCorrelate } from './reference.js';
import { BASE, correlation, eventIndexes, inputs, runBoth, runEngine, times, type Step } from './test-support.js';
import type { CountTest } from './types.js';

const gte = (value: number): CountTest[] => [{ op: 'gte', value }];

describe('event_count (sliding window for gt/gte)', () => {
  const c = correlation({ type: 'event_count', condition: gte(3), timespanSeconds: 10 });

  it('fires on the event that completes the count, then resets the group', () => {
    const alerts = runBoth([c], inputs([[0, ['a']], [1, ['a']], [2, ['a']], [3, ['a']], [4, ['a']], [5, ['a']]]));
    expect(times(alerts)).toEqual([2, 5]);
    expect(eventIndexes(alerts)).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(alerts[0]).toMatchObject({ correlationId: 'corr', title: 'test event_count', group: {} });
  });

  it('treats the window as the closed interval [t - T, t]', () => {
    expect(times(runBoth([c], inputs([[0, ['a']], [5, ['a']], [10, ['a']]])))).toEqual([10]);
    expect(runBoth([c], inputs([[0, ['a']], [5, ['a']], [10.001, ['a']]]))).toEqual([]);
  });

  it('gt n needs n + 1 events', () => {
    const gt = correlation({ type: 'event_count', condition: [{ op: 'gt', value: 2 }] });
    expect(times(runBoth([gt], inputs([[0, ['a']], [1, ['a']], [2, ['a']]])))).toEqual([2]);
    expect(runBoth([gt], inputs([[0, ['a']], [1, ['a']]]))).toEqual([]);
  });

  it('counts an event matched by two referenced rules once', () => {
    const two = correlation({ type: 'event_count', rules: ['a', 'b'], condition: gte(2) });
    expect(runBoth([two], inputs([[0, ['a', 'b']]]))).toEqual([]);
    expect(times(runBoth([two], inputs([[0, ['a', 'b']], [1, ['b']]])))).toEqual([1]);
  });

  it('ignores rules it does not reference', () => {
    expect(runBoth([c], inputs([[0, ['x']], [1, ['x']], [2, ['a']]]))).toEqual([]);
  });
});

describe('event_count (anchored window for lt/lte/eq/neq and ranges)', () => {
  it('lt: evaluates once when the window [t0, t0 + T] is over, at time t0 + T', () => {
    const c = correlation({ type: 'event_count', condition: [{ op: 'lt', value: 3 }] });
    const alerts = runBoth([c], inputs([[0, ['a']], [4, ['a']], [20, ['a']], [21, ['a']], [22, ['a']]]));
    expect(c.window).toBe('anchored');
    expect(times(alerts)).toEqual([10]);
    expect(eventIndexes(alerts)).toEqual([[0, 1]]);
  });

  it('closes a window as soon as a later record passes its end (not only at flush)', () => {
    const c = correlation({ type: 'event_count', condition: [{ op: 'lte', value: 1 }] });
    const engine = new CorrelationEngine([c]);
    const list = inputs([[0, ['a']], [10, ['a']], [10.5, ['a']]]);
    expect(engine.push(list[0]!.event, list[0]!.origin, ['a'])).toEqual([]);
    expect(engine.push(list[1]!.event, list[1]!.origin, ['a'])).toEqual([]);
    expect(times(engine.push(list[2]!.event, list[2]!.origin, ['a']))).toEqual([]);
    expect(times(engine.flush())).toEqual([20.5]);
    const lateClose = new CorrelationEngine([c]);
    lateClose.push(list[0]!.event, list[0]!.origin, ['a']);
    expect(times(lateClose.push(inputs([[10.001, ['a']]])[0]!.event, ['s', 9], ['a']))).toEqual([10]);
  });

  it('eq, neq and a range (AND-ed operators)', () => {
    const steps: Step[] = [[0, ['a']], [1, ['a']], [30, ['a']], [31, ['a']], [32, ['a']], [60, ['a']]];
    const eq = correlation({ type: 'event_count', condition: [{ op: 'eq', value: 2 }] });
    const neq = correlation({ type: 'event_count', condition: [{ op: 'neq', value: 2 }] });
    const range = correlation({ type: 'event_count', condition: [{ op: 'gt', value: 1 }, { op: 'lte', value: 2 }] });
    expect(times(runBoth([eq], inputs(steps)))).toEqual([10]);
    expect(times(runBoth([neq], inputs(steps)))).toEqual([40, 70]);
    expect(range.window).toBe('anchored');
    expect(times(runBoth([range], inputs(steps)))).toEqual([10]);
  });

  it('a range with only lower bounds stays a sliding window', () => {
    const c = correlation({ type: 'event_count', condition: [{ op: 'gt', value: 1 }, { op: 'gte', value: 3 }] });
    expect(c.window).toBe('sliding');
    expect(times(runBoth([c], inputs([[0, ['a']], [1, ['a']], [2, ['a']]])))).toEqual([2]);
  });
});

describe('group-by', () => {
  const c = correlation({ type: 'event_count', condition: gte(2), groupBy: ['User', 'Host'] });

  it('keeps one window per tuple of string forms', () => {
    const alerts = runBoth([c], inputs([
      [0, ['a'], { User: 'alice', Host: 1 }],
      [1, ['a'], { User: 'bob', Host: 1 }],
      [2, ['a'], { User: 'alice', Host: '1' }],
      [3, ['a'], { User: 'Alice', Host: 1 }],
    ]));
    expect(alerts.map((a) => a.group)).toEqual([{ User: 'alice', Host: '1' }]);
    expect(eventIndexes(alerts)).toEqual([[0, 2]]);
  });

  it('ignores records missing a group-by field (null counts as missing)', () => {
    const alerts = runBoth([c], inputs([
      [0, ['a'], { User: 'alice' }],
      [1, ['a'], { User: 'alice', Host: null }],
      [2, ['a'], { User: 'alice', Host: 'h' }],
      [3, ['a'], { User: 'alice', Host: 'h' }],
    ]));
    expect(eventIndexes(alerts)).toEqual([[2, 3]]);
  });

  it('reads dotted group-by fields from nested events', () => {
    const nested = correlation({ type: 'event_count', condition: gte(2), groupBy: ['user.name'] });
    const alerts = runBoth([nested], inputs([[0, ['a'], { user: { name: 'x' } }], [1, ['a'], { user: { name: 'x' } }]]));
    expect(alerts.map((a) => a.group)).toEqual([{ 'user.name': 'x' }]);
  });
});

describe('value_count', () => {
  const c = correlation({ type: 'value_count', condition: gte(3), field: ['User'], groupBy: ['Host'] });

  it('counts distinct values; repeats and records without the field do not count', () => {
    const alerts = runBoth([c], inputs([
      [0, ['a'], { Host: 'h', User: 'u1' }],
      [1, ['a'], { Host: 'h', User: 'u1' }],
      [2, ['a'], { Host: 'h' }],
      [3, ['a'], { Host: 'h', User: 'u2' }],
      [4, ['a'], { Host: 'h', User: 'u3' }],
    ]));
    expect(times(alerts)).toEqual([4]);
    expect(eventIndexes(alerts)).toEqual([[0, 1, 3, 4]]);
  });

  it('a field list counts distinct tuples', () => {
    const tuple = correlation({ type: 'value_count', condition: gte(2), field: ['User', 'Port'] });
    const same = runBoth([tuple], inputs([[0, ['a'], { User: 'u', Port: 1 }], [1, ['a'], { User: 'u', Port: '1' }]]));
    const differ = runBoth([tuple], inputs([[0, ['a'], { User: 'u', Port: 1 }], [1, ['a'], { User: 'u', Port: 2 }]]));
    expect(same).toEqual([]);
    expect(times(differ)).toEqual([1]);
  });

  it('one distinct value short does not fire', () => {
    expect(runBoth([c], inputs([[0, ['a'], { Host: 'h', User: 'u1' }], [1, ['a'], { Host: 'h', User: 'u2' }]]))).toEqual([]);
  });
});

describe('temporal', () => {
  const c = correlation({ type: 'temporal', rules: ['a', 'b', 'c'], groupBy: ['User'] });

  it('fires when every referenced rule appeared in the window, in any order', () => {
    const alerts = runBoth([c], inputs([[0, ['c'], { User: 'u' }], [1, ['a'], { User: 'u' }], [2, ['b'], { User: 'u' }]]));
    expect(times(alerts)).toEqual([2]);
    expect(alerts[0]?.group).toEqual({ User: 'u' });
  });

  it('does not fire when one rule is missing or outside the window', () => {
    expect(runBoth([c], inputs([[0, ['a'], { User: 'u' }], [1, ['a'], { User: 'u' }], [2, ['b'], { User: 'u' }]]))).toEqual([]);
    expect(runBoth([c], inputs([[0, ['c'], { User: 'u' }], [5, ['a'], { User: 'u' }], [11, ['b'], { User: 'u' }]]))).toEqual([]);
  });

  it('an explicit condition counts distinct rules', () => {
    const two = correlation({ type: 'temporal', rules: ['a', 'b', 'c'], condition: gte(2) });
    expect(times(runBoth([two], inputs([[0, ['a']], [1, ['a']], [2, ['c']]])))).toEqual([2]);
  });
});

describe('temporal_ordered', () => {
  const c = correlation({ type: 'temporal_ordered', rules: ['a', 'b', 'c'] });

  it('fires when the rules appear in order within the window', () => {
    expect(times(runBoth([c], inputs([[0, ['a']], [1, ['b']], [2, ['c']]])))).toEqual([2]);
    expect(times(runBoth([c], inputs([[0, ['b']], [1, ['a']], [2, ['c']], [3, ['b']], [4, ['c']]])))).toEqual([4]);
  });

  it('does not fire in the wrong order or when the sequence spans more than T', () => {
    expect(runBoth([c], inputs([[0, ['c']], [1, ['b']], [2, ['a']]]))).toEqual([]);
    expect(runBoth([c], inputs([[0, ['a']], [5, ['b']], [10.5, ['c']]]))).toEqual([]);
  });

  it('breaks ties in time by arrival order', () => {
    const two = correlation({ type: 'temporal_ordered', rules: ['a', 'b'] });
    expect(times(runBoth([two], inputs([[0, ['a']], [0, ['b']]])))).toEqual([0]);
    expect(runBoth([two], inputs([[0, ['b']], [0, ['a']]]))).toEqual([]);
  });

  it('needs distinct events for repeated rules', () => {
    const repeat = correlation({ type: 'temporal_ordered', rules: ['a', 'b', 'a'] });
    expect(runBoth([repeat], inputs([[0, ['a']], [1, ['b']]]))).toEqual([]);
    expect(times(runBoth([repeat], inputs([[0, ['a']], [1, ['b']], [2, ['a']]])))).toEqual([2]);
    expect(runBoth([repeat], inputs([[0, ['a', 'b']], [1, ['a']]]))).toEqual([]);
  });

  it('a later start within the window still matches after an early one expired', () => {
    const two = correlation({ type: 'temporal_ordered', rules: ['a', 'b'] });
    expect(times(runBoth([two], inputs([[0, ['a']], [8, ['a']], [15, ['b']]])))).toEqual([15]);
  });
});

describe('value_sum, value_avg, value_percentile, value_median', () => {
  it('value_sum adds numbers and decimal strings, ignores other values', () => {
    const c = correlation({ type: 'value_sum', field: ['Bytes'], condition: [{ op: 'gt', value: 100 }] });
    const alerts = runBoth([c], inputs([
      [0, ['a'], { Bytes: 60 }],
      [1, ['a'], { Bytes: 'many' }],
      [2, ['a'], { Bytes: '40.5' }],
    ]));
    expect(times(alerts)).toEqual([2]);
    expect(eventIndexes(alerts)).toEqual([[0, 2]]);
    expect(runBoth([c], inputs([[0, ['a'], { Bytes: 60 }], [2, ['a'], { Bytes: '40' }]]))).toEqual([]);
  });

  it('value_sum with fractions and negative values agrees with the reference', () => {
    const c = correlation({ type: 'value_sum', field: ['x'], condition: gte(0.3) });
    const alerts = runBoth([c], inputs([[0, ['a'], { x: 0.1 }], [1, ['a'], { x: 0.2 }], [2, ['a'], { x: -5 }], [3, ['a'], { x: 6 }]]));
    expect(times(alerts)).toEqual([1, 3]);
  });

  it('value_avg is anchored and compares the mean', () => {
    const c = correlation({ type: 'value_avg', field: ['x'], condition: [{ op: 'gt', value: 10 }] });
    expect(c.window).toBe('anchored');
    expect(times(runBoth([c], inputs([[0, ['a'], { x: 5 }], [1, ['a'], { x: 16 }], [20, ['a'], { x: 10 }]])))).toEqual([10]);
  });

  it('value_percentile uses the nearest rank', () => {
    const steps: Step[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x, i) => [i * 0.1, ['a'], { x }] as const);
    const p = (percentile: number, value: number) =>
      runBoth([correlation({ type: 'value_percentile', field: ['x'], percentile, condition: [{ op: 'eq', value }] })], inputs(steps)).length;
    expect(p(90, 9)).toBe(1);
    expect(p(70, 7)).toBe(1);
    expect(p(91, 10)).toBe(1);
    expect(p(0, 1)).toBe(1);
    expect(p(50, 5)).toBe(1);
    expect(p(50, 6)).toBe(0);
  });

  it('value_median averages the two middle values of an even count', () => {
    const c = (value: number) => correlation({ type: 'value_median', field: ['x'], condition: [{ op: 'eq', value }] });
    const even = inputs([[0, ['a'], { x: 1 }], [1, ['a'], { x: 10 }], [2, ['a'], { x: 2 }], [3, ['a'], { x: 3 }]]);
    expect(runBoth([c(2.5)], even)).toHaveLength(1);
    expect(runBoth([c(2)], inputs([[0, ['a'], { x: 1 }], [1, ['a'], { x: 2 }], [2, ['a'], { x: 30 }]]))).toHaveLength(1);
  });
});

describe('aliases', () => {
  const c = correlation({
    type: 'temporal',
    rules: ['failed', 'upload'],
    groupBy: ['src_ip'],
    aliases: { src_ip: { failed: 'IpAddress', upload: 'c-ip' } },
  });

  it('groups records of different rules by their own field', () => {
    const alerts = runBoth([c], inputs([[0, ['failed'], { IpAddress: '10.0.0.1' }], [1, ['upload'], { 'c-ip': '10.0.0.1' }]]));
    expect(alerts.map((a) => a.group)).toEqual([{ src_ip: '10.0.0.1' }]);
    expect(runBoth([c], inputs([[0, ['failed'], { IpAddress: '10.0.0.1' }], [1, ['upload'], { 'c-ip': '10.0.0.2' }]]))).toEqual([]);
  });

  it('a rule the alias does not list uses the field of the alias name', () => {
    const partial = correlation({ ...c, aliases: { src_ip: { failed: 'IpAddress' } } });
    const alerts = runBoth([partial], inputs([[0, ['failed'], { IpAddress: 'x' }], [1, ['upload'], { src_ip: 'x' }]]));
    expect(alerts).toHaveLength(1);
  });
});

describe('chaining', () => {
  const inner = correlation({ id: 'many_failed', type: 'event_count', rules: ['failed'], groupBy: ['User'], condition: gte(3), timespanSeconds: 60 });
  const outer = correlation({ id: 'guessed', type: 'temporal_ordered', rules: ['many_failed', 'success'], groupBy: ['User'], timespanSeconds: 120 });
  const burst: Step[] = [[0, ['failed'], { User: 'u' }], [1, ['failed'], { User: 'u' }], [2, ['failed'], { User: 'u' }]];

  it('an inner alert is a record of the outer correlation, timed at its completing record', () => {
    const alerts = runBoth([outer, inner], inputs([...burst, [50, ['success'], { User: 'u' }]]));
    expect(alerts.map((a) => a.correlationId)).toEqual(['many_failed', 'guessed']);
    expect(times(alerts)).toEqual([2, 50]);
    expect(eventIndexes(alerts)).toEqual([[0, 1, 2], [0, 1, 2, 3]]);
    expect(alerts[1]?.group).toEqual({ User: 'u' });
  });

  it('the outer order holds: a success before the burst does not fire', () => {
    const alerts = runBoth([outer, inner], inputs([[0, ['success'], { User: 'u' }], ...burst.map(([t, r, f]) => [t + 1, r, f] as const)]));
    expect(alerts.map((a) => a.correlationId)).toEqual(['many_failed']);
  });

  it('an anchored inner alert is timed at its window end', () => {
    const few = correlation({ id: 'few', type: 'event_count', rules: ['failed'], groupBy: ['User'], condition: [{ op: 'lt', value: 2 }], timespanSeconds: 10 });
    const then = correlation({ id: 'then', type: 'temporal_ordered', rules: ['few', 'success'], groupBy: ['User'], timespanSeconds: 30 });
    const alerts = runBoth([then, few], inputs([[0, ['failed'], { User: 'u' }], [25, ['success'], { User: 'u' }]]));
    expect(alerts.map((a) => [a.correlationId, (a.time - BASE) / 1000])).toEqual([['few', 10], ['then', 25]]);
  });
});

describe('timestamps, lateness and stats', () => {
  const c = correlation({ type: 'event_count', condition: gte(2), groupBy: ['User'] });

  it('counts relevant events without a timestamp as untimed and ignores them', () => {
    const engine = new CorrelationEngine([c]);
    engine.push({ User: 'u' }, ['s', 0], ['a']);
    engine.push({ User: 'u', timestamp: 'yesterday' }, ['s', 1], ['a']);
    engine.push({ User: 'u' }, ['s', 2], ['other']);
    expect(engine.stats()).toMatchObject({ untimed: 2, records: 0, groups: 0 });
  });

  it('without lateness an out-of-order record is late: dropped and counted, in both implementations', () => {
    const list = inputs([[5, ['a'], { User: 'u' }], [4, ['a'], { User: 'u' }], [6, ['a'], { User: 'u' }]]);
    const { alerts, engine } = runEngine([c], list);
    expect(engine.stats().late).toBe(1);
    expect(eventIndexes(alerts)).toEqual([[0, 2]]);
    expect(referenceCorrelate([c], list)).toEqual(alerts);
  });

  it('with lateness, records out of order by at most that many seconds give the alerts of the sorted input', () => {
    const o = correlation({ type: 'temporal_ordered', rules: ['a', 'b'], groupBy: ['User'] });
    const shuffled = inputs([[1, ['b'], { User: 'u' }], [0, ['a'], { User: 'u' }], [3, ['b'], { User: 'u' }]]);
    const sorted = [shuffled[1]!, shuffled[0]!, shuffled[2]!];
    const late = runBoth([o], shuffled, { lateness: 2 });
    expect(times(late)).toEqual([1]);
    expect(late).toEqual(runBoth([o], sorted));
    const { engine } = runEngine([o], inputs([[10, ['a'], { User: 'u' }], [7, ['b'], { User: 'u' }]]), { lateness: 2 });
    expect(engine.stats().late).toBe(1);
  });

  it('releases buffered records once stream time is past the lateness', () => {
    const engine = new CorrelationEngine([c], { lateness: 5 });
    const list = inputs([[0, ['a'], { User: 'u' }], [1, ['a'], { User: 'u' }], [7, ['a'], { User: 'x' }]]);
    expect(engine.push(list[0]!.event, list[0]!.origin, ['a'])).toEqual([]);
    expect(engine.push(list[1]!.event, list[1]!.origin, ['a'])).toEqual([]);
    expect(engine.stats().records).toBe(2);
    expect(times(engine.push(list[2]!.event, list[2]!.origin, ['a']))).toEqual([1]);
  });

  it('uses a configured timestamp field', () => {
    const list = inputs([[0, ['a'], { User: 'u', when: '2024-01-01 00:00:00' }], [1, ['a'], { User: 'u', when: '2024-01-01 00:00:20' }]]);
    expect(runBoth([c], list)).toHaveLength(1);
    expect(runBoth([c], list, { timestampField: 'when' })).toEqual([]);
  });
});

describe('memory', () => {
  it('keeps per-group state bounded: 200,000 events over 50,000 groups with a short timespan', () => {
    const c = correlation({ type: 'event_count', condition: gte(1000), groupBy: ['User'], timespanSeconds: 2 });
    const engine = new CorrelationEngine([c]);
    let maxRecords = 0;
    for (let i = 0; i < 200_000; i++) {
      engine.push({ User: `u${(i * 7919) % 50_000}`, timestamp: BASE + i * 10 }, ['m', i], ['a']);
      if (i % 1000 === 0) maxRecords = Math.max(maxRecords, engine.stats().records);
    }
    // 2 s at one event per 10 ms: at most ~201 records (and groups) alive at any time.
    expect(maxRecords).toBeLessThanOrEqual(202);
    expect(engine.stats().groups).toBeLessThanOrEqual(202);
    engine.flush();
    expect(engine.stats()).toMatchObject({ groups: 0, records: 0 });
  });

  it('drops anchored windows once stream time passes their end', () => {
    const c = correlation({ type: 'event_count', condition: [{ op: 'lt', value: 1000 }], groupBy: ['User'], timespanSeconds: 1 });
    const engine = new CorrelationEngine([c]);
    let alerts = 0;
    for (let i = 0; i < 20_000; i++) alerts += engine.push({ User: `u${i % 5000}`, timestamp: BASE + i * 10 }, ['m', i], ['a']).length;
    expect(engine.stats().groups).toBeLessThanOrEqual(101);
    expect(alerts + engine.flush().length).toBe(20_000);
  });
});
