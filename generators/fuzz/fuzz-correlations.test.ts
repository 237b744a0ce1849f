/**
 * The correlation part of the fuzz report on the inline fixture of generators/sequences: every correlation gets
 * its entry (sorted, counted, skipped kinds with their reason), nothing is found on the real engines, a
 * deliberately wrong engine is found with a replay command whose seed and runs reproduce the finding, and
 * `collectExamples` yields the sequences as sequence cases (the failing seed's when there is a finding).
 * The seed is printed (SIGMATEST_SEED).
 */
import { describe, expect, it } from 'vitest';
import type { IrCorrelation } from '../../framework/correlation/types.js';
import { loadFixture } from '../sequences/test-support/fixture.js';
import { streamingEngine, type Correlate } from '../sequences/verify.js';
import { chainFiles, fuzzCorrelations } from './fuzz-correlations.js';
import { fuzzFailed, fuzzRules, withCorrelations } from './run-fuzz.js';

const SEED = Number(process.env['SIGMATEST_SEED'] ?? 20261205);
console.log(`fuzz-correlations.test.ts seed ${SEED} (set SIGMATEST_SEED to replay another)`);

const fixture = loadFixture();
const all = [...fixture.correlationsById.values()];
const universe = { rules: [...fixture.rulesById.values()], correlations: all };

/** The streaming engine with `many_failed`'s window one second too long: the outside-window near miss fires. */
const longWindow: Correlate = (cs, input, options) =>
  streamingEngine(cs.map((c): IrCorrelation => (c.name === 'many_failed' ? { ...c, timespanSeconds: c.timespanSeconds + 1 } : c)), input, options);

describe('fuzzCorrelations', () => {
  it(`reports every correlation, sorted, with sequences for every seed and no finding (seed ${SEED})`, () => {
    const entries = fuzzCorrelations([...all].reverse(), universe, { seed: SEED, runs: 3 });
    expect(entries.map((e) => e.id)).toEqual(all.map((c) => c.id).sort());
    for (const e of entries) {
      expect({ id: e.id, generated: e.generated, findings: e.findings, reason: e.reason }).toEqual({ id: e.id, generated: 3, findings: [], reason: undefined });
      expect(e.checks).toBe(3 + Object.values(e.nearMisses).reduce((s, n) => s + (n ?? 0), 0));
      expect(e.examples).toBeUndefined();
    }
    const many = entries.find((e) => e.id === 'many_failed')!;
    expect(many.nearMisses).toEqual({ 'too-few': 3, 'outside-window': 3, 'missing-group-by': 3 });
    const brute = entries.find((e) => e.id === 'repeated_brute')!;
    expect(brute.skipped['missing-group-by']).toMatch(/inner correlation many_failed/);
  });

  it('only fuzzes the selected correlations, with the referenced rules and inner correlations of the whole set', () => {
    const chain = fixture.byName('brute_then_success');
    const [entry] = fuzzCorrelations([chain], universe, { seed: SEED, runs: 2 });
    expect(entry).toMatchObject({ id: 'brute_then_success', type: 'temporal_ordered', generated: 2, findings: [] });
    expect(chainFiles(chain, fixture.rulesById, fixture.correlationsById)).toEqual(['fixture.yml']);
  });

  it('finds a wrong engine and names a replay whose seed and runs reproduce the finding', () => {
    const c = fixture.byName('many_failed');
    const [entry] = fuzzCorrelations([c], universe, { seed: SEED, runs: 10, engines: { wrong: longWindow } });
    const finding = entry!.findings[0]!;
    expect(finding).toMatchObject({ sequence: 'outside-window', engine: 'wrong', expected: 0, actual: 1 });
    expect(entry!.generated).toBe(1);
    expect(finding.replay).toBe(`sigmatest fuzz --rules fixture.yml --seed ${SEED} --runs 1 --filter many_failed`);
    const [again] = fuzzCorrelations([c], universe, { seed: SEED, runs: 1, engines: { wrong: longWindow } });
    expect(again!.findings).toEqual(entry!.findings);
  });

  it('collects the sequences as cases: fires first, one per near-miss kind, the failing seed when there is a finding', () => {
    const c = fixture.byName('many_failed');
    const [ok] = fuzzCorrelations([c], universe, { seed: SEED, runs: 2, collectExamples: true });
    const examples = ok!.examples!;
    expect(examples.map((e) => e.sequence)).toEqual(['fires', 'too-few', 'outside-window', 'missing-group-by']);
    expect(examples[0]!.expect).toMatchObject({ alerts: 1 });
    expect(examples[0]!.name).toMatch(/^fires: 3 event\(s\), one alert for TargetUserName=/);
    expect(examples.slice(1).every((e) => e.expect.alerts === 0 && e.timestamp_field === 'UtcTime')).toBe(true);
    const [bad] = fuzzCorrelations([c], universe, { seed: SEED, runs: 2, collectExamples: true, engines: { wrong: longWindow } });
    expect(bad!.examples!.map((e) => e.sequence)).toContain('outside-window');
  });

  it('adds to the report totals, and a finding fails the run', () => {
    const base = fuzzRules([], { runs: 1, seed: SEED, version: 't', now: () => 0 });
    const clean = withCorrelations(base, fuzzCorrelations(all, universe, { seed: SEED, runs: 1 }));
    expect(clean.totals).toMatchObject({ correlations: all.length, correlationsWithSequences: all.length, sequenceFindings: 0 });
    expect(clean.totals.sequenceChecks).toBe(clean.correlations.reduce((s, e) => s + e.checks, 0));
    expect(fuzzFailed(clean)).toBe(false);
    const found = withCorrelations(base, fuzzCorrelations([fixture.byName('many_failed')], universe, { seed: SEED, runs: 3, engines: { wrong: longWindow } }));
    expect(found.totals.sequenceFindings).toBe(1);
    expect(fuzzFailed(found)).toBe(true);
  });
});
