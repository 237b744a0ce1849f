/**
 * The project's correlation conformance cases (cases/_conformance/16-correlations.yml): every case on the
 * streaming engine AND the brute-force reference, which must agree with each other and with the expectation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CorrelationType } from '../correlation/index.js';
import { alertView, parseCorrelationConformance, runCorrelationCase, type CorrelationCase } from './conformance-correlation.js';
import { sameAlerts } from './evaluate-sequence.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = path.join(root, 'cases/_conformance/16-correlations.yml');
const cases = parseCorrelationConformance(readFileSync(FILE, 'utf8'), FILE);
const targetTypes = new Set<CorrelationType>();
const windows = new Set<string>();

function check(c: CorrelationCase): void {
  const outcome = runCorrelationCase(c);
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  if ('error' in c.expect) {
    expect(outcome.kind, `documents should be rejected; diagnostics: ${JSON.stringify(errors)}`).toBe('rejected');
    if (c.expect.code) expect(errors.map((x) => x.split(':')[0])).toContain(c.expect.code);
    return;
  }
  expect(outcome.kind, `documents should load; errors: ${errors.join('; ')}`).toBe('alerts');
  if (outcome.kind !== 'alerts') return;
  targetTypes.add(outcome.target.type);
  windows.add(outcome.target.window);
  const { run } = outcome;
  expect(run.detectionDisagreements, 'compiled matcher vs reference evaluator').toEqual([]);
  expect(alertView(run.reference), 'brute-force reference vs streaming engine').toEqual(alertView(run.engine));
  expect(sameAlerts(run.engine, run.reference), 'reference and engine alerts (incl. contributing events)').toBe(true);
  const actual = alertView(run.engine);
  expect(actual.groups.length, `alerts: ${JSON.stringify(actual)}`).toBe(c.expect.alerts);
  if (c.expect.groups) expect(actual.groups).toEqual(c.expect.groups);
  if (c.expect.times) expect(actual.times).toEqual(c.expect.times);
  if (c.expect.suppressed) expect(outcome.suppressed).toEqual([...c.expect.suppressed].sort());
}

describe('correlation conformance (cases/_conformance/16-correlations.yml)', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));
  for (const c of cases) it(`${c.id} ${c.title}`, () => check(c));
  it('covers every correlation type and both window models', () => {
    const all: CorrelationType[] = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile', 'value_median'];
    expect([...targetTypes].sort()).toEqual([...all].sort());
    expect([...windows].sort()).toEqual(['anchored', 'sliding']);
  });
});

describe('parseCorrelationConformance', () => {
  it('rejects malformed files with the case named', () => {
    expect(() => parseCorrelationConformance('cases: [{id: Z1, rules: [], expect: {alerts: 0}}]', 'f.yml')).toThrow(/f.yml case #1 \(Z1\): rules must be/);
    expect(() => parseCorrelationConformance('cases: [{id: Z1, rules: ["x"], events: [{}], expect: {}}]', 'f.yml')).toThrow(/expect must be/);
    expect(() => parseCorrelationConformance('cases: [{id: Z1, rules: ["x"], expect: {alerts: 1}}]', 'f.yml')).toThrow(/needs events/);
    expect(() => parseCorrelationConformance('nope: 1', 'f.yml')).toThrow(/top-level 'cases'/);
    const dup = 'cases: [{id: Z1, rules: ["x"], expect: error}, {id: Z1, rules: ["x"], expect: error}]';
    expect(() => parseCorrelationConformance(dup, 'f.yml')).toThrow(/duplicate case id Z1/);
  });

  it('a wrong expectation fails the check (the suite can fail)', () => {
    const [first] = cases;
    if (!first || 'error' in first.expect) throw new Error('the first case should expect alerts');
    const wrong: CorrelationCase = { ...first, expect: { ...first.expect, alerts: first.expect.alerts + 1 } };
    expect(() => check(wrong)).toThrow();
  });
});
