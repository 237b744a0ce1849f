/**
 * End-to-end tests of `sigmatest fuzz` and `sigmatest init` on the built CLI (dist/ built by the vitest global
 * setup): the seed is printed, fuzz.json is written, --save writes cases that `run` then passes, init writes a
 * starter file that `run` passes and never overwrites it without --force.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'dist/framework/cli/main.js');
const PORTMAP = 'rules/windows/network_connection/net_connection_win_domain_portmap.yml';
const PORTMAP_CASES = 'cases/windows/network_connection/net_connection_win_domain_portmap.yml';

function cli(cwd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function copyProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-fuzz-'));
  for (const entry of ['rules', 'cases', 'sigmatest.config.yml']) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

describe('sigmatest fuzz and init', () => {
  it('fuzz prints its seed, writes fuzz.json and --save writes cases that run passes', () => {
    const dir = copyProject();
    const before = readFileSync(path.join(dir, PORTMAP_CASES), 'utf8');
    const r = cli(dir, ['fuzz', '--filter', 'portmap', '--runs', '50', '--seed', '3', '--save']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('sigmatest fuzz: seed 3, 50 runs per rule');
    expect(r.stderr).toMatch(/saved \d+ cases to /);
    expect(r.stdout).toMatch(/^PASS seed 3, 50 runs: 1 rules/m);
    const report = JSON.parse(readFileSync(path.join(dir, 'reports/fuzz.json'), 'utf8')) as { totals: { failures: number; rules: number } };
    expect(report.totals).toMatchObject({ failures: 0, rules: 1 });
    const after = readFileSync(path.join(dir, PORTMAP_CASES), 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
    const run = cli(dir, ['run', '--filter', 'portmap']);
    expect(run.code).toBe(0);
  });

  it('fuzz --format json prints exactly one JSON object and exits 2 on a bad --runs', () => {
    const dir = copyProject();
    const r = cli(dir, ['fuzz', '--filter', 'portmap', '--runs', '5', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ seed: 1, runs: 5 });
    expect(cli(dir, ['fuzz', '--runs', 'many']).code).toBe(2);
  });

  it('init writes a starter case file that run passes, and refuses to overwrite without --force', () => {
    const dir = copyProject();
    const casesDir = path.join(dir, 'fresh-cases');
    const r = cli(dir, ['init', PORTMAP, '--cases', 'fresh-cases']);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(casesDir, 'windows/network_connection/net_connection_win_domain_portmap.yml'))).toBe(true);
    expect(cli(dir, ['init', PORTMAP, '--cases', 'fresh-cases']).code).toBe(2);
    expect(cli(dir, ['init', PORTMAP, '--cases', 'fresh-cases', '--force']).code).toBe(0);
    const run = cli(dir, ['run', '--cases', 'fresh-cases', '--filter', 'portmap']);
    expect(run.stdout).toMatch(/PASS 1 rules \(1 with cases\), \d+ cases/);
    expect(run.code).toBe(0);
  });
});
