/**
 * Merging: the shards of a run (and the chunks worker threads evaluate) merged back give exactly the unsharded
 * report — on the bundled rules and cases, and on a fixture with every kind of problem (a broken rule, an unknown
 * rule, a policy violation, a warning diagnostic); fuzz reports likewise; the checks that refuse to merge
 * reports that are not the shards of one run; reading report folders and files.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzFailed, fuzzTotals } from '../../generators/fuzz/run-fuzz.js';
import type { CorrelationFuzzEntry, FuzzReport, RuleFuzzResult } from '../../generators/fuzz/types.js';
import { prepareSuite, runPreparedSuite, STRICT_POLICY, type PreparedSuite } from '../harness/run.js';
import { resolveRunSettings } from '../harness/run-settings.js';
import type { RunReport, ShardInfo } from '../report/model.js';
import { PORTMAP_RULE_YAML } from '../test-support/portmap-rule.js';
import { mergeFuzzReports } from './merge-fuzz.js';
import { mergeRunReports, runTotals, withProblems } from './merge-run.js';
import { shardSuite, suiteChunk, suiteHead, workItems } from './run-shard.js';
import { contiguousChunks } from './run-suite.js';
import { readReports } from './read-reports.js';
import { orderShards } from './shard-set.js';

const withoutTime = (r: RunReport): Omit<RunReport, 'durationMs'> => {
  const { durationMs: _ignored, ...rest } = r;
  return rest;
};

const OPTIONS = { policy: STRICT_POLICY, version: 'test' };

async function bundledSuite(): Promise<PreparedSuite> {
  const { settings } = await resolveRunSettings({});
  if (!settings) throw new Error('bundled settings did not resolve');
  return prepareSuite(settings);
}

function problemFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-merge-'));
  for (const d of ['rules/net', 'rules/more', 'cases/net']) mkdirSync(path.join(dir, d), { recursive: true });
  writeFileSync(path.join(dir, 'rules/net/portmap.yml'), PORTMAP_RULE_YAML);
  writeFileSync(path.join(dir, 'rules/net/broken.yml'), 'title: broken\nlogsource: {product: windows}\ndetection:\n  sel: {a|nosuchmodifier: 1}\n  condition: sel\n');
  // Unused identifier (a warning diagnostic) and no cases (policy problems).
  writeFileSync(path.join(dir, 'rules/more/uncovered.yml'), 'title: Uncovered\nid: 11111111-1111-4111-8111-111111111111\nlogsource: {product: linux, category: process_creation}\ndetection:\n  sel: {Image|endswith: /nc}\n  unused: {User: root}\n  condition: sel\n');
  for (let i = 0; i < 12; i++) writeFileSync(path.join(dir, `rules/more/r${i}.yml`), `title: R${i}\nid: 22222222-2222-4222-8222-0000000000${String(i).padStart(2, '0')}\nlogsource: {product: linux, category: process_creation}\ndetection:\n  sel: {Image|endswith: /x${i}}\n  condition: sel\n`);
  writeFileSync(
    path.join(dir, 'cases/net/portmap.yml'),
    "rule: 07837ab9-60e1-481f-a74d-c31fb496a94c\ncases:\n  - name: hit\n    expect: match\n    event: {Channel: Microsoft-Windows-Sysmon/Operational, EventID: 3, Initiated: 'true', DestinationHostname: x.portmap.io}\n  - name: wrong on purpose\n    expect: match\n    event: {Channel: Microsoft-Windows-Sysmon/Operational, EventID: 3, Initiated: 'true', DestinationHostname: portmap.io}\n",
  );
  writeFileSync(path.join(dir, 'cases/net/unknown.yml'), 'rule: 00000000-0000-4000-8000-000000000000\ncases:\n  - name: x\n    expect: match\n    event: {a: 1}\n');
  return dir;
}

async function fixtureSuite(dir: string): Promise<PreparedSuite> {
  const { settings } = await resolveRunSettings({ rules: [path.join(dir, 'rules')], cases: [path.join(dir, 'cases')], policy: 'strict' });
  if (!settings) throw new Error('fixture settings did not resolve');
  return prepareSuite(settings);
}

describe.each([
  ['the bundled rules and cases', bundledSuite],
  ['a fixture with every kind of problem', () => fixtureSuite(problemFixture())],
])('merging shards of %s', (_name, make) => {
  let suite: PreparedSuite;
  let full: RunReport;
  beforeAll(async () => {
    suite = await make();
    full = runPreparedSuite(suite, OPTIONS);
  });

  it('recomputes the harness totals exactly', () => {
    expect(runTotals(full.rules, full.cases, full.problems)).toEqual(full.totals);
  });

  it.each([1, 2, 3, 5])('gives the unsharded report back from %i shards, whatever their order', (count) => {
    const parts = Array.from({ length: count }, (_, i) => runPreparedSuite(shardSuite(suite, { index: i + 1, count }), OPTIONS));
    expect(withoutTime(mergeRunReports(parts))).toEqual(withoutTime(full));
    expect(withoutTime(mergeRunReports([...parts].reverse()))).toEqual(withoutTime(full));
    // Disjoint: no rule, case or problem is in two shards.
    expect(parts.reduce((n, p) => n + p.rules.length, 0)).toBe(full.rules.length);
    expect(parts.reduce((n, p) => n + p.problems.length, 0)).toBe(full.problems.length);
  });

  it('gives the unsharded report back from worker chunks plus the suite-level head', () => {
    const items = workItems(suite, suite);
    const chunks = contiguousChunks(items, () => 1, 4).map((chunk) => runPreparedSuite(suiteChunk(suite, chunk), OPTIONS));
    expect(withoutTime(mergeRunReports([runPreparedSuite(suiteHead(suite), OPTIONS), ...chunks]))).toEqual(withoutTime(full));
  });
});

describe('the problem fixture', () => {
  it('really has problems of every kind, a failing case and a warning diagnostic', async () => {
    const full = runPreparedSuite(await fixtureSuite(problemFixture()), OPTIONS);
    const codes = new Set(full.problems.map((p) => p.code));
    for (const code of ['RULE_LOAD', 'CASE_RULE_NOT_FOUND', 'POLICY_NO_POSITIVE', 'POLICY_NO_NEGATIVE']) expect(codes).toContain(code);
    expect(full.totals.failed).toBe(1);
    expect(full.diagnostics.length).toBeGreaterThan(0);
    expect(full.exitCode).toBe(1);
  });
});

describe('withProblems', () => {
  it('adds problems in order and recomputes totals and exit code', async () => {
    const suite = await bundledSuite();
    const clean = runPreparedSuite(suite, OPTIONS);
    const span = { file: 'cases/zzz.yml', line: 3, col: 5 };
    const r = withProblems(clean, [{ code: 'ENGINE_DISAGREEMENT', severity: 'error', message: 'x', span }]);
    expect(r.totals.problems).toBe(clean.totals.problems + 1);
    expect(r.exitCode).toBe(1);
    expect(r.problems.at(-1)?.span).toEqual(span);
    expect(withProblems(clean, [])).toBe(clean);
  });
});

function fuzzResult(p: string, id: string, failures = 0): RuleFuzzResult {
  return { id, title: p, path: p, seed: 1, runs: 2, positive: { found: true }, items: [{ item: 'sel: A', nearMiss: true, independencePair: false }], operators: {}, checks: 10, disagreements: 0, failures: Array.from({ length: failures }, () => ({ kind: 'positive', operator: 'x', expected: true, engine: false, reference: true, event: {}, originalEvent: {}, seed: 1, path: '0', replay: 'r' })) };
}

describe('mergeFuzzReports', () => {
  it('sorts rules by path then id and recomputes totals', () => {
    const all = [fuzzResult('a.yml', '2'), fuzzResult('a.yml', '1'), fuzzResult('b.yml', '3', 2), fuzzResult('c.yml', '4')];
    const report = (rules: RuleFuzzResult[], durationMs: number): FuzzReport => ({ tool: { name: 'sigmatest', version: 't' }, seed: 1, runs: 2, rules, correlations: [], totals: fuzzTotals(rules), durationMs });
    const merged = mergeFuzzReports([report([all[2]!, all[0]!], 10), report([all[3]!, all[1]!], 30)]);
    expect(merged.rules.map((r) => `${r.path}#${r.id}`)).toEqual(['a.yml#1', 'a.yml#2', 'b.yml#3', 'c.yml#4']);
    expect(merged.totals).toEqual(fuzzTotals(all));
    expect(merged.totals.failures).toBe(2);
    expect(merged.durationMs).toBe(30);
  });

  it('sorts correlations by path then id, recomputes their totals, and reads a report without correlations as none', () => {
    const c = (p: string, id: string, findings = 0): CorrelationFuzzEntry => ({
      id, title: id, path: p, type: 'event_count', seed: 1, runs: 2, generated: 2, nearMisses: { 'too-few': 2 }, skipped: {}, checks: 4,
      findings: Array.from({ length: findings }, () => ({ correlationId: id, path: p, seed: 9, sequence: 'fires', engine: 'engine', expected: 1, actual: 0, message: 'm', replay: 'r' })),
    });
    const all = [c('a.yml', '2'), c('a.yml', '1', 1), c('b.yml', '3')];
    const report = (correlations: CorrelationFuzzEntry[]): FuzzReport => ({ tool: { name: 'sigmatest', version: 't' }, seed: 1, runs: 2, rules: [], correlations, totals: fuzzTotals([], correlations), durationMs: 1 });
    const old = { ...report([]), correlations: undefined } as unknown as FuzzReport;
    const merged = mergeFuzzReports([report([all[2]!, all[0]!]), report([all[1]!]), old]);
    expect(merged.correlations.map((x) => `${x.path}#${x.id}`)).toEqual(['a.yml#1', 'a.yml#2', 'b.yml#3']);
    expect(merged.totals).toMatchObject({ correlations: 3, correlationsWithSequences: 3, sequenceChecks: 12, sequenceFindings: 1 });
    expect(fuzzFailed(merged)).toBe(true);
    expect(fuzzFailed(mergeFuzzReports([report([all[0]!])]))).toBe(false);
  });
});

describe('orderShards', () => {
  const shard = (index: number, count = 3, rules = 'R', config = 'C'): ShardInfo => ({ index, count, rules, config });
  const input = (file: string, s?: ShardInfo): { file: string; report: string; shard?: ShardInfo } => ({ file, report: file, ...(s ? { shard: s } : {}) });

  it('orders a complete set by shard index', () => {
    const r = orderShards('run', [input('c', shard(3)), input('a', shard(1)), input('b', shard(2))]);
    expect('ordered' in r && r.ordered.map((x) => x.file)).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['a report without shard', [input('a', shard(1, 2)), input('b')], /b: not the run report of a sharded run/],
    ['different shard counts', [input('a', shard(1, 2)), input('b', shard(2, 3))], /b: shard 2\/3, but a is one of 2 shards/],
    ['different rule sets', [input('a', shard(1, 2)), input('b', shard(2, 2, 'OTHER'))], /b: run on a different rule set than a/],
    ['different settings', [input('a', shard(1, 2)), input('b', shard(2, 2, 'R', 'OTHER'))], /b: run with different settings or version than a/],
    ['overlapping shards', [input('a', shard(1, 2)), input('b', shard(1, 2))], /overlapping shards: a and b are both shard 1\/2/],
    ['missing shards', [input('a', shard(2, 4))], /missing run shards 1\/4, 3\/4, 4\/4/],
  ])('refuses %s', (_name, inputs, message) => {
    const r = orderShards('run', inputs);
    expect('errors' in r).toBe(true);
    if ('errors' in r) expect(r.errors.join('\n')).toMatch(message);
  });
});

describe('readReports', () => {
  it('reads run and fuzz reports from folders and files, and names every unusable input', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-read-'));
    const shard: ShardInfo = { index: 1, count: 2, rules: 'R', config: 'C' };
    mkdirSync(path.join(dir, 'both'));
    writeFileSync(path.join(dir, 'both/results.json'), JSON.stringify({ rules: [], cases: [], problems: [], totals: {}, shard }));
    writeFileSync(path.join(dir, 'both/fuzz.json'), JSON.stringify({ seed: 1, runs: 2, rules: [], totals: {} }));
    writeFileSync(path.join(dir, 'bad.json'), '{"rules": [');
    writeFileSync(path.join(dir, 'other.json'), '{"hello": 1}');
    mkdirSync(path.join(dir, 'empty'));
    const r = await readReports([path.join(dir, 'both'), path.join(dir, 'bad.json'), path.join(dir, 'other.json'), path.join(dir, 'empty'), path.join(dir, 'nope')]);
    expect(r.run.map((x) => [path.basename(x.file), x.shard])).toEqual([['results.json', shard]]);
    expect('shard' in (r.run[0]!.report as object)).toBe(false);
    expect(r.fuzz.map((x) => [path.basename(x.file), x.shard])).toEqual([['fuzz.json', undefined]]);
    expect(r.errors).toHaveLength(4);
    expect(r.errors[0]).toMatch(/bad\.json: cannot read a JSON report/);
    expect(r.errors[1]).toMatch(/other\.json: neither a run report/);
    expect(r.errors[2]).toMatch(/empty: holds neither results\.json nor fuzz\.json/);
    expect(r.errors[3]).toMatch(/nope: no such file or folder/);
  });
});
