/**
 * End-to-end tests of parallelism on the built CLI (dist/, rebuilt by the vitest global setup), in a snapshot of
 * the bundled rules and cases: `scan --workers/--shard/--shard-by`, `run --workers/--shard` + `merge-reports`
 * (the merge of all shards equals the unsharded run), `fuzz --shard` + `merge-reports`, `bench --workers`, the
 * refusals of merge-reports, usage errors (exit 2) and --help.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatedPool, templateNames } from '../bench/events.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'dist/framework/cli/main.js');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(cwd: string, args: string[]): Result {
  const r = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' }, maxBuffer: 64 * 2 ** 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the bundled rules, cases and config, so concurrent edits of the checkout cannot change a comparison. */
function snapshot(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-parallel-'));
  for (const name of ['rules', 'cases', 'sigmatest.config.yml']) cpSync(path.join(root, name), path.join(dir, name), { recursive: true });
  return dir;
}

/** Generated events of every template (so most bundled rules see their log source), with malformed records. */
function writeEvents(dir: string): string[] {
  const lines: string[] = [];
  for (const name of templateNames()) for (const e of generatedPool(name, 150, 7, 0.05) ?? []) lines.push(JSON.stringify(e));
  for (let i = 0; i < lines.length; i += 211) lines.splice(i, 0, i % 2 === 0 ? '{"truncated": ' : '"a string"');
  writeFileSync(path.join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  writeFileSync(path.join(dir, 'more.json'), JSON.stringify(lines.slice(0, 300).filter((l) => l.startsWith('{"') && l.endsWith('}')).map((l) => JSON.parse(l))));
  return ['events.jsonl', 'more.json'];
}

interface Match {
  readonly rule_id: string;
  readonly source: string;
  readonly event_index: number;
}

const parse = (stdout: string): Match[] => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Match);
const sortedLines = (stdout: string): string[] => stdout.split('\n').filter(Boolean).sort();
const malformed = (stderr: string): string[] => stderr.split('\n').filter((l) => l.includes('EVENT_MALFORMED'));

const withoutTime = (file: string): unknown => {
  const { durationMs: _ignored, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return rest;
};
const junitWithoutTime = (file: string): string => readFileSync(file, 'utf8').replace(/ time="[^"]*"/g, '');

describe('scan --workers / --shard', () => {
  let dir: string;
  let events: string[];
  let whole: Result;
  beforeAll(() => {
    dir = snapshot();
    // scan refuses --shard with correlation rules (a correlation needs every event): shard the detection rules only.
    rmSync(path.join(dir, 'rules/correlations'), { recursive: true, force: true });
    events = writeEvents(dir);
    whole = cli(dir, ['scan', '--rules', 'rules', '--events', ...events, '--format', 'jsonl', '--placeholders', 'cases/_placeholders.yml']);
  });
  const scan = (...extra: string[]): Result => cli(dir, ['scan', '--rules', 'rules', '--events', ...events, '--format', 'jsonl', '--placeholders', 'cases/_placeholders.yml', ...extra]);

  it('has matches and malformed records to compare', () => {
    expect(whole.code).toBe(0);
    expect(parse(whole.stdout).length).toBeGreaterThan(20);
    expect(malformed(whole.stderr).length).toBeGreaterThan(5);
  });

  it('prints byte-identical output with --workers 2 (and the same malformed records, in order)', () => {
    const r = scan('--workers', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(whole.stdout);
    expect(malformed(r.stderr)).toEqual(malformed(whole.stderr));
  });

  it('splits the records by index: the shards together print every match once, malformed records once', () => {
    const shards = [1, 2, 3].map((i) => scan('--shard', `${i}/3`));
    shards.forEach((r, i) => {
      expect(r.code).toBe(0);
      for (const m of parse(r.stdout)) expect(m.event_index % 3).toBe(i);
      expect(r.stderr).toContain(`(shard ${i + 1}/3 of the events)`);
    });
    expect(shards.flatMap((r) => sortedLines(r.stdout)).sort()).toEqual(sortedLines(whole.stdout));
    expect(shards.flatMap((r) => malformed(r.stderr)).sort()).toEqual(malformed(whole.stderr).sort());
  });

  it('prints the same shard with --workers 2 as with one worker', () => {
    expect(scan('--shard', '2/3', '--workers', '2').stdout).toBe(scan('--shard', '2/3').stdout);
  });

  it('splits the rules with --shard-by rules: disjoint rule sets, together every match', () => {
    const shards = [1, 2].map((i) => scan('--shard', `${i}/2`, '--shard-by', 'rules'));
    const ids = shards.map((r) => new Set(parse(r.stdout).map((m) => m.rule_id)));
    for (const id of ids[0]!) expect(ids[1]!.has(id)).toBe(false);
    expect(shards.flatMap((r) => sortedLines(r.stdout)).sort()).toEqual(sortedLines(whole.stdout));
    expect(scan('--shard', '1/2', '--shard-by', 'rules', '--workers', '2').stdout).toBe(shards[0]!.stdout);
  });

  it.each([
    [['--shard', '0/2'], '--shard must be i/n'],
    [['--shard', '3/2'], '--shard must be i/n'],
    [['--shard', 'x'], '--shard must be i/n'],
    [['--workers', '0'], '--workers must be an integer'],
    [['--shard-by', 'rules'], '--shard-by needs --shard'],
  ])('exits 2 on %j', (extra, message) => {
    const r = scan(...extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('run --shard / --workers and merge-reports', () => {
  let dir: string;
  beforeAll(() => {
    dir = snapshot();
  });
  const run = (reports: string, ...extra: string[]): Result => cli(dir, ['run', '--reports', reports, ...extra]);

  it('merges shards 1/2 and 2/2 into the unsharded report, in every format', () => {
    const whole = run('whole');
    const shards = [run('s1', '--shard', '1/2'), run('s2', '--shard', '2/2')];
    for (const s of shards) expect(s.stderr).toBe('');
    const rules = shards.map((_, i) => (JSON.parse(readFileSync(path.join(dir, `s${i + 1}/results.json`), 'utf8')) as { rules: unknown[]; shard: { index: number } }));
    expect(rules.map((r) => r.shard.index)).toEqual([1, 2]);
    expect(rules[0]!.rules.length).toBeGreaterThan(0);
    expect(rules[1]!.rules.length).toBeGreaterThan(0);
    const merged = cli(dir, ['merge-reports', 's2', 's1/results.json', '--out', 'merged']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(whole.code);
    expect(withoutTime(path.join(dir, 'merged/results.json'))).toEqual(withoutTime(path.join(dir, 'whole/results.json')));
    for (const f of ['summary.md', 'results.sarif']) expect(readFileSync(path.join(dir, 'merged', f), 'utf8')).toBe(readFileSync(path.join(dir, 'whole', f), 'utf8'));
    expect(junitWithoutTime(path.join(dir, 'merged/junit.xml'))).toBe(junitWithoutTime(path.join(dir, 'whole/junit.xml')));
    expect(merged.stdout).toContain('merged 2 run shard(s) into merged');
  });

  it('writes the same report with --workers 2', () => {
    const one = run('w1');
    const two = run('w2', '--workers', '2');
    expect(two.code).toBe(one.code);
    expect(withoutTime(path.join(dir, 'w2/results.json'))).toEqual(withoutTime(path.join(dir, 'w1/results.json')));
  });

  it('refuses overlapping, missing, unsharded and foreign shards with exit 2, writing nothing', () => {
    run('r1', '--shard', '1/2');
    run('r2', '--shard', '2/2');
    run('plain');
    const cases: [string[], string][] = [
      [['r1', 'r1'], 'overlapping shards'],
      [['r1'], 'missing run shard 2/2'],
      [['r1', 'plain'], 'not the run report of a sharded run'],
      [['r1', 'nonexistent'], 'nonexistent: no such file or folder'],
    ];
    for (const [inputs, message] of cases) {
      const r = cli(dir, ['merge-reports', ...inputs, '--out', 'refused']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(existsSync(path.join(dir, 'refused'))).toBe(false);
    }
    // The same shard layout over a rule set edited on "another machine".
    const other = snapshot();
    const file = path.join(other, 'rules/windows/network_connection/net_connection_win_domain_portmap.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Edited On Another Machine'));
    expect(cli(other, ['run', '--reports', path.join(dir, 'foreign2'), '--shard', '2/2']).stderr).toBe('');
    const r = cli(dir, ['merge-reports', 'r1', 'foreign2', '--out', 'refused']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('different rule set');
  });

  it('exits 2 on a bad --shard or --workers', () => {
    for (const extra of [['--shard', '3/2'], ['--shard', '0/1'], ['--workers', 'two']]) {
      const r = run('bad', ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--(shard|workers) must be/);
    }
  });
});

describe('fuzz --shard and merge-reports', () => {
  it('merges the shards into the unsharded fuzz.json', () => {
    const dir = snapshot();
    const fuzz = (reports: string, ...extra: string[]): Result => cli(dir, ['fuzz', '--runs', '3', '--seed', '5', '--reports', reports, ...extra]);
    const whole = fuzz('whole');
    const shards = [fuzz('f1', '--shard', '1/2'), fuzz('f2', '--shard', '2/2', '--workers', '2')];
    for (const s of shards) expect(s.code).toBe(whole.code);
    const merged = cli(dir, ['merge-reports', 'f1', 'f2', '--out', 'merged']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(whole.code);
    const expected = withoutTime(path.join(dir, 'whole/fuzz.json')) as { rules: unknown[] };
    expect(expected.rules.length).toBeGreaterThan(5);
    expect(withoutTime(path.join(dir, 'merged/fuzz.json'))).toEqual(expected);
  });
});

describe('bench --workers', () => {
  it('measures W2 on 1 and 2 worker threads in the same run, with the same matches', () => {
    const dir = snapshot();
    const r = cli(dir, ['bench', '--rules', 'rules', '--generate', '3000', '--runs', '5', '--w1-events', '1000', '--reference-sample', '50', '--workers', '2', '--reports', 'out', '--placeholders', 'cases/_placeholders.yml', '--correlation-events', '0']);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    const bench = JSON.parse(readFileSync(path.join(dir, 'out/bench.json'), 'utf8')) as { w2: { matches: number }; parallel: { workers: number; events: number; speedup: number; matches: number; chunks: number[]; oneWorker: { eventsPerSecond: number }; nWorkers: { runsMs: number[] } } };
    expect(bench.parallel.workers).toBe(2);
    expect(bench.parallel.events).toBe(3000);
    expect(bench.parallel.chunks.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(bench.parallel.matches).toBe(bench.w2.matches);
    expect(bench.parallel.speedup).toBeGreaterThan(0);
    expect(bench.parallel.oneWorker.eventsPerSecond).toBeGreaterThan(0);
    expect(bench.parallel.nWorkers.runsMs).toHaveLength(5);
    expect(readFileSync(path.join(dir, 'out/bench.md'), 'utf8')).toContain('## W2 on 2 worker threads');
    expect(r.stdout).toContain('W2 on worker threads');
  });

  it('measures W3 through the scan worker pipeline beside the parse-only pass, in a child process, with the same matches', () => {
    const dir = snapshot();
    const file = path.join(dir, 'events.jsonl.gz');
    const pool = generatedPool('sysmon-3', 2000, 7) ?? [];
    writeFileSync(file, gzipSync(pool.map((e) => JSON.stringify(e)).join('\n') + '\n'));
    const r = cli(dir, ['bench', '--rules', 'rules', '--events', file, '--runs', '5', '--w1-events', '1000', '--reference-sample', '20', '--workers', '2', '--reports', 'out', '--placeholders', 'cases/_placeholders.yml', '--correlation-events', '0']);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    const bench = JSON.parse(readFileSync(path.join(dir, 'out/bench.json'), 'utf8')) as { load: { rules: number }; coldLoad: { runs: { buildMs: number; compileRulesetMs: number; rules: number }[]; medianTotalMs: number; isolated: boolean }; w3: { matches: number; events: number }; parallelW3: { workers: number; events: number; matches: number; timeOverParse: number; warmupRounds: number; isolated: boolean; endToEnd: { runsMs: number[] } } };
    expect(bench.parallelW3.workers).toBe(2);
    expect(bench.parallelW3.events).toBe(2000);
    expect(bench.parallelW3.matches).toBe(bench.w3.matches);
    expect(bench.parallelW3.matches).toBeGreaterThan(0);
    expect(bench.parallelW3.timeOverParse).toBeGreaterThan(0);
    expect(bench.parallelW3.endToEnd.runsMs).toHaveLength(5);
    expect(bench.parallelW3.warmupRounds).toBe(2); // one per worker
    // measured in a child process (a fresh heap for the parse-only pass, see bench-w3-isolated.ts)
    expect(bench.parallelW3.isolated).toBe(true);
    expect(r.stdout).toContain('W3 on 2 worker threads, in a child process');
    // load + compile cold: --runs fresh processes, each loading what the bench loaded
    expect(bench.coldLoad.isolated).toBe(true);
    expect(bench.coldLoad.runs).toHaveLength(5);
    for (const run of bench.coldLoad.runs) expect(run.rules).toBe(bench.load.rules);
    expect(bench.coldLoad.medianTotalMs).toBeGreaterThan(0);
    expect(r.stdout).toContain('in 5 fresh processes: median');
  });

  it('exits 2 on a bad --workers or --shard', () => {
    const dir = snapshot();
    for (const extra of [['--workers', '0'], ['--shard', '2/1']]) {
      const r = cli(dir, ['bench', '--rules', 'rules', '--generate', '100', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--(shard|workers) must be/);
    }
  });
});

describe('--help', () => {
  it.each([
    ['scan', ['--workers', '--shard', '--shard-by']],
    ['run', ['--workers', '--shard', '--no-cross-check']],
    ['fuzz', ['--workers', '--shard']],
    ['bench', ['--workers', '--shard']],
    ['merge-reports', ['--out', 'inputs']],
  ])('%s documents %j', (command, options) => {
    const r = cli(root, [command, '--help']);
    expect(r.code).toBe(0);
    for (const o of options) expect(r.stdout).toContain(o);
  });
});
