/**
 * `fuzz --save` for correlation rules (the inline fixture of generators/sequences, in a temporary cases folder):
 * the generated sequences become valid sequence cases with alerts/groups expectations, a sequence a finding named
 * is tagged `regression` with its replay command, saving twice adds nothing, an existing case file (named by the
 * correlation's name) keeps its text, and a second correlation of the same rule file gets a file of its own.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IrCorrelation } from '../../correlation/types.js';
import { parseCaseFile } from '../../harness/case-file.js';
import { fuzzCorrelations } from '../../../generators/fuzz/fuzz-correlations.js';
import { loadFixture } from '../../../generators/sequences/test-support/fixture.js';
import { streamingEngine, type Correlate } from '../../../generators/sequences/verify.js';
import { saveFuzzCases } from './fuzz-save.js';

const SEED = 11;
const fixture = loadFixture();
const universe = { rules: [...fixture.rulesById.values()], correlations: [...fixture.correlationsById.values()] };
const longWindow: Correlate = (cs, input, options) =>
  streamingEngine(cs.map((c): IrCorrelation => (c.name === 'many_failed' ? { ...c, timespanSeconds: c.timespanSeconds + 1 } : c)), input, options);

function save(casesDir: string, c: IrCorrelation, engines?: Readonly<Record<string, Correlate>>): Promise<Map<string, number>> {
  const entries = fuzzCorrelations([c], universe, { seed: SEED, runs: 1, collectExamples: true, ...(engines ? { engines } : {}) });
  return saveFuzzCases({ rules: [], correlations: entries }, { rules: [], correlations: [c] }, casesDir);
}

function casesOf(file: string) {
  const parsed = parseCaseFile(readFileSync(file, 'utf8'), file);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.files[0]!;
}

describe('saveFuzzCases for correlations', () => {
  it('writes sequence cases, tags the sequence a finding named as a regression, and never adds a sequence twice', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-save-'));
    const c = fixture.byName('many_failed');
    const written = await save(dir, c, { wrong: longWindow });
    const file = path.join(dir, 'fixture.yml');
    expect([...written]).toEqual([[file, 4]]);
    const saved = casesOf(file);
    expect(saved.rule).toBe('many_failed');
    expect(saved.cases.map((x) => [x.expect, x.timestampField])).toEqual([
      [{ kind: 'alerts', alerts: 1, groups: [{ TargetUserName: expect.any(String) }] }, 'UtcTime'],
      ...Array.from({ length: 3 }, () => [{ kind: 'alerts', alerts: 0, groups: [] }, 'UtcTime']),
    ]);
    const regression = saved.cases.filter((x) => x.tags.includes('regression'));
    expect(regression.map((x) => x.name)).toEqual([expect.stringMatching(/^fuzz near miss outside-window: /)]);
    expect(regression[0]!.note).toBe(`found by: sigmatest fuzz --rules fixture.yml --seed ${SEED} --runs 1 --filter many_failed`);
    expect(saved.cases[0]!.events).toHaveLength(3);
    expect([...(await save(dir, c))]).toEqual([]);
  });

  it('appends to the case file that names the correlation, keeping its text; another correlation of the file gets its own', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-save-'));
    const handWritten = `# hand-written\nrule: spraying\ncases:\n  - name: one failure\n    events: [{EventID: 4625, UtcTime: '2026-01-01 00:00:00.000'}]\n    expect: {alerts: 0}\n`;
    writeFileSync(path.join(dir, 'mine.yml'), handWritten);
    await save(dir, fixture.byName('spraying'));
    const text = readFileSync(path.join(dir, 'mine.yml'), 'utf8');
    expect(text.startsWith(handWritten)).toBe(true);
    expect(casesOf(path.join(dir, 'mine.yml')).cases.length).toBeGreaterThan(2);
    await save(dir, fixture.byName('recon'));
    await save(dir, fixture.byName('big_upload'));
    expect(casesOf(path.join(dir, 'fixture.yml')).rule).toBe('recon');
    expect(casesOf(path.join(dir, 'fixture.big_upload.yml')).rule).toBe('big_upload');
  });
});
