/**
 * End-to-end tests of `sigmatest fuzz` and `sigmatest init` on correlation rules (the built CLI, dist/ built by
 * the vitest global setup, on copies of the bundled project): fuzz reports every bundled correlation with
 * generated sequences and no finding; a correlation whose referenced rule cannot match says why nothing was
 * generated (and init's unfinished case fails `run`); --save writes sequence cases that `run` passes; init
 * writes sequence cases for a correlation that `run` passes; --shard splits the correlations and merge-reports
 * puts them back together.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FuzzReport } from '../../generators/fuzz/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'dist/framework/cli/main.js');
const SPRAYING = 'rules/correlations/mr_password_spraying.yml';

function cli(cwd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function copyProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-fuzz-corr-'));
  for (const entry of ['rules', 'cases', 'sigmatest.config.yml']) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

function readReport(file: string): FuzzReport {
  return JSON.parse(readFileSync(file, 'utf8')) as FuzzReport;
}

/** Correlation documents among the bundled rules (one per file there). */
const bundledCorrelations = readdirSync(path.join(root, 'rules/correlations')).filter((f) => /^correlation:/m.test(readFileSync(path.join(root, 'rules/correlations', f), 'utf8'))).length;

const NEVER = `title: Never Matches
id: 11111111-2222-4333-8444-555555555555
name: never_matches
status: test
logsource: {product: windows, service: security}
detection:
  selection: {EventID: 4625}
  filter: {EventID: 4625}
  condition: selection and not filter
level: low
`;
const BURST = `title: Burst Of Impossible Events
id: 66666666-7777-4888-8999-000000000000
status: test
correlation:
  type: event_count
  rules: [never_matches]
  group-by: [TargetUserName]
  timespan: 5m
  condition: {gte: 3}
level: high
`;

describe('sigmatest fuzz on correlation rules', () => {
  it('reports every bundled correlation with sequences for every seed and 0 findings', () => {
    const dir = copyProject();
    const r = cli(dir, ['fuzz', '--runs', '3', '--seed', '2']);
    expect(r.stderr).toContain('sigmatest fuzz: seed 2, 3 runs per rule');
    expect(r.code, r.stderr).toBe(0);
    expect(bundledCorrelations).toBeGreaterThanOrEqual(9);
    expect(r.stdout).toMatch(new RegExp(`^PASS seed 2, 3 runs: .*; ${bundledCorrelations} correlations, sequences for ${bundledCorrelations} \\(100\\.0 %\\), \\d+ sequence checks, 0 findings`, 'm'));
    const report = readReport(path.join(dir, 'reports/fuzz.json'));
    expect(report.correlations).toHaveLength(bundledCorrelations);
    expect(report.totals).toMatchObject({ correlations: bundledCorrelations, correlationsWithSequences: bundledCorrelations, sequenceFindings: 0 });
    for (const c of report.correlations) {
      expect({ id: c.id, generated: c.generated, findings: c.findings }).toEqual({ id: c.id, generated: 3, findings: [] });
      expect(Object.keys(c.nearMisses).length).toBeGreaterThanOrEqual(2);
      expect(c.checks).toBeGreaterThan(3);
    }
    const chain = report.correlations.find((c) => c.path.endsWith('mr_failed_logons_then_success.yml'));
    expect(Object.keys(chain?.nearMisses ?? {})).toEqual(expect.arrayContaining(['too-few', 'wrong-order', 'outside-window', 'missing-group-by']));
    const average = report.correlations.find((c) => c.type === 'value_avg');
    expect(average?.skipped['outside-window']).toMatch(/anchored/);
    expect(r.stdout).toContain('near miss outside-window not generated: ');
  });

  it('says why no sequence was generated for a correlation whose referenced rule cannot match; init leaves a failing unfinished case', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-fuzz-never-'));
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules/never.yml'), NEVER);
    writeFileSync(path.join(dir, 'rules/burst.yml'), BURST);
    const r = cli(dir, ['fuzz', '--runs', '4', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as FuzzReport;
    expect(report.correlations).toHaveLength(1);
    expect(report.correlations[0]).toMatchObject({ title: 'Burst Of Impossible Events', generated: 0, checks: 0, findings: [] });
    expect(report.correlations[0]?.reason).toMatch(/^no positive could be derived for rule 11111111-2222-4333-8444-555555555555: .*conflicting/);
    const text = cli(dir, ['fuzz', '--runs', '4']);
    expect(text.stdout).toMatch(/! Burst Of Impossible Events {2}rules\/burst\.yml {2}\(event_count\)\n {4}no firing sequence: no positive could be derived for rule 1111/);
    expect(text.stdout).toMatch(/1 correlations, sequences for 0 \(0\.0 %\)/);
    const init = cli(dir, ['init', 'rules/burst.yml']);
    expect(init.stdout).toContain('wrote cases/burst.yml (1 sequence cases)');
    expect(readFileSync(path.join(dir, 'cases/burst.yml'), 'utf8')).toContain('firing sequence (unfinished)');
    const run = cli(dir, ['run', '--policy', 'lenient']);
    expect(run.code).toBe(1);
    expect(run.stdout, run.stderr).toContain('firing sequence (unfinished)');
  });

  it('--save appends sequence cases with alerts/groups that run then passes, and saves nothing twice', () => {
    const dir = copyProject();
    const file = path.join(dir, 'cases/correlations/mr_password_spraying.yml');
    const before = readFileSync(file, 'utf8');
    const r = cli(dir, ['fuzz', '--filter', 'correlations', '--runs', '2', '--save']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/saved \d+ cases to cases\/correlations\/mr_password_spraying\.yml/);
    expect(r.stderr.match(/^saved /gm)).toHaveLength(bundledCorrelations);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after.slice(before.length)).toMatch(/alerts: 1\n\s+groups:\n\s+- IpAddress: /);
    expect(after.slice(before.length)).toContain('timestamp_field: UtcTime');
    const run = cli(dir, ['run']);
    expect(run.stdout, run.stderr).toMatch(/^PASS /m);
    expect(run.code).toBe(0);
    const again = cli(dir, ['fuzz', '--filter', 'correlations', '--runs', '2', '--save']);
    expect(again.stderr).not.toContain('saved ');
  });

  it('--shard splits the correlations by file and merge-reports puts them back together', () => {
    const dir = copyProject();
    const fuzz = (reports: string, ...extra: string[]) => cli(dir, ['fuzz', '--filter', 'correlations', '--runs', '2', '--seed', '4', '--reports', reports, ...extra]);
    expect(fuzz('whole').code).toBe(0);
    expect(fuzz('s1', '--shard', '1/2').code).toBe(0);
    expect(fuzz('s2', '--shard', '2/2', '--workers', '2').code).toBe(0);
    const [whole, s1, s2] = ['whole', 's1', 's2'].map((d) => readReport(path.join(dir, d, 'fuzz.json')));
    expect(s1!.correlations.length + s2!.correlations.length).toBe(whole!.correlations.length);
    expect(Math.min(s1!.correlations.length, s2!.correlations.length)).toBeGreaterThan(0);
    const merged = cli(dir, ['merge-reports', 's1', 's2', '--out', 'merged']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const m = readReport(path.join(dir, 'merged/fuzz.json'));
    expect(m.correlations).toEqual(whole!.correlations);
    expect(m.totals).toEqual(whole!.totals);
  });
});

describe('sigmatest init on a correlation rule', () => {
  it('writes sequence cases (a firing sequence and near misses) that run passes, and refuses to overwrite without --force', () => {
    const dir = copyProject();
    const r = cli(dir, ['init', SPRAYING, '--cases', 'fresh']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = path.join(dir, 'fresh/correlations/mr_password_spraying.yml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Starter sequence cases for "Password Spraying From One Source Address"/);
    expect(text).toContain('rule: d18d438d-36db-4636-9a35-212623e707d6');
    expect(text).toMatch(/name: "?fires: /);
    for (const kind of ['too-few', 'distinct-short', 'outside-window', 'missing-group-by']) expect(text).toContain(`near miss ${kind}: `);
    expect(cli(dir, ['init', SPRAYING, '--cases', 'fresh']).code).toBe(2);
    expect(cli(dir, ['init', SPRAYING, '--cases', 'fresh', '--force']).code).toBe(0);
    const run = cli(dir, ['run', '--cases', 'fresh', '--filter', 'password_spraying']);
    expect(run.stdout, run.stderr).toMatch(/PASS 1 rules \(1 with cases\), 5 cases: 5 passed/);
    expect(run.code).toBe(0);
  });
});
