/**
 * Worker-thread side of `sigmatest run --workers N` (tinypool): prepares the suite once (cached per options:
 * rules, cases, regression data loaded and paired exactly as on the main thread), then runs the entries a task
 * names (rules and correlation rules, by index into the suite) with runPreparedSuite, plus the whole-ruleset cross-check when asked.
 * Answers a partial RunReport (no suite-level problems or diagnostics: the main thread holds those) and the paths
 * of the rules it ran, so the main thread can check both sides index the same entries.
 */
import { prepareSuite, runPreparedSuite, type PreparedSuite, type RunOptions } from '../harness/run.js';
import type { RunReport } from '../report/model.js';
import { RulesetCrossCheck } from './cross-check.js';
import { withProblems } from './merge-run.js';
import { suiteChunk, workItemPath, type WorkItem } from './run-shard.js';

export type PrepareOptions = Omit<RunOptions, 'version' | 'onProgress' | 'now'>;

export interface RunTask {
  readonly prepare: PrepareOptions;
  readonly items: readonly WorkItem[];
  readonly version: string;
  readonly crossCheck: boolean;
}

export interface RunTaskResult {
  readonly report: RunReport;
  readonly paths: readonly string[];
  /** Rules and correlation rules of the worker's suite. */
  readonly size: number;
}

interface Prepared {
  readonly suite: PreparedSuite;
  crossCheck?: RulesetCrossCheck;
}

let cached: { key: string; prepared: Promise<Prepared> } | undefined;

function keyOf(prepare: PrepareOptions): string {
  return JSON.stringify({ ...prepare, changedFiles: prepare.changedFiles ? [...prepare.changedFiles].sort() : null });
}

export default async function runTask(task: RunTask): Promise<RunTaskResult> {
  const key = keyOf(task.prepare);
  if (cached?.key !== key) cached = { key, prepared: prepareSuite(task.prepare).then((suite) => ({ suite })) };
  const prepared = await cached.prepared;
  const chunk = suiteChunk(prepared.suite, task.items);
  const options = { policy: task.prepare.policy, version: task.version, ...(task.prepare.filter !== undefined ? { filter: task.prepare.filter } : {}) };
  let report = runPreparedSuite(chunk, options);
  if (task.crossCheck) {
    prepared.crossCheck ??= new RulesetCrossCheck(prepared.suite);
    report = withProblems(report, prepared.crossCheck.check(chunk.entries, task.prepare.filter));
  }
  const suite = prepared.suite;
  return { report, paths: task.items.map((item) => workItemPath(suite, item)), size: suite.entries.length + suite.sequences.length };
}
