import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { githubAnnotations } from './github.js';
import { REPORTERS } from './registry.js';
import { sampleReport } from './test-support/sample-report.js';
import { fitStepSummary, writeFileAtomic, writeReports } from './write.js';

const FILES = ['junit.xml', 'results.json', 'results.sarif', 'summary.md'];
let root = '';

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sigmatest-report-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('registry', () => {
  it('is a frozen table with one entry per format and unique names and file names', () => {
    expect(Object.isFrozen(REPORTERS)).toBe(true);
    expect(REPORTERS.every((r) => Object.isFrozen(r))).toBe(true);
    expect(REPORTERS.map((r) => r.fileName).sort()).toEqual(FILES);
    expect(new Set(REPORTERS.map((r) => r.name)).size).toBe(REPORTERS.length);
  });
});

describe('writeReports', () => {
  it('creates the folder and writes every report complete, sorted paths, no temp file left', async () => {
    const dir = join(root, 'nested', 'run-1');
    const report = sampleReport();
    const result = await writeReports(report, dir, { env: {} });
    expect(result).toEqual({ written: FILES.map((f) => join(dir, f)) });
    expect((await readdir(dir)).sort()).toEqual(FILES);
    for (const r of REPORTERS) expect(await readFile(join(dir, r.fileName), 'utf8')).toBe(r.render(report));
  });

  it('replaces existing files', async () => {
    await writeFile(join(root, 'results.json'), 'old and longer than nothing');
    await writeReports(sampleReport(), root, { env: {} });
    expect(JSON.parse(await readFile(join(root, 'results.json'), 'utf8'))).toMatchObject({ exitCode: 1 });
  });

  it('leaves no temp file behind when a write fails', async () => {
    await mkdir(join(root, 'junit.xml', 'blocker'), { recursive: true });
    await expect(writeReports(sampleReport(), root, { env: {} })).rejects.toThrow();
    expect((await readdir(root)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await expect(writeFileAtomic(join(root, 'missing', 'x.txt'), 'x')).rejects.toThrow();
    expect((await readdir(root)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('under GitHub Actions returns the annotations and appends summary.md to GITHUB_STEP_SUMMARY', async () => {
    const summary = join(root, 'step-summary.md');
    await writeFile(summary, 'previous step\n');
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    const result = await writeReports(sampleReport(), join(root, 'out'), { env });
    expect(result.annotations).toEqual(githubAnnotations(sampleReport()));
    const md = await readFile(join(root, 'out', 'summary.md'), 'utf8');
    expect(await readFile(summary, 'utf8')).toBe(`previous step\n${md}\n`);
  });

  it('outside GitHub Actions returns no annotations and does not touch GITHUB_STEP_SUMMARY', async () => {
    const summary = join(root, 'step-summary.md');
    const result = await writeReports(sampleReport(), join(root, 'out'), { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.annotations).toBeUndefined();
    expect((await readdir(root)).sort()).toEqual(['out']);
  });

  it('cuts an oversized step summary on a line boundary with a note', () => {
    const md = 'héllo\n'.repeat(100);
    expect(fitStepSummary(md, 10_000)).toBe(md);
    const cut = fitStepSummary(md, 50);
    expect(cut.startsWith('héllo\n'.repeat(6).trimEnd())).toBe(true);
    expect(cut).toContain('Summary truncated');
    expect(cut).not.toContain('\uFFFD');
  });
});
