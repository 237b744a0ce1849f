/**
 * End-to-end tests of the built CLI (`dist/`, rebuilt by the vitest global setup): help, exit codes, output formats.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'dist/framework/cli/main.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-cli-'));

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = `title: portmap
id: 07837ab9-60e1-481f-a74d-c31fb496a94c
level: medium
logsource: {category: network_connection, product: windows}
detection:
  selection:
    Initiated: 'true'
    DestinationHostname|endswith: '.portmap.io'
  condition: selection
`;
const BAD = `title: bad
logsource: {category: process_creation, product: windows}
detection:
  sel:
    CommandLine|contain: 'x'
  condition: sel
`;

function sysmon3(host: string): string {
  return JSON.stringify({ Event: { System: { EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Initiated: 'true', DestinationHostname: host } } });
}

beforeAll(() => {
  mkdirSync(path.join(tmp, 'good'));
  mkdirSync(path.join(tmp, 'mixed'));
  writeFileSync(path.join(tmp, 'good/portmap.yml'), GOOD);
  writeFileSync(path.join(tmp, 'mixed/portmap.yml'), GOOD);
  writeFileSync(path.join(tmp, 'mixed/bad.yml'), BAD);
  writeFileSync(path.join(tmp, 'events.jsonl'), [sysmon3('a.portmap.io'), '{broken', sysmon3('portmap.io.evil.com'), sysmon3('x.PORTMAP.IO')].join('\n') + '\n');
}, 120_000);

describe('sigmatest CLI', () => {
  it('prints help for the program and every command', () => {
    for (const args of [['--help'], ['check', '--help'], ['scan', '--help']]) {
      const r = run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: sigmatest/);
    }
  });

  it('exits 2 on usage errors', () => {
    expect(run(['check', '--bogus']).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
    expect(run(['scan', '--rules', 'good']).code).toBe(2);
    expect(run(['check', 'no-such-folder']).code).toBe(2);
  });

  it('check: exit 0 and no error for valid rules', () => {
    const r = run(['check', 'good']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 files, 1 rules loaded, 0 errors/);
  });

  it('check: located diagnostics and exit 1 when a rule has an error', () => {
    const r = run(['check', 'mixed']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^mixed\/bad\.yml:5:5 error UNKNOWN_MODIFIER unknown modifier 'contain'/m);
  });

  it('check --format json: exactly one object with the documented keys', () => {
    const r = run(['check', '--format', 'json', 'mixed']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { files: number; rules: number; diagnostics: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['files', 'rules', 'diagnostics']);
    expect(out.files).toBe(2);
    expect(out.rules).toBe(1);
    const error = out.diagnostics.find((d) => d['severity'] === 'error');
    expect(Object.keys(error ?? {})).toEqual(['file', 'line', 'col', 'severity', 'code', 'message']);
    expect(error).toMatchObject({ file: 'mixed/bad.yml', line: 5, col: 5, code: 'UNKNOWN_MODIFIER' });
  });

  it('scan: one jsonl record per match, malformed records counted in event_index and reported', () => {
    const r = run(['scan', '--rules', 'good', '--events', 'events.jsonl', '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((x) => x['event_index'])).toEqual([0, 3]);
    expect(Object.keys(records[0] ?? {})).toEqual(['rule_id', 'rule_title', 'rule_path', 'level', 'source', 'event_index']);
    expect(records[0]).toEqual({ rule_id: '07837ab9-60e1-481f-a74d-c31fb496a94c', rule_title: 'portmap', rule_path: 'good/portmap.yml', level: 'medium', source: 'events.jsonl', event_index: 0 });
    expect(r.stderr).toMatch(/events\.jsonl:2:\d+ error EVENT_MALFORMED/);
    expect(r.stderr).toMatch(/3 events read \(1 malformed skipped\), 1 rules loaded, 0 rules failed, 2 matches, .* events\/s/);
  });

  it('scan: jsonl is the default off a terminal', () => {
    const r = run(['scan', '--rules', 'good', '--events', 'events.jsonl']);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('scan: exit 1 when an events file cannot be read; --strict fails on a broken rule', () => {
    const missing = run(['scan', '--rules', 'good', '--events', 'missing.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/missing\.jsonl.*IO_ERROR/);
    expect(run(['scan', '--rules', 'mixed', '--events', 'events.jsonl']).code).toBe(0);
    expect(run(['scan', '--rules', 'mixed', '--events', 'events.jsonl', '--strict']).code).toBe(1);
  });
});
