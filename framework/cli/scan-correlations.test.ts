/**
 * End-to-end: `sigmatest scan` with correlation rules (the built CLI in dist/): alert lines, generate: false,
 * --all-matches, --lateness, and the refusal of --shard.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'dist/framework/cli/main.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-scan-corr-'));

const RULES = `title: Failed logon
id: 5a1f0c52-0001-4000-8000-000000000001
name: failed_logon
logsource: {product: windows, service: security}
detection:
  selection: {EventID: 4625}
  condition: selection
---
title: Three failed logons of one account
id: 5a1f0c52-0002-4000-8000-000000000002
correlation:
  type: event_count
  rules: [failed_logon]
  group-by: [TargetUserName]
  timespan: 1m
  condition: {gte: 3}
level: high
`;

function failure(user: string, second: number): string {
  return JSON.stringify({ Channel: 'Security', EventID: 4625, TargetUserName: user, TimeCreated_SystemTime: `2026-03-02T09:00:${String(second).padStart(2, '0')}.000Z` });
}

function scan(events: string[], ...args: string[]): { code: number; stdout: string; stderr: string } {
  const rules = path.join(tmp, 'rules.yml');
  const file = path.join(tmp, `events-${args.join('_').replace(/\W/g, '')}.jsonl`);
  writeFileSync(rules, RULES);
  writeFileSync(file, events.join('\n') + '\n');
  const r = spawnSync(process.execPath, [main, 'scan', '--rules', rules, '--events', file, '--format', 'jsonl', ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const lines = (out: string): Record<string, unknown>[] => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('sigmatest scan with correlation rules', () => {
  it('prints one alert line per correlation alert and hides the referenced rule (generate: false)', () => {
    const r = scan([failure('alice', 0), failure('bob', 1), failure('alice', 10), failure('alice', 20), failure('bob', 59)]);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(1);
    const alert = out[0] as Record<string, unknown>;
    expect(alert['correlation_id']).toBe('5a1f0c52-0002-4000-8000-000000000002');
    expect(alert['rule_title']).toBe('Three failed logons of one account');
    expect(alert['group']).toEqual({ TargetUserName: 'alice' });
    expect(alert['time']).toBe('2026-03-02T09:00:20.000Z');
    expect((alert['events'] as unknown[]).map((e) => (e as unknown[])[1])).toEqual([0, 2, 3]);
    expect(r.stderr).toContain('1 alerts');
  });

  it('--all-matches prints the referenced rule’s matches as well', () => {
    const out = lines(scan([failure('alice', 0), failure('alice', 1), failure('alice', 2)], '--all-matches').stdout);
    expect(out.filter((l) => 'rule_id' in l)).toHaveLength(3);
    expect(out.filter((l) => 'correlation_id' in l)).toHaveLength(1);
  });

  it('out-of-order events are dropped as late without --lateness and accepted within it', () => {
    const events = [failure('alice', 30), failure('alice', 10), failure('alice', 31)];
    const strict = scan(events);
    expect(lines(strict.stdout)).toHaveLength(0);
    expect(strict.stderr).toContain('1 late events dropped');
    expect(lines(scan(events, '--lateness', '30').stdout)).toHaveLength(1);
  });

  it('refuses --shard and a bad --lateness (exit 2)', () => {
    expect(scan([failure('alice', 0)], '--shard', '1/2').code).toBe(2);
    expect(scan([failure('alice', 0)], '--lateness', '-1').code).toBe(2);
  });
});
