/**
 * A smaller inlining budget for V8's optimising compiler (TurboFan) while rules load and compile.
 * Why: loading runs a few hundred distinct functions a few thousand times each. V8 optimises each hot one on a
 * background thread, inlining its callees up to a budget of 920 bytecode bytes. With one background thread (what a
 * 2-core machine runs, cli/v8-pool.ts), the compile jobs of a SigmaHQ corpus load added up to about 950 ms for a
 * 1,000 ms load: that thread was never idle, and hot functions waited in its queue, running unoptimised. With a
 * budget of LOAD_BUDGET the jobs are smaller and start sooner: load + compile took 740–760 ms against 880–980 ms
 * (interleaved cold runs). Matching keeps V8's budget: it is restored when loading ends, and the functions that
 * match events are first optimised after that.
 * Contract: `withLoadBudget(run)` runs `run` (sync, or async: until its promise settles) with the budget lowered;
 * nested and overlapping calls lower it once and restore V8's default when the last one ends; the results of `run`
 * never depend on it (only V8's heuristics change). It does nothing in worker threads (the flag is per process, and
 * workers would restore it under each other), when the user set the flag (command line or NODE_OPTIONS), or with
 * SIGMATEST_V8_INLINING=node.
 */
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { flagGiven } from './node-flags.js';

export const INLINING_FLAG = '--max-inlined-bytecode-size-cumulative';
/** V8's default for INLINING_FLAG (flag-definitions.h; jit-budget.test.ts checks it against `node --v8-options`). */
export const V8_DEFAULT_BUDGET = 920;
/** The budget while loading: 50–200 measured alike (noise); none at all was slower. */
export const LOAD_BUDGET = 100;

/** Whether this process may change the budget (see the header). */
export function budgetTunable(execArgv: readonly string[], nodeOptions: string | undefined, env: Readonly<Record<string, string | undefined>>, mainThread: boolean): boolean {
  return mainThread && env['SIGMATEST_V8_INLINING'] !== 'node' && !flagGiven(INLINING_FLAG, execArgv, nodeOptions);
}

/** The budget switch, over a flag setter (V8's, or a recorder in tests). */
export class LoadBudget {
  private depth = 0;

  constructor(
    private readonly setFlags: (flags: string) => void,
    private readonly tunable: boolean,
  ) {}

  run<T>(run: () => T): T {
    if (!this.tunable) return run();
    this.enter();
    let result: T;
    try {
      result = run();
    } catch (error) {
      this.leave();
      throw error;
    }
    if (result instanceof Promise) return result.finally(() => this.leave()) as T;
    this.leave();
    return result;
  }

  private enter(): void {
    if (this.depth++ === 0) this.setFlags(`${INLINING_FLAG}=${LOAD_BUDGET}`);
  }

  private leave(): void {
    if (--this.depth === 0) this.setFlags(`${INLINING_FLAG}=${V8_DEFAULT_BUDGET}`);
  }
}

const tunableHere = budgetTunable(process.execArgv, process.env['NODE_OPTIONS'], process.env, isMainThread);
const processBudget = new LoadBudget(setFlagsFromString, tunableHere);

/** The budget this process loads with, or null when it keeps V8's (not tunable, see the header). */
export function loadInliningBudget(): number | null {
  return tunableHere ? LOAD_BUDGET : null;
}

/** Runs `run` with the load budget (see the header). */
export function withLoadBudget<T>(run: () => T): T {
  return processBudget.run(run);
}
