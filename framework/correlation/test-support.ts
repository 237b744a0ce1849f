/**
 * Test helpers for the correlation tests: an IrCorrelation builder with defaults, timestamped inputs (seconds
 * after a fixed base) and `runBoth`, which runs the streaming engine (push every input, then flush) and the
 * brute-force reference and asserts they return the same alerts before returning them.
 */
import { expect } from 'vitest';
import type { Event } from '../engine/event.js';
import { windowModelOf } from './condition.js';
import { CorrelationEngine, type CorrelationOptions } from './engine.js';
import { referenceCorrelate, type ReferenceInput } from './reference.js';
import type { CorrelationAlert, IrCorrelation } from './types.js';

export const BASE = Date.UTC(2024, 4, 1, 12, 0, 0);

export type CorrelationSpec = Partial<IrCorrelation> & Pick<IrCorrelation, 'type'>;

export function correlation(spec: CorrelationSpec): IrCorrelation {
  const rules = spec.rules ?? ['a'];
  const condition = spec.condition ?? [{ op: 'gte' as const, value: rules.length }];
  const timespanSeconds = spec.timespanSeconds ?? 10;
  return {
    id: 'corr',
    title: `test ${spec.type}`,
    path: 'test.yml',
    span: { file: 'test.yml', line: 1, col: 1 },
    resolved: rules,
    groupBy: [],
    timespan: `${timespanSeconds}s`,
    field: null,
    aliases: {},
    generate: false,
    ...spec,
    rules,
    condition,
    timespanSeconds,
    window: spec.window ?? windowModelOf(spec.type, condition),
  };
}

/** `[seconds after BASE, matched rule ids, extra fields]`. */
export type Step = readonly [number, readonly string[], Readonly<Record<string, unknown>>?];

export function inputs(steps: readonly Step[], source = 's'): ReferenceInput[] {
  return steps.map(([t, rules, fields], i) => ({
    event: { timestamp: new Date(BASE + t * 1000).toISOString(), ...fields } as Event,
    origin: [source, i] as const,
    matchedRuleIds: rules,
  }));
}

export function runEngine(
  correlations: readonly IrCorrelation[],
  list: readonly ReferenceInput[],
  options?: CorrelationOptions,
): { alerts: CorrelationAlert[]; engine: CorrelationEngine } {
  const engine = new CorrelationEngine(correlations, options);
  const alerts = list.flatMap((i) => engine.push(i.event, i.origin, i.matchedRuleIds));
  alerts.push(...engine.flush());
  return { alerts, engine };
}

export function runBoth(
  correlations: readonly IrCorrelation[],
  list: readonly ReferenceInput[],
  options?: CorrelationOptions,
): CorrelationAlert[] {
  const { alerts } = runEngine(correlations, list, options);
  expect(alerts).toEqual(referenceCorrelate(correlations, list, options));
  return alerts;
}

/** Alert times as seconds after BASE. */
export function times(alerts: readonly CorrelationAlert[]): number[] {
  return alerts.map((a) => (a.time - BASE) / 1000);
}

/** Event indexes of each alert (all events come from source 's'). */
export function eventIndexes(alerts: readonly CorrelationAlert[]): number[][] {
  return alerts.map((a) => a.events.map((e) => e[1]));
}
