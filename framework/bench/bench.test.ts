import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBench } from '../cli/commands/bench.js';
import { loadInliningBudget } from '../jit-budget.js';
import type { BenchReport } from './types.js';

let dir: string;
let report: BenchReport;
let code: number;
let stdout = '';

async function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return await fn();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigmatest-bench-'));
  code = await quiet(() => runBench({ rules: ['rules'], generate: '20000', runs: '5', reports: dir, format: 'json', referenceSample: '200', correlationEvents: '20000', correlationGroups: '700' }));
  report = JSON.parse(await readFile(path.join(dir, 'bench.json'), 'utf8')) as BenchReport;
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sigmatest bench (bundled rules, 20,000 generated events)', () => {
  it('completes and writes bench.json and bench.md', async () => {
    expect(code).toBe(0);
    expect(report.runs).toBe(5);
    expect(report.w2.events).toBe(20_000);
    expect(report.w2.runsMs).toHaveLength(5);
    expect(report.w1?.events).toBe(20_000);
    expect(report.w1?.matches).toBe(200); // 1 % of the pool points at x.portmap.io, initiated
    expect(report.w3.events).toBe(20_000);
    expect(report.w3.parseOnly.events).toBe(20_000);
    expect(report.machine.cores).toBeGreaterThan(0);
    // this (main) thread of a test process nobody gave the flag to loads with the smaller budget (jit-budget.ts)
    expect(report.machine.loadInliningBudget).toBe(loadInliningBudget());
    for (const name of ['w1.perParse', 'w1.perReference', 'w2.perReference', 'w3.timeOverParse']) expect(report.ratios[name]).toBeGreaterThan(0);
    expect(report.ruleCosts.top.length).toBeGreaterThan(0);
    expect(report.correlation?.events).toBe(20_000);
    expect(report.correlation?.groupsAtEnd).toBe(700); // 28 or 29 events per group, 5 fire and reset: every group holds 3 or 4
    expect(report.correlation?.eventsPerSecond).toBeGreaterThan(0);
    const md = await readFile(path.join(dir, 'bench.md'), 'utf8');
    expect(md).toContain('| workload |');
    expect(md).toContain(report.machine.loadInliningBudget === null ? "V8's inlining budget" : `inlining budget ${report.machine.loadInliningBudget} while loading`);
    expect(JSON.parse(stdout).w2.rules).toBe(report.load.rules);
    // cold load + compile: from the TypeScript sources there is no compiled module to start, so this process loads
    const cold = (report as BenchReport & { coldLoad: { runs: { rules: number }[]; isolated: boolean } }).coldLoad;
    expect(cold.runs).toHaveLength(5);
    expect(cold.runs.every((r) => r.rules === report.load.rules)).toBe(true);
    expect(cold.isolated).toBe(false);
  });

  it('runs W3 and its parse-only pass over every events file, as W2', async () => {
    const event = (i: number, host: string): string => JSON.stringify({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 3, Initiated: 'true', DestinationHostname: `${host}${i}.portmap.io`, Image: 'C:\\x.exe' });
    const a = path.join(dir, 'a.jsonl');
    const b = path.join(dir, 'b.jsonl');
    await writeFile(a, Array.from({ length: 30 }, (_, i) => event(i, 'a')).join('\n') + '\n');
    await writeFile(b, Array.from({ length: 12 }, (_, i) => event(i, 'b')).join('\n') + '\n');
    const out = path.join(dir, 'two-files');
    expect(await quiet(() => runBench({ rules: ['rules'], events: [a, b], runs: '5', reports: out, referenceSample: '10', correlationEvents: '0', w1Events: '100' }))).toBe(0);
    const two = JSON.parse(await readFile(path.join(out, 'bench.json'), 'utf8')) as BenchReport;
    expect(two.w2.events).toBe(42);
    expect(two.w3.files).toEqual([a, b]);
    expect(two.w3.events).toBe(42);
    expect(two.w3.parseOnly.events).toBe(42);
    expect(two.w3.matches).toBe(two.w2.matches);
    expect(two.w3.matches).toBeGreaterThanOrEqual(42); // the portmap rule matches every event
  });

  it('gates against a baseline: exit 1 past --max-regression, 2 on a bad baseline or usage error', async () => {
    const inflated = { ...report, ratios: Object.fromEntries(Object.entries(report.ratios).map(([k, v]) => [k, k === 'w3.timeOverParse' ? v / 100 : v * 100])) };
    const file = path.join(dir, 'baseline.json');
    await writeFile(file, JSON.stringify(inflated));
    const quick = { rules: ['rules'], generate: '2000', runs: '5', reports: dir, referenceSample: '20', correlationEvents: '0' };
    expect(await quiet(() => runBench({ ...quick, baseline: file }))).toBe(1);
    expect(stdout).toContain('REGRESSION');
    await writeFile(file, '{}');
    expect(await quiet(() => runBench({ ...quick, baseline: file }))).toBe(2);
    expect(await quiet(() => runBench({ ...quick, runs: '2' }))).toBe(2);
    expect(await quiet(() => runBench({ ...quick, events: ['x.jsonl'] }))).toBe(2);
  });
});
