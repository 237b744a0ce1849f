/**
 * The size of V8's platform thread pool (`--v8-pool-size`) a sigmatest process should run with. Node starts 4
 * background threads whatever the machine, and V8 runs its optimising compiler and its garbage collectors' helper
 * tasks on them: on a machine with fewer spare cores than that, they take turns with the main thread (measured on
 * 2 cores: loading and compiling the SigmaHQ corpus took 1,100–1,260 ms with the default and 950–980 ms with one
 * background thread; matching throughput did not change). Contract: `poolSizeFor(cores)` is cores − 1 (at least
 * 1) when that is below Node's default, else null (keep the default); `hasPoolSize` tells whether the process
 * was already given a pool size (on its command line or in NODE_OPTIONS), which the user's choice always wins.
 */
import { flagGiven } from '../node-flags.js';

/** Node's default number of V8 platform threads (`node --help`: --v8-pool-size). */
export const NODE_DEFAULT_POOL_SIZE = 4;

export function poolSizeFor(cores: number): number | null {
  const wanted = Math.max(1, Math.floor(cores) - 1);
  return wanted < NODE_DEFAULT_POOL_SIZE ? wanted : null;
}

export function hasPoolSize(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return flagGiven('--v8-pool-size', execArgv, nodeOptions);
}

/**
 * The `--v8-pool-size` argument of this process's own command line, for a child Node process that should run as
 * this one does (NODE_OPTIONS reaches children anyway); [] when none was given there.
 */
export function poolSizeArgs(execArgv: readonly string[]): string[] {
  const at = execArgv.findIndex((a) => a === '--v8-pool-size' || a.startsWith('--v8-pool-size='));
  if (at < 0) return [];
  const arg = execArgv[at] as string;
  return arg.includes('=') ? [arg] : [arg, ...(execArgv[at + 1] !== undefined ? [execArgv[at + 1] as string] : [])];
}

/** The pool size this process runs with: the one given on its command line or in NODE_OPTIONS, else Node's default. */
export function currentPoolSize(execArgv: readonly string[], nodeOptions: string | undefined): number {
  const args = [...(nodeOptions ?? '').split(/\s+/), ...execArgv];
  let size = NODE_DEFAULT_POOL_SIZE;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = arg.startsWith('--v8-pool-size=') ? arg.slice('--v8-pool-size='.length) : arg === '--v8-pool-size' ? args[i + 1] : undefined;
    if (value !== undefined && /^\d+$/.test(value)) size = Number(value);
  }
  return size;
}
