/**
 * `sigmatest run` with --shard and --workers, over a suite prepared on the main thread:
 *  - the shard's part of the suite (run-shard.ts; the whole suite without --shard);
 *  - one worker: runPreparedSuite on it; N workers: the suite-level items here, the rules (then the correlation
 *    rules) in contiguous chunks of about equal event counts on N worker threads (run-worker.ts), the parts merged
 *    (merge-run.ts) — the report is the same as with one worker;
 *  - optionally the whole-ruleset cross-check (cross-check.ts) on every selected case, its problems added.
 * `durationMs` is left to the caller (it includes the loading).
 */
import { runPreparedSuite, type PreparedSuite } from '../harness/run.js';
import type { RunReport } from '../report/model.js';
import { RulesetCrossCheck } from './cross-check.js';
import { mergeRunReports, withProblems } from './merge-run.js';
import { WorkerPool } from './pool.js';
import type { PrepareOptions, RunTask, RunTaskResult } from './run-worker.js';
import { shardSuite, suiteHead, workItemPath, workItems, workWeight, type WorkItem } from './run-shard.js';
import type { Shard } from './shard.js';

export interface SuitePartOptions {
  readonly prepare: PrepareOptions;
  readonly version: string;
  readonly workers: number;
  readonly shard?: Shard;
  readonly crossCheck: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Chunks per worker: enough to balance uneven rules, few enough to keep messaging cheap. */
const CHUNKS_PER_WORKER = 4;

export async function runSuiteParts(suite: PreparedSuite, options: SuitePartOptions): Promise<RunReport> {
  const part = options.shard ? shardSuite(suite, options.shard) : suite;
  const run = { policy: options.prepare.policy, version: options.version, ...(options.prepare.filter !== undefined ? { filter: options.prepare.filter } : {}) };
  if (options.workers <= 1) {
    const report = runPreparedSuite(part, { ...run, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    return options.crossCheck ? withProblems(report, new RulesetCrossCheck(suite).check(part.entries, options.prepare.filter)) : report;
  }
  const head = runPreparedSuite(suiteHead(part), run);
  const items = workItems(suite, part);
  const chunks = contiguousChunks(items, (item) => workWeight(suite, item), options.workers * CHUNKS_PER_WORKER);
  const pool = new WorkerPool('run-worker.js', options.workers);
  let done = 0;
  try {
    options.onProgress?.(0, items.length);
    const parts = await Promise.all(
      chunks.map(async (chunk) => {
        const result = await pool.run<RunTaskResult>({ prepare: options.prepare, items: chunk, version: options.version, crossCheck: options.crossCheck } satisfies RunTask);
        checkSameSuite(suite, chunk, result);
        done += chunk.length;
        options.onProgress?.(done, items.length);
        return result.report;
      }),
    );
    return mergeRunReports([head, ...parts]);
  } finally {
    await pool.destroy();
  }
}

function checkSameSuite(suite: PreparedSuite, chunk: readonly WorkItem[], result: RunTaskResult): void {
  const same = result.size === suite.entries.length + suite.sequences.length && chunk.every((item, k) => workItemPath(suite, item) === result.paths[k]);
  if (!same) throw new Error('run worker prepared a different suite than the main thread');
}

/** `items` cut, in order, into at most `count` runs of about equal total weight. */
export function contiguousChunks<T>(items: readonly T[], weight: (item: T) => number, count: number): T[][] {
  const total = items.reduce((s, item) => s + weight(item), 0);
  const target = total / Math.max(1, count);
  const chunks: T[][] = [];
  let current: T[] = [];
  let sum = 0;
  for (const item of items) {
    current.push(item);
    sum += weight(item);
    if (sum >= target * (chunks.length + 1) && chunks.length < count - 1) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
