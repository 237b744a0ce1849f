/**
 * `sigmatest bench --workers N`: W2 (the rule set on every event, held in memory) on one worker thread and on N,
 * measured in the same run in interleaved rounds (one thread, then N threads, `runs` times), timed from a start
 * barrier (bench-protocol.ts) after every thread has loaded, compiled and warmed up, and after one untimed round.
 * Each thread holds its own matcher and all events; with N threads each takes blocks of events from a shared
 * counter until none is left (bench-protocol.ts). Reports events/s for both, the speedup (median over rounds of
 * one-thread time / N-thread time) and checks that the N threads together found exactly the matches of the single
 * pass. Input problems come back as `{ error }`.
 */
import { median, perSecond, sig } from '../bench/stats.js';
import { MODE, SLOT, slotCount } from './bench-protocol.js';
import type { BenchW2Setup, BenchWorkerResult, BenchWorkerTask } from './bench-worker.js';
import { WorkerPool } from './pool.js';

export interface ParallelThroughput {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  readonly eventsPerSecond: number;
}

export interface ParallelW2Figures {
  readonly workers: number;
  readonly rules: number;
  readonly events: number;
  readonly oneWorker: ParallelThroughput;
  readonly nWorkers: ParallelThroughput;
  /** Median over rounds of (one-thread time / N-thread time). */
  readonly speedup: number;
  /** Matches of the one-thread pass, and of the N chunks together (equal, or the run is an error). */
  readonly matches: number;
  /** Events each thread matched in the last N-thread round. */
  readonly chunks: readonly number[];
}

export interface ParallelW2Config {
  readonly setup: BenchW2Setup;
  readonly workers: number;
  readonly runs: number;
  /** Give up when a round or the loading takes longer (default 15 minutes). */
  readonly timeoutMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function figures(events: number, runsMs: readonly number[]): ParallelThroughput {
  const medianMs = median(runsMs);
  return { runsMs: runsMs.map((t) => Number(t.toFixed(3))), medianMs: Number(medianMs.toFixed(3)), eventsPerSecond: Math.round(perSecond(events, medianMs)) };
}

/** One command: bump the generation and block until every worker is done; milliseconds. */
function command(s: Int32Array, mode: number, workers: number, deadline: number): number {
  Atomics.store(s, SLOT.done, 0);
  Atomics.store(s, SLOT.next, 0);
  Atomics.store(s, SLOT.mode, mode);
  const start = performance.now();
  Atomics.add(s, SLOT.generation, 1);
  Atomics.notify(s, SLOT.generation);
  for (let done = Atomics.load(s, SLOT.done); done < workers; done = Atomics.load(s, SLOT.done)) {
    Atomics.wait(s, SLOT.done, done, 1000);
    if (performance.now() > deadline) throw new Error('bench workers did not finish a round in time');
  }
  const ms = performance.now() - start;
  if (Atomics.load(s, SLOT.failed) !== 0) throw new Error('a bench worker failed while matching');
  return ms;
}

/** Untimed rounds (one-thread pass, then N-thread pass) before the timed ones. */
const WARMUP_ROUNDS = 1;

export async function benchW2Parallel(config: ParallelW2Config): Promise<ParallelW2Figures | { error: string }> {
  const { workers } = config;
  const s = new Int32Array(new SharedArrayBuffer(slotCount(workers) * Int32Array.BYTES_PER_ELEMENT));
  const pool = new WorkerPool('bench-worker.js', workers);
  const timeout = config.timeoutMs ?? 15 * 60_000;
  let failure: unknown;
  const tasks = Array.from({ length: workers }, (_, id) =>
    pool.run<BenchWorkerResult>({ setup: config.setup, id, workers, shared: s.buffer as SharedArrayBuffer } satisfies BenchWorkerTask).catch((e: unknown) => {
      failure ??= e;
      return undefined;
    }),
  );
  try {
    const loadDeadline = performance.now() + timeout;
    while (Atomics.load(s, SLOT.ready) < workers && failure === undefined) {
      if (performance.now() > loadDeadline) return { error: 'bench workers did not get ready in time' };
      await sleep(5);
    }
    if (failure !== undefined) return { error: `bench worker failed: ${failure instanceof Error ? failure.message : String(failure)}` };
    const one: number[] = [];
    const many: number[] = [];
    // One untimed round first, as timeInterleaved gives every other workload: the first N-thread rounds ran 20–50 %
    // slower before it (measured when thread 0 alone had matched the events more than once).
    for (let round = -WARMUP_ROUNDS; round < config.runs; round++) {
      const deadline = performance.now() + timeout;
      const single = command(s, MODE.single, workers, deadline);
      const chunked = command(s, MODE.many, workers, deadline);
      if (round < 0) continue;
      one.push(single);
      many.push(chunked);
    }
    Atomics.store(s, SLOT.mode, MODE.stop);
    Atomics.add(s, SLOT.generation, 1);
    Atomics.notify(s, SLOT.generation);
    const results = (await Promise.all(tasks)).filter((r): r is BenchWorkerResult => r !== undefined);
    if (results.length !== workers) return { error: `bench worker failed: ${String(failure)}` };
    const taken = Array.from({ length: workers }, (_, i) => Atomics.load(s, SLOT.taken + i));
    return summarize(results, one, many, workers, taken);
  } finally {
    await pool.destroy();
  }
}

function summarize(results: readonly BenchWorkerResult[], one: readonly number[], many: readonly number[], workers: number, chunks: readonly number[]): ParallelW2Figures | { error: string } {
  const first = results.find((r) => r.id === 0)!;
  const failed = results.find((r) => r.error !== undefined);
  if (failed) return { error: `bench worker ${failed.id} failed: ${failed.error}` };
  if (results.some((r) => r.rules !== first.rules || r.events !== first.events)) return { error: 'bench workers loaded different rule sets or events' };
  const chunkMatches = results.reduce((n, r) => n + r.chunkMatches, 0);
  if (chunkMatches !== first.singleMatches) return { error: `W2 on ${workers} workers found ${chunkMatches} matches, on one worker ${first.singleMatches}` };
  const ratios = one.map((t, i) => t / (many[i] as number));
  return { workers, rules: first.rules, events: first.events, oneWorker: figures(first.events, one), nWorkers: figures(first.events, many), speedup: sig(median(ratios)), matches: first.singleMatches, chunks };
}
