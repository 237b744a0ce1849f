/**
 * End-to-end tests of `sigmatest run` on the built CLI (dist/ is built by the vitest global setup): exit codes,
 * the failure explanation (case, file:line, deciding item), unknown rules, empty rule folders, the reports.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PORTMAP_RULE_YAML } from '../test-support/portmap-rule.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'dist/framework/cli/main.js');

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, 'run', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const RULE = PORTMAP_RULE_YAML;

function caseFile(ruleId: string, secondExpect: 'match' | 'no-match'): string {
  return `rule: ${ruleId}
cases:
  - name: subdomain matches
    expect: match
    event: {Channel: Microsoft-Windows-Sysmon/Operational, EventID: 3, Initiated: 'true', DestinationHostname: x.portmap.io}
  - name: bare domain does not match
    expect: ${secondExpect}
    event: {Channel: Microsoft-Windows-Sysmon/Operational, EventID: 3, Initiated: 'true', DestinationHostname: portmap.io}
`;
}

function project(cases: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-run-'));
  mkdirSync(path.join(dir, 'rules/net'), { recursive: true });
  mkdirSync(path.join(dir, 'cases/net'), { recursive: true });
  writeFileSync(path.join(dir, 'rules/net/portmap.yml'), RULE);
  writeFileSync(path.join(dir, 'cases/net/portmap.yml'), cases);
  return dir;
}

describe('sigmatest run', () => {
  it('passes with exit 0 and writes the four reports', () => {
    const dir = project(caseFile('07837ab9-60e1-481f-a74d-c31fb496a94c', 'no-match'));
    const r = run(dir, []);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PASS 1 rules (1 with cases), 2 cases: 2 passed');
    const results = JSON.parse(readFileSync(path.join(dir, 'reports/results.json'), 'utf8')) as { totals: { passed: number } };
    expect(results.totals.passed).toBe(2);
    for (const f of ['junit.xml', 'results.sarif', 'summary.md']) expect(readFileSync(path.join(dir, 'reports', f), 'utf8').length).toBeGreaterThan(0);
  });

  it('fails with exit 1 on a flipped expectation, naming the case, its file:line and the deciding item', () => {
    const dir = project(caseFile('07837ab9-60e1-481f-a74d-c31fb496a94c', 'match'));
    const r = run(dir, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bare domain does not match');
    expect(r.stdout).toContain('cases/net/portmap.yml:6:5');
    expect(r.stdout).toMatch(/✗ DestinationHostname\|endswith '\.portmap\.io'.*portmap\.io/);
    expect(r.stdout).toContain('FAIL');
  });

  it('fails with exit 1 and file:line when a case file names an unknown rule', () => {
    const dir = project(caseFile('00000000-0000-0000-0000-000000000000', 'no-match'));
    const r = run(dir, ['--policy', 'lenient']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cases\/net\/portmap\.yml:1:7 error CASE_RULE_NOT_FOUND/);
  });

  it('fails with exit 1 and "no rules found" on an empty rules folder', () => {
    const dir = project(caseFile('07837ab9-60e1-481f-a74d-c31fb496a94c', 'no-match'));
    mkdirSync(path.join(dir, 'empty'));
    const r = run(dir, ['--rules', 'empty']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no rules found');
  });

  it('fails under the strict policy when a rule has no negative case', () => {
    const dir = project(`rule: 07837ab9-60e1-481f-a74d-c31fb496a94c
cases:
  - name: only a positive
    expect: match
    event: {Channel: Microsoft-Windows-Sysmon/Operational, EventID: 3, Initiated: 'true', DestinationHostname: x.portmap.io}
`);
    expect(run(dir, []).stdout).toContain('POLICY_NO_NEGATIVE');
    expect(run(dir, []).code).toBe(1);
    expect(run(dir, ['--policy', 'lenient']).code).toBe(0);
  });

  it('reports an invalid case file at its line and still runs the other files', () => {
    const dir = project(caseFile('07837ab9-60e1-481f-a74d-c31fb496a94c', 'no-match'));
    writeFileSync(path.join(dir, 'cases/net/broken.yml'), 'rule: x\ncases:\n  - name: no expectation\n    event: {a: 1}\n');
    const r = run(dir, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cases\/net\/broken\.yml:3:\d+ error CASE_FILE/);
    expect(r.stdout).toContain('2 passed');
  });

  it('prints GitHub annotations and appends the step summary under GitHub Actions', () => {
    const dir = project(caseFile('07837ab9-60e1-481f-a74d-c31fb496a94c', 'match'));
    const summary = path.join(dir, 'step-summary.md');
    const r = run(dir, [], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(r.stdout).toMatch(/^::error file=cases\/net\/portmap\.yml,line=6/m);
    expect(readFileSync(summary, 'utf8')).toContain('bare domain does not match');
  });

  it('exits 2 on an invalid config file', () => {
    const dir = project(caseFile('07837ab9-60e1-481f-a74d-c31fb496a94c', 'no-match'));
    writeFileSync(path.join(dir, 'sigmatest.config.yml'), 'policy: sometimes\n');
    const r = run(dir, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sigmatest.config.yml:1');
  });
});
