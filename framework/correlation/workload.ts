/**
 * A throughput workload for the correlation engine (issue 7 acceptance: one million events through an
 * event_count rule grouped by a field with 100,000 distinct values, memory under 400 MB). Deterministic: event i
 * has `User` = `user-(i · 7919 mod K)` and a time 10 ms after event i − 1; the correlation counts ≥ 5 events per
 * user within an hour (a sliding window), so with the defaults every group is alive at once (a user recurs
 * every 1,000 s) and fires every 5th event. Out: events pushed, seconds, events per second, the peak resident
 * set size seen (sampled every 10,000 events, MB) and the groups still held when the input ends (before flush).
 */
import { CorrelationEngine } from './engine.js';
import type { IrCorrelation } from './types.js';

export interface ThroughputOptions {
  /** Events pushed (default 1,000,000). */
  readonly events?: number;
  /** Distinct values of the group-by field (default 100,000). */
  readonly groups?: number;
  /** The correlation's timespan in seconds (default 3,600). */
  readonly timespanSeconds?: number;
}

export interface ThroughputResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly peakRssMb: number;
  readonly groupsAtEnd: number;
}

const RULE_ID = 'workload-failed-logon';

export const THROUGHPUT_CORRELATION: IrCorrelation = {
  id: 'workload-event-count',
  title: 'Workload: five events of one user within an hour',
  path: '(workload)',
  span: { file: '(workload)', line: 1, col: 1 },
  type: 'event_count',
  rules: [RULE_ID],
  resolved: [RULE_ID],
  groupBy: ['User'],
  timespanSeconds: 3600,
  timespan: '1h',
  condition: [{ op: 'gte', value: 5 }],
  field: null,
  aliases: {},
  generate: false,
  window: 'sliding',
};

export function correlationThroughput(options: ThroughputOptions = {}): ThroughputResult {
  const n = options.events ?? 1_000_000;
  const k = Math.max(1, options.groups ?? 100_000);
  const seconds0 = options.timespanSeconds ?? 3600;
  const correlation = { ...THROUGHPUT_CORRELATION, timespanSeconds: seconds0, timespan: `${seconds0}s` };
  const engine = new CorrelationEngine([correlation]);
  const matched = [RULE_ID];
  const start0 = Date.UTC(2024, 0, 1);
  let peak = process.memoryUsage.rss();
  const began = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const event = { User: `user-${(i * 7919) % k}`, timestamp: start0 + i * 10 };
    engine.push(event, ['workload', i], matched);
    if (i % 10_000 === 0) peak = Math.max(peak, process.memoryUsage.rss());
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  peak = Math.max(peak, process.memoryUsage.rss());
  const groupsAtEnd = engine.stats().groups;
  engine.flush();
  return {
    events: n,
    seconds,
    eventsPerSecond: seconds > 0 ? n / seconds : Infinity,
    peakRssMb: peak / (1024 * 1024),
    groupsAtEnd,
  };
}
