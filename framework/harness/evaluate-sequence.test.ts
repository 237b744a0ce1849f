import { describe, expect, it } from 'vitest';
import type { CorrelationAlert, IrCorrelation } from '../correlation/index.js';
import type { Event } from '../engine/event.js';
import { loadRuleText } from '../loader/index.js';
import type { AlertsExpectation } from '../report/model.js';
import { prepareRuleset, type Ruleset } from '../ruleset/build-ruleset.js';
import { alertMismatch, correlationScope, evaluateSequence, sameAlerts, type SequenceCase } from './evaluate-sequence.js';

const TEXT = `title: failed
id: 00000000-0000-4000-8000-000000000001
name: failed
logsource: {product: test}
detection: {sel: {EventID: 4625}, condition: sel}
---
title: success
id: 00000000-0000-4000-8000-000000000002
name: success
logsource: {product: test}
detection: {sel: {EventID: 4624}, condition: sel}
---
title: unrelated
id: 00000000-0000-4000-8000-000000000003
logsource: {product: test}
detection: {sel: {EventID: 1}, condition: sel}
---
title: burst
name: burst
correlation: {type: event_count, rules: [failed], group-by: [User], timespan: 5m, condition: {gte: 3}}
---
title: burst then success
name: chain
correlation: {type: temporal_ordered, rules: [burst, success], group-by: [User], timespan: 10m}
`;

function ruleset(): Ruleset {
  const built = prepareRuleset(loadRuleText(TEXT, 'seq.yml'), { logsourceMap: null });
  expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return built;
}

const rs = ruleset();
const byName = (name: string): IrCorrelation => rs.correlations.find((c) => c.name === name)!;

function sequence(events: Event[], expect: Omit<AlertsExpectation, 'kind'>, extra: Partial<SequenceCase> = {}): SequenceCase {
  return { name: 'seq', origin: 'case-file', span: { file: 'cases/seq.yml', line: 3, col: 3 }, expect: { kind: 'alerts', ...expect }, events, tags: [], ...extra };
}

const at = (minute: number, second = 0): string => `2026-03-02T09:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z`;
const failed = (user: string, minute: number, second = 0): Event => ({ EventID: 4625, User: user, '@timestamp': at(minute, second) });
const success = (user: string, minute: number): Event => ({ EventID: 4624, User: user, '@timestamp': at(minute) });

describe('correlationScope', () => {
  it('collects inner correlations (inner first) and the detection rules, transitively', () => {
    const scope = correlationScope(byName('chain'), rs.correlations, rs.rules);
    expect(scope.correlations.map((c) => c.name)).toEqual(['burst', 'chain']);
    expect(scope.rules.map((r) => r.source.name).sort()).toEqual(['failed', 'success']);
    expect(scope.missing).toEqual([]);
  });

  it('reports references that are not loaded', () => {
    const scope = correlationScope(byName('burst'), rs.correlations, []);
    expect(scope.missing).toEqual(['00000000-0000-4000-8000-000000000001']);
    const result = evaluateSequence(scope, sequence([failed('alice', 0)], { alerts: 0 }));
    expect(result).toMatchObject({ status: 'error', message: expect.stringMatching(/references 00000000-0000-4000-8000-000000000001, which is not loaded/) });
  });
});

describe('evaluateSequence', () => {
  const burst = correlationScope(byName('burst'), rs.correlations, rs.rules);
  const chain = correlationScope(byName('chain'), rs.correlations, rs.rules);
  const threeFailures = [failed('alice', 0), failed('alice', 1), failed('alice', 2)];

  it('passes when the alerts and their groups are the expected ones, and records how it correlated', () => {
    const result = evaluateSequence(burst, sequence(threeFailures, { alerts: 1, groups: [{ User: 'alice' }] }));
    expect(result).toMatchObject({ status: 'pass', matches: 1, events: 3, ruleTitle: 'burst', expect: { kind: 'alerts', alerts: 1 } });
    expect(result.sequence).toEqual({
      correlationType: 'event_count',
      window: 'sliding',
      timespan: '5m',
      alerts: [{ group: { User: 'alice' }, time: '2026-03-02T09:02:00.000Z', events: [0, 1, 2] }],
    });
    expect(result.outcomes[0]).toEqual({ index: 0, matched: true, rules: ['failed'], time: '2026-03-02T09:00:00.000Z' });
  });

  it('fails with expected vs actual alerts, groups and times', () => {
    const result = evaluateSequence(burst, sequence(threeFailures, { alerts: 1, groups: [{ User: 'bob' }] }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('expected 1 alert [{User: bob}], got 1 alert: {User: alice} at 2026-03-02T09:02:00.000Z (events #0, #1, #2)');
    const tooMany = evaluateSequence(burst, sequence(threeFailures, { alerts: 0 }));
    expect(tooMany).toMatchObject({ status: 'fail', message: expect.stringMatching(/^expected 0 alerts, got 1 alert: \{User: alice\}/) });
    const tooFew = evaluateSequence(burst, sequence(threeFailures.slice(0, 2), { alerts: 1 }));
    expect(tooFew).toMatchObject({ status: 'fail', message: 'expected 1 alert, got 0 alerts' });
  });

  it('counts only the alerts of the named correlation, not those of its inner correlations', () => {
    const events = [...threeFailures, success('alice', 4), success('bob', 4)];
    const result = evaluateSequence(chain, sequence(events, { alerts: 1, groups: [{ User: 'alice' }] }));
    expect(result.status, result.message).toBe('pass');
    expect(result.sequence?.alerts[0]).toEqual({ group: { User: 'alice' }, time: '2026-03-02T09:04:00.000Z', events: [0, 1, 2, 3] });
    expect(result.outcomes[4]).toMatchObject({ matched: true, rules: ['success'] });
  });

  it('correlates a batch in time order whatever the order of the events', () => {
    const shuffled = [success('alice', 4), failed('alice', 2), failed('alice', 0), failed('alice', 1)];
    expect(evaluateSequence(chain, sequence(shuffled, { alerts: 1 })).status).toBe('pass');
  });

  it('reads timestamps from timestamp_field', () => {
    const events = threeFailures.map((e, i) => ({ ...e, '@timestamp': at(0), t: at(i * 3) }));
    expect(evaluateSequence(burst, sequence(events, { alerts: 1 })).status).toBe('pass');
    const spread = evaluateSequence(burst, sequence(events, { alerts: 0 }, { timestampField: 't' }));
    expect(spread.status, spread.message).toBe('pass');
    expect(spread.sequence?.timestampField).toBe('t');
  });

  it('is an error when an event that matched a referenced rule has no timestamp; unrelated events need none', () => {
    const untimed = evaluateSequence(burst, sequence([failed('alice', 0), { EventID: 4625, User: 'alice' }], { alerts: 0 }));
    expect(untimed).toMatchObject({ status: 'error', message: expect.stringMatching(/event\(s\) #1 matched a referenced rule but have no timestamp in the default timestamp fields/) });
    const withField = evaluateSequence(burst, sequence([failed('alice', 0)], { alerts: 0 }, { timestampField: 'ts' }));
    expect(withField.message).toMatch(/no timestamp in its field ts \(timestamp_field\)/);
    const unrelated = evaluateSequence(burst, sequence([...threeFailures, { EventID: 1 }], { alerts: 1 }));
    expect(unrelated.status).toBe('pass');
    expect(unrelated.outcomes[3]).toEqual({ index: 3, matched: false, rules: [] });
  });

  it('is an error without events', () => {
    expect(evaluateSequence(burst, sequence([], { alerts: 0 }))).toMatchObject({ status: 'error', message: 'cannot evaluate: the case has no events' });
  });
});

describe('alertMismatch and sameAlerts', () => {
  const summary = { group: { User: 'alice' }, time: '2026-03-02T09:02:00.000Z', events: [0] };

  it('compares counts, and groups in order with exact keys', () => {
    expect(alertMismatch({ kind: 'alerts', alerts: 1 }, [summary])).toBeUndefined();
    expect(alertMismatch({ kind: 'alerts', alerts: 1, groups: [{ User: 'alice' }] }, [summary])).toBeUndefined();
    expect(alertMismatch({ kind: 'alerts', alerts: 1, groups: [{ User: 'alice', Host: 'h' }] }, [summary])).toMatch(/^expected 1 alert/);
    expect(alertMismatch({ kind: 'alerts', alerts: 1, groups: [{}] }, [summary])).toMatch(/^expected 1 alert \[\{\} \(one global group\)\]/);
  });

  it('sees a difference in any part of the alerts, and in their order', () => {
    const a: CorrelationAlert = { correlationId: 'c', title: 't', group: { User: 'alice' }, time: 1, events: [['s', 0]] };
    const b: CorrelationAlert = { ...a, group: { User: 'bob' } };
    expect(sameAlerts([a, b], [a, b])).toBe(true);
    expect(sameAlerts([a, b], [b, a])).toBe(false);
    expect(sameAlerts([a], [{ ...a, time: 2 }])).toBe(false);
    expect(sameAlerts([a], [{ ...a, events: [['s', 1]] }])).toBe(false);
    expect(sameAlerts([a], [])).toBe(false);
  });
});
