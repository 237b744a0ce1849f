import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fuzzRules } from '../../generators/fuzz/run-fuzz.js';
import { runCoverage, type CoverageCliOptions } from '../cli/commands/coverage.js';
import type { CoverageReport } from './model.js';
import { prepare } from './test-support/fixtures.js';

const UNTESTED = `title: Untested rule
id: 3f0c1a52-8a8e-4b7c-9a43-5f1f0c2d9e11
logsource: {product: windows, category: process_creation}
detection:
  selection: {Image|endswith: '\\\\evil.exe'}
  condition: selection
`;

let dir: string;

async function run(options: CoverageCliOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await runCoverage(options), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigmatest-coverage-cli-'));
  await mkdir(path.join(dir, 'rules'));
  await writeFile(path.join(dir, 'rules', 'untested.yml'), UNTESTED);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sigmatest coverage (runCoverage)', () => {
  it('writes every report and exits 0 at or above --min-coverage', async () => {
    const reports = path.join(dir, 'bundled');
    const r = await run({ reports, minCoverage: '100', format: 'json' });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as CoverageReport;
    expect(printed.totals.percent).toBe(100);
    expect(r.stderr).toContain('logic coverage (hand-written cases): 100%');
    const written = JSON.parse(await readFile(path.join(reports, 'coverage.json'), 'utf8')) as CoverageReport;
    expect(written.rules.length).toBe(19);
    for (const f of ['coverage.md', 'index.html', 'attack-layer.json', 'attack-count-layer.json']) expect((await readFile(path.join(reports, f), 'utf8')).length).toBeGreaterThan(100);
    expect((await readFile(path.join(reports, 'rules', `${written.rules[0]!.page}.html`), 'utf8'))).toContain('table class="indicators"');
  });

  it('exits 1 below --min-coverage, and counts an untested rule as uncovered', async () => {
    const r = await run({ rules: [path.join(dir, 'rules')], cases: [], reports: path.join(dir, 'untested'), minCoverage: '50' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('logic coverage 0% is below --min-coverage 50%');
    expect(r.stdout).toContain('1 rules: 0 tested, 0 partly tested, 1 untested, 0 failing');
  });

  it('exits 2 on usage errors', async () => {
    expect((await run({ minCoverage: 'lots' })).code).toBe(2);
    expect((await run({ minCoverage: '101' })).code).toBe(2);
    expect((await run({ fuzz: path.join(dir, 'missing.json') })).code).toBe(2);
    expect((await run({ catalog: [path.join(dir, 'no-such-folder')] })).code).toBe(2);
    expect((await run({ rules: [path.join(dir, 'no-such-rules')], reports: path.join(dir, 'none') })).code).toBe(2);
  });

  it('reads <reports>/fuzz.json when present and shows it beside the hand-written figures', async () => {
    const reports = path.join(dir, 'fuzzed');
    await mkdir(reports, { recursive: true });
    const rule = prepare(UNTESTED);
    const fuzz = fuzzRules([{ ...rule, ir: { ...rule.ir, path: path.join(dir, 'rules', 'untested.yml') } }], { runs: 3, seed: 7, version: 'test' });
    await writeFile(path.join(reports, 'fuzz.json'), JSON.stringify(fuzz));
    const r = await run({ rules: [path.join(dir, 'rules')], cases: [], reports });
    expect(r.code).toBe(0);
    const written = JSON.parse(await readFile(path.join(reports, 'coverage.json'), 'utf8')) as CoverageReport;
    expect(written.sources.fuzz?.seed).toBe(7);
    expect(written.totals.fuzz).toMatchObject({ rules: 1, items: 1, nearMiss: 1 });
    expect(written.totals.figures.items).toEqual({ covered: 0, total: 1 });
    expect(r.stdout).toContain('fuzz (generated, beside;');
  });
});
