/**
 * The `sigmatest` executable (launch.ts) and its pool size (v8-pool.ts): the size rule, reading a given size, and
 * the launcher run for real — from dist/ (built by the test setup) copied next to a stand-in main.js that reports
 * its Node options and arguments — so that what is checked is what the bin runs: the pool size passed when the
 * machine wants one, the user's own size or SIGMATEST_V8_POOL=node respected, arguments and exit code carried
 * through, a signal that ends the command ending the launcher too, and no second process under a debugger.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { currentPoolSize, hasPoolSize, poolSizeArgs, poolSizeFor } from './v8-pool.js';

describe('poolSizeFor / hasPoolSize / currentPoolSize', () => {
  it('is cores − 1 (at least 1) below Node’s default of 4, else null', () => {
    expect([1, 2, 3, 4, 5, 8, 64].map(poolSizeFor)).toEqual([1, 1, 2, 3, null, null, null]);
  });

  it('finds a size given on the command line or in NODE_OPTIONS, and reads it', () => {
    expect(hasPoolSize(['--v8-pool-size=2'], undefined)).toBe(true);
    expect(hasPoolSize(['--v8-pool-size', '2'], undefined)).toBe(true);
    expect(hasPoolSize([], '--max-old-space-size=100 --v8-pool-size=3')).toBe(true);
    expect(hasPoolSize(['--v8_pool_size=2'], undefined)).toBe(true);
    expect(hasPoolSize(['--v8-pool-sizes=2', '--enable-source-maps'], '')).toBe(false);
    expect(currentPoolSize([], undefined)).toBe(4);
    expect(currentPoolSize(['--v8-pool-size=1'], '--v8-pool-size=3')).toBe(1);
    expect(currentPoolSize(['--v8-pool-size', '2'], undefined)).toBe(2);
  });

  it('passes this process’s own pool size on to a child process, nothing else', () => {
    expect(poolSizeArgs(['--enable-source-maps', '--v8-pool-size=1', '--input-type=module'])).toEqual(['--v8-pool-size=1']);
    expect(poolSizeArgs(['--v8-pool-size', '2'])).toEqual(['--v8-pool-size', '2']);
    expect(poolSizeArgs(['--max-old-space-size=100'])).toEqual([]);
  });
});

// The launcher and its imports from dist/, laid out as there, beside a stand-in main.js.
const dist = fileURLToPath(new URL('../../dist/framework/', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'sigmatest-launch-'));
const cli = path.join(dir, 'framework', 'cli');
mkdirSync(cli, { recursive: true });
for (const file of ['cli/launch.js', 'cli/v8-pool.js', 'node-flags.js']) copyFileSync(path.join(dist, file), path.join(dir, 'framework', file));
writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
// Stand-in for main.js: reports how it was started, then exits with the code or signal its arguments ask for.
writeFileSync(
  path.join(cli, 'main.js'),
  `const [how, value] = process.argv.slice(2);
process.stdout.write(JSON.stringify({ execArgv: process.execArgv, argv: process.argv.slice(2), pid: process.pid }) + '\\n');
if (how === 'exit') process.exitCode = Number(value);
if (how === 'signal') process.kill(process.pid, value);
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function launch(args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): { status: number | null; signal: NodeJS.Signals | null; report: { execArgv: string[]; argv: string[]; pid: number } | null; pid: number } {
  const { NODE_OPTIONS: _, SIGMATEST_V8_POOL: __, ...rest } = process.env;
  const r = spawnSync(process.execPath, [...nodeArgs, path.join(cli, 'launch.js'), ...args], { env: { ...rest, ...env }, encoding: 'utf8' });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  return { status: r.status, signal: r.signal, report: line ? JSON.parse(line) : null, pid: r.pid ?? -1 };
}

describe('sigmatest launcher', () => {
  const wanted = poolSizeFor(availableParallelism());

  it(`runs the command with --v8-pool-size=${wanted ?? '(Node’s default)'} on this ${availableParallelism()}-core machine, arguments unchanged`, () => {
    const r = launch(['exit', '0', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.report?.argv).toEqual(['exit', '0', '--format', 'json']);
    if (wanted === null) expect(r.report?.execArgv.some((a) => a.startsWith('--v8-pool-size'))).toBe(false);
    else {
      expect(r.report?.execArgv).toContain(`--v8-pool-size=${wanted}`);
      expect(r.report?.pid).not.toBe(r.pid); // a second process
    }
  });

  it('carries the exit code through', () => {
    expect(launch(['exit', '2']).status).toBe(2);
    expect(launch(['exit', '1']).status).toBe(1);
  });

  it('ends by the signal that ended the command', () => {
    const r = launch(['signal', 'SIGTERM']);
    expect(r.status).toBeNull();
    expect(r.signal).toBe('SIGTERM');
  });

  it('keeps a pool size the user gave, and Node’s default with SIGMATEST_V8_POOL=node (then in one process)', () => {
    const given = launch(['exit', '0'], { NODE_OPTIONS: '--v8-pool-size=3' });
    expect(given.report?.execArgv.some((a) => a.startsWith('--v8-pool-size'))).toBe(false);
    expect(given.report?.pid).toBe(given.pid);
    const kept = launch(['exit', '0'], { SIGMATEST_V8_POOL: 'node' });
    expect(kept.report?.execArgv).toEqual([]);
    expect(kept.report?.pid).toBe(kept.pid);
  });

  it('runs the command in its own process under a debugger (a second process could not share the inspector)', () => {
    const r = launch(['exit', '0'], {}, ['--inspect=127.0.0.1:0']);
    expect(r.status).toBe(0);
    expect(r.report?.pid).toBe(r.pid);
    expect(r.report?.execArgv.some((a) => a.startsWith('--v8-pool-size'))).toBe(false);
  });
});
