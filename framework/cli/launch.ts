#!/usr/bin/env node
/**
 * The `sigmatest` executable. Runs the command line (main.ts) in a Node process whose V8 thread pool fits the
 * machine (v8-pool.ts): when the pool should be smaller than Node's default and the process was not given a size,
 * it starts `node --v8-pool-size=N` on main.js with the same arguments, standard streams shared, and exits as that
 * process exits (its code, or the signal that ended it; SIGINT, SIGTERM and SIGHUP sent to this process are passed
 * on). Otherwise, or when that process cannot be started, main.js runs in this process: also under a debugger
 * (`--inspect…`, which a second process could not share). `SIGMATEST_V8_POOL=node` keeps Node's default pool.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { hasPoolSize, poolSizeFor } from './v8-pool.js';

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function runInChild(poolSize: number): Promise<boolean> {
  const main = fileURLToPath(new URL('./main.js', import.meta.url));
  const child = spawn(process.execPath, [`--v8-pool-size=${poolSize}`, ...process.execArgv, main, ...process.argv.slice(2)], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  let started = false;
  return new Promise((resolve) => {
    // Not started: run here instead. (After the start, an error is a failed kill: the exit still follows.)
    child.on('error', () => {
      if (!started) resolve(false);
    });
    child.once('spawn', () => {
      started = true;
      for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    });
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED_SIGNALS) process.off(s, forward);
      if (signal !== null) process.kill(process.pid, signal);
      else process.exitCode = code ?? 70;
      resolve(true);
    });
  });
}

const debugging = process.execArgv.some((a) => a.startsWith('--inspect'));
const keep = debugging || process.env['SIGMATEST_V8_POOL'] === 'node' || hasPoolSize(process.execArgv, process.env['NODE_OPTIONS']);
const poolSize = keep ? null : poolSizeFor(availableParallelism());
if (poolSize === null || !(await runInChild(poolSize))) await import('./main.js');
