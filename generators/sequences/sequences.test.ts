/**
 * Generated sequences on inline correlations of every type (test-support/fixture.ts): `fires` raises exactly one
 * alert for its group and every near miss none, on the streaming engine and on the brute-force reference; the
 * expected near-miss kinds are generated (not skipped); every event carries a time eventTime() reads; the same seed
 * gives the same sequences; and deliberately wrong engines (a window one second too long or too short, group-by
 * ignored, order ignored) are caught by the near miss aimed at them. The seed is printed (SIGMATEST_SEED).
 */
import { describe, expect, it } from 'vitest';
import { eventTime } from '../../framework/correlation/index.js';
import type { IrCorrelation } from '../../framework/correlation/types.js';
import { deriveSequences } from './derive-sequences.js';
import { fuzzCorrelation } from './fuzz-correlation.js';
import { loadFixture } from './test-support/fixture.js';
import type { SequenceNearMissKind, SequenceSet } from './types.js';
import { streamingEngine, verifySequences, type Correlate } from './verify.js';

const SEED = Number(process.env['SIGMATEST_SEED'] ?? 20261204);
console.log(`sequences.test.ts seed ${SEED} (set SIGMATEST_SEED to replay another)`);

const fixture = loadFixture();
const inner = fixture.correlationsById;

const EXPECTED: Readonly<Record<string, readonly SequenceNearMissKind[]>> = {
  many_failed: ['too-few', 'outside-window', 'missing-group-by'],
  failed_exactly_three: ['too-few', 'too-many', 'outside-window', 'missing-group-by'],
  failed_range: ['too-few', 'too-many'],
  rare_logons: ['too-many'],
  spraying: ['too-few', 'distinct-short', 'outside-window', 'missing-group-by'],
  recon: ['too-few', 'outside-window', 'missing-group-by'],
  recon_ordered: ['too-few', 'wrong-order', 'outside-window', 'missing-group-by'],
  big_upload: ['too-few', 'sum-short', 'outside-window', 'missing-group-by'],
  small_transfers: ['too-many'],
  avg_upload: ['value-under', 'missing-group-by'],
  p95_upload: ['value-over', 'missing-group-by'],
  median_upload: ['value-under', 'missing-group-by'],
  aliased: ['too-few', 'outside-window', 'missing-group-by'],
  brute_then_success: ['too-few', 'wrong-order', 'outside-window', 'missing-group-by'],
  success_then_brute: ['too-few', 'wrong-order', 'outside-window'],
  repeated_brute: ['too-few', 'outside-window'],
  exact_then_success: ['too-few', 'outside-window', 'missing-group-by'],
  global_uploads: ['too-few', 'outside-window'],
};

function derive(name: string, seed = SEED): { c: IrCorrelation; set: SequenceSet } {
  const c = fixture.byName(name);
  return { c, set: deriveSequences(c, fixture.rulesById, inner, seed) };
}

/** The streaming engine on correlations changed by `change` (the correlation under test only). */
function wrong(name: string, change: (c: IrCorrelation) => IrCorrelation): Correlate {
  return (cs, input, options) => streamingEngine(cs.map((c) => (c.name === name ? change(c) : c)), input, options);
}

describe('generated correlation sequences', () => {
  it('the fixture loads without errors', () => {
    expect(fixture.problems).toEqual([]);
    expect([...fixture.correlationsById.values()].map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))(`%s: fires fires and every near miss does not, on both engines (seed ${SEED})`, (name) => {
    const { c, set } = derive(name);
    expect(set.reason).toBeUndefined();
    expect(set.fires?.expect.alerts).toBe(1);
    expect(set.nearMisses.map((n) => n.kind)).toEqual(expect.arrayContaining([...(EXPECTED[name] ?? [])]));
    for (const n of set.nearMisses) expect(n.sequence.expect.alerts).toBe(0);
    expect(verifySequences(c, set, fixture.rulesById, inner)).toEqual([]);
  });

  it('fires names its group and writes every time where eventTime() finds it by default', () => {
    const { set } = derive('recon');
    const group = set.fires!.expect.groups[0]!;
    expect(Object.keys(group).sort()).toEqual(['Computer', 'User']);
    for (const e of set.fires!.events) {
      expect(eventTime(e.event)).toBe(e.time);
      expect(e.event['UtcTime']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
      expect(String(e.event['User'])).toBe(group['User']);
    }
    const times = set.fires!.events.map((e) => e.time);
    expect(Math.max(...times) - Math.min(...times)).toBe(5 * 60 * 1000);
  });

  it('writes the aliased group-by field of each rule', () => {
    const { set } = derive('aliased');
    const value = set.fires!.expect.groups[0]!['account'];
    const byRule = new Map(set.fires!.events.map((e) => [fixture.rulesById.get(e.ruleId)?.title, e.event]));
    expect(byRule.get('upload')?.['user']).toBe(value);
    expect(byRule.get('download')?.['actor']).toBe(value);
  });

  it('builds the inner correlation of a chain first, its alert before the outer rule', () => {
    const { set } = derive('brute_then_success');
    const titles = set.fires!.events.map((e) => fixture.rulesById.get(e.ruleId)?.title);
    expect(titles).toEqual(['failed_logon', 'failed_logon', 'failed_logon', 'successful_logon']);
  });

  it('is deterministic: the same seed gives the same sequences, another seed other events', () => {
    for (const name of ['spraying', 'brute_then_success', 'avg_upload']) {
      expect(derive(name).set).toEqual(derive(name).set);
      expect(derive(name, SEED + 1).set.fires).not.toEqual(derive(name).set.fires);
    }
  });

  it('reports an event that does not match the rule it was built for', () => {
    const { c, set } = derive('many_failed');
    const fires = set.fires!;
    const broken = { ...set, fires: { ...fires, events: fires.events.map((e, i) => (i === 0 ? { ...e, event: { ...e.event, EventID: 4624 } } : e)) } };
    const findings = verifySequences(c, broken, fixture.rulesById, inner);
    expect(findings.some((f) => f.engine === 'rules' && f.sequence === 'fires')).toBe(true);
    expect(findings.some((f) => f.engine === 'engine' && f.sequence === 'fires' && f.actual === 0)).toBe(true);
  });
});

describe('wrong engines are caught by a near miss', () => {
  const cases: [string, string, (c: IrCorrelation) => IrCorrelation, string][] = [
    ['window one second too long', 'many_failed', (c) => ({ ...c, timespanSeconds: c.timespanSeconds + 1 }), 'outside-window'],
    ['window one second too long (anchored)', 'failed_exactly_three', (c) => ({ ...c, timespanSeconds: c.timespanSeconds + 1 }), 'outside-window'],
    ['window one second too short', 'many_failed', (c) => ({ ...c, timespanSeconds: c.timespanSeconds - 1 }), 'fires'],
    ['group-by ignored', 'many_failed', (c) => ({ ...c, groupBy: [] }), 'missing-group-by'],
    ['order ignored', 'recon_ordered', (c) => ({ ...c, type: 'temporal' }), 'wrong-order'],
    ['distinct values ignored', 'spraying', (c) => ({ ...c, type: 'event_count' }), 'distinct-short'],
    ['upper bound ignored', 'rare_logons', (c) => ({ ...c, condition: [{ op: 'gte', value: 1 }] }), 'too-many'],
  ];
  it.each(cases)('%s (%s) fails %s', (_what, name, change, kind) => {
    const { c, set } = derive(name);
    const findings = verifySequences(c, set, fixture.rulesById, inner, { engines: { wrong: wrong(name, change) } });
    expect(findings.map((f) => f.sequence)).toContain(kind);
    expect(findings.every((f) => f.engine === 'wrong')).toBe(true);
  });
});

describe('fuzzCorrelation', () => {
  it(`finds nothing on the real engines over 4 seeds per correlation (seed ${SEED})`, () => {
    for (const name of Object.keys(EXPECTED)) {
      const result = fuzzCorrelation(fixture.byName(name), fixture.rulesById, inner, { seed: SEED, runs: 4 });
      expect({ name, findings: result.findings, generated: result.generated }).toEqual({ name, findings: [], generated: 4 });
      expect(result.checks).toBeGreaterThan(4);
    }
  });

  it('stops at the first seed with findings and names it', () => {
    const c = fixture.byName('many_failed');
    const result = fuzzCorrelation(c, fixture.rulesById, inner, { seed: SEED, runs: 10, engines: { wrong: wrong('many_failed', (x) => ({ ...x, timespanSeconds: x.timespanSeconds + 1 })) } });
    expect(result.generated).toBe(1);
    expect(result.findings[0]?.sequence).toBe('outside-window');
    const replay = deriveSequences(c, fixture.rulesById, inner, result.findings[0]!.seed);
    expect(replay.nearMisses.map((n) => n.kind)).toContain('outside-window');
  });
});
