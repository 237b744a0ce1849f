/**
 * Sequence cases through runSuite and the reporters: pairing by id, name and path, cases of the wrong kind,
 * the correlation policy, summaries, ordering, and JSON / JUnit / SARIF / Markdown output of a failing sequence.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../report/registry.js';
import type { RunReport } from '../report/model.js';
import { STRICT_POLICY, runSuite } from './run.js';

const RULES = {
  'rules/a_failed.yml': `title: Failed logon
id: 00000000-0000-4000-8000-00000000000a
name: failed
logsource: {product: test}
detection: {sel: {EventID: 4625}, condition: sel}
`,
  'rules/z_burst.yml': `title: Burst of failed logons
id: 00000000-0000-4000-8000-00000000000b
name: burst
correlation: {type: event_count, rules: [failed], group-by: [User], timespan: 5m, condition: {gte: 2}}
`,
};

const EVENTS = `
      - {EventID: 4625, User: alice, '@timestamp': '2026-03-02T09:00:00Z'}
      - {EventID: 4625, User: alice, '@timestamp': '2026-03-02T09:01:00Z'}`;

function project(cases: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-seq-'));
  for (const [file, text] of Object.entries({ ...RULES, ...cases })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function run(dir: string, filter?: string, changedFiles?: ReadonlySet<string>): Promise<RunReport> {
  return runSuite({
    rules: [path.join(dir, 'rules')],
    cases: [path.join(dir, 'cases')],
    regression: [],
    policy: STRICT_POLICY,
    ruleset: { logsourceMap: null },
    version: 'test',
    ...(filter !== undefined ? { filter } : {}),
    ...(changedFiles !== undefined ? { changedFiles } : {}),
  });
}

const DETECTION_CASES = `rule: failed
cases:
  - name: a failure
    expect: match
    event: {EventID: 4625}
  - name: a success
    expect: no-match
    event: {EventID: 4624}
`;

describe('runSuite with sequence cases', () => {
  it('pairs a case file with a correlation by name, runs it and summarises the correlation', async () => {
    const dir = project({
      'cases/a_failed.yml': DETECTION_CASES,
      'cases/z_burst.yml': `rule: burst
cases:
  - name: two failures fire
    events:${EVENTS}
    expect: {alerts: 1, groups: [{User: alice}]}
  - name: one failure does not
    event: {EventID: 4625, User: alice, '@timestamp': '2026-03-02T09:00:00Z'}
    expect: {alerts: 0}
`,
    });
    const report = await run(dir);
    expect(report.problems).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.rules.map((r) => r.title)).toEqual(['Failed logon', 'Burst of failed logons']);
    expect(report.rules[1]).toMatchObject({ cases: 2, passed: 2, positives: 1, negatives: 1, correlation: { type: 'event_count', window: 'sliding', timespan: '5m' } });
    expect(report.cases.map((c) => c.name)).toEqual(['a failure', 'a success', 'two failures fire', 'one failure does not']);
    expect(report.cases[2]).toMatchObject({ status: 'pass', matches: 1, expect: { kind: 'alerts', alerts: 1 }, sequence: { alerts: [{ group: { User: 'alice' } }] } });
  });

  it('pairs by id and by path too', async () => {
    for (const ref of ['00000000-0000-4000-8000-00000000000b', '../rules/z_burst.yml']) {
      const dir = project({ 'cases/a_failed.yml': DETECTION_CASES, 'cases/z_burst.yml': `rule: ${ref}\ncases:\n  - name: fires\n    events:${EVENTS}\n    expect: {alerts: 1}\n  - name: quiet\n    event: {EventID: 1}\n    expect: {alerts: 0}\n` });
      const report = await run(dir);
      expect(report.problems, ref).toEqual([]);
      expect(report.totals).toMatchObject({ cases: 4, passed: 4 });
    }
  });

  it('reports cases of the wrong kind as problems and never runs them', async () => {
    const dir = project({
      'cases/a_failed.yml': `${DETECTION_CASES}  - name: alerts on a detection rule\n    events:${EVENTS}\n    expect: {alerts: 1}\n`,
      'cases/z_burst.yml': `rule: burst\ncases:\n  - name: match on a correlation\n    event: {EventID: 4625}\n    expect: match\n  - name: fires\n    events:${EVENTS}\n    expect: {alerts: 1}\n`,
    });
    const report = await run(dir);
    const problems = report.problems.map((p) => `${p.code} ${path.basename(p.span.file)}:${p.span.line} ${p.message}`);
    expect(problems).toContain("CASE_FILE a_failed.yml:9 case 'alerts on a detection rule' expects alerts, but failed is a detection rule: use expect: match | no-match, or matches: N");
    expect(problems).toContain("CASE_FILE z_burst.yml:3 case 'match on a correlation' expects match/no-match, but burst is a correlation rule: a sequence case needs expect: {alerts: N, groups: [...]}");
    expect(report.cases.map((c) => c.name)).not.toContain('alerts on a detection rule');
    expect(report.cases.map((c) => c.name)).not.toContain('match on a correlation');
    expect(report.exitCode).toBe(1);
  });

  it('applies the policy to correlations: a sequence that must fire and one that must not', async () => {
    const dir = project({ 'cases/a_failed.yml': DETECTION_CASES, 'cases/z_burst.yml': `rule: burst\ncases:\n  - name: fires\n    events:${EVENTS}\n    expect: {alerts: 1}\n` });
    const report = await run(dir);
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'POLICY_NO_NEGATIVE', message: 'correlation Burst of failed logons has no negative case (a sequence that must raise none)', ruleId: '00000000-0000-4000-8000-00000000000b' }),
    ]);
    const none = await run(project({ 'cases/a_failed.yml': DETECTION_CASES }));
    expect(none.problems.map((p) => p.code)).toEqual(['POLICY_NO_POSITIVE', 'POLICY_NO_NEGATIVE']);
  });

  it('--filter selects correlations and sequence cases by name', async () => {
    const dir = project({ 'cases/a_failed.yml': DETECTION_CASES, 'cases/z_burst.yml': `rule: burst\ncases:\n  - name: fires\n    events:${EVENTS}\n    expect: {alerts: 1}\n  - name: quiet\n    event: {EventID: 1}\n    expect: {alerts: 0}\n` });
    expect((await run(dir, 'Burst')).cases.map((c) => c.name)).toEqual(['fires', 'quiet']);
    expect((await run(dir, 'quiet')).cases.map((c) => c.name)).toEqual(['quiet']);
  });

  it('--changed-since reruns a correlation when a rule it references changed', async () => {
    const dir = project({ 'cases/a_failed.yml': DETECTION_CASES, 'cases/z_burst.yml': `rule: burst\ncases:\n  - name: fires\n    events:${EVENTS}\n    expect: {alerts: 1}\n` });
    const names = async (changed: string): Promise<string[]> => (await run(dir, undefined, new Set([path.join(dir, changed)]))).rules.map((r) => r.title);
    expect(await names('rules/a_failed.yml')).toEqual(['Failed logon', 'Burst of failed logons']);
    expect(await names('cases/z_burst.yml')).toEqual(['Burst of failed logons']);
    expect(await names('cases/a_failed.yml')).toEqual(['Failed logon']);
  });

  it('renders a failing sequence case in every report format with expected vs actual alerts', async () => {
    const dir = project({ 'cases/a_failed.yml': DETECTION_CASES, 'cases/z_burst.yml': `rule: burst\ncases:\n  - name: expects bob\n    events:${EVENTS}\n    expect: {alerts: 1, groups: [{User: bob}]}\n  - name: quiet\n    event: {EventID: 1}\n    expect: {alerts: 0}\n` });
    const report = await run(dir);
    expect(report.exitCode).toBe(1);
    const failing = report.cases.find((c) => c.name === 'expects bob');
    const message = 'expected 1 alert [{User: bob}], got 1 alert: {User: alice} at 2026-03-02T09:01:00.000Z (events #0, #1)';
    expect(failing).toMatchObject({ status: 'fail', message });
    for (const reporter of REPORTERS) {
      const text = reporter.render(report);
      expect(text, reporter.name).toContain('expects bob');
      expect(text, reporter.name).toContain('{User: bob}');
      expect(text, reporter.name).toContain('2026-03-02T09:01:00.000Z');
    }
    const junit = REPORTERS.find((r) => r.name === 'junit')!.render(report);
    expect(junit).toContain('correlation: event_count, sliding window of 5m');
    expect(junit).toContain('event #1 at 2026-03-02T09:01:00.000Z: matched failed');
  });
});
