/**
 * `sigmatest fuzz --workers N`: the rules split into tasks of TASK_SIZE, fuzzed on N worker threads (tinypool);
 * results merged and sorted by rule path exactly as the single-threaded run sorts them, so the report is the
 * same whatever N is (each rule's seed depends only on the run's seed and the rule id).
 */
import { Tinypool } from 'tinypool';
import { fuzzTotals } from '../../../generators/fuzz/run-fuzz.js';
import type { FuzzReport, RuleFuzzResult } from '../../../generators/fuzz/types.js';
import type { PreparedRule, RulesetOptions } from '../../ruleset/build-ruleset.js';
import type { FuzzTask } from './fuzz-worker.js';

const TASK_SIZE = 25;

export interface WorkerFuzzOptions {
  readonly workers: number;
  readonly rules: readonly string[];
  readonly ruleset: Omit<RulesetOptions, 'unresolvedPlaceholder'>;
  readonly runs: number;
  readonly seed: number;
  readonly replay?: string;
  readonly collectExamples: boolean;
  readonly version: string;
  readonly onProgress?: (done: number, total: number) => void;
}

const key = (r: PreparedRule): string => `${r.ir.path}\u0000${r.ir.id}`;

export async function fuzzInWorkers(rules: readonly PreparedRule[], options: WorkerFuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const pool = new Tinypool({ filename: new URL('./fuzz-worker.js', import.meta.url).href, minThreads: options.workers, maxThreads: options.workers });
  const sorted = [...rules].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  let done = 0;
  try {
    const tasks: Promise<RuleFuzzResult[]>[] = [];
    for (let i = 0; i < sorted.length; i += TASK_SIZE) {
      const ids = sorted.slice(i, i + TASK_SIZE).map(key);
      const task: FuzzTask = { rules: options.rules, ruleset: options.ruleset, ids, runs: options.runs, seed: options.seed, collectExamples: options.collectExamples, ...(options.replay ? { replay: options.replay } : {}) };
      tasks.push(
        (pool.run(task) as Promise<RuleFuzzResult[]>).then((r) => {
          done += ids.length;
          options.onProgress?.(done, sorted.length);
          return r;
        }),
      );
    }
    const results = (await Promise.all(tasks)).flat().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.id < b.id ? -1 : 1));
    return { tool: { name: 'sigmatest', version: options.version }, seed: options.seed, runs: options.runs, rules: results, correlations: [], totals: fuzzTotals(results), durationMs: Math.round(performance.now() - started) };
  } finally {
    await pool.destroy();
  }
}
