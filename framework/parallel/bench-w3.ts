/**
 * `bench --workers N`, W3 on worker threads: the same end-to-end path as `scan --workers N` (this thread reads,
 * gunzips and splits raw records; N workers parse, adapt and match batches; match records are formatted here in
 * file order) over the bench's .jsonl.gz files one after the other, timed in interleaved rounds beside the one-thread
 * parse-only pass over the same files. Workers load and compile the rule set before the first round (not timed); the timed rounds follow N
 * untimed warm-up rounds, so that each worker has matched as many events as the one-thread W3 after its one warm-up
 * round. Out: both throughputs and `timeOverParse`, the median of the per-round ratios (W3 time / parse-only time).
 */
import { parseOnlyPass } from '../bench/workloads.js';
import { median, medianRatio, perSecond, timeInterleaved } from '../bench/stats.js';
import type { ParallelThroughput } from './bench-w2.js';
import { MatchRecordFormatter, type MatchRecordRule } from '../report/match-record.js';
import { packBatch } from './packed-batch.js';
import { WorkerPool } from './pool.js';
import { decideOnWorkers, scanFileBatched } from './scan-batched.js';
import type { ScanSetup, ScanTask, ScanTaskResult } from './scan-worker.js';

export interface ParallelW3Figures {
  readonly workers: number;
  readonly files: readonly string[];
  readonly events: number;
  readonly matches: number;
  readonly endToEnd: ParallelThroughput;
  readonly parseOnly: ParallelThroughput;
  /** Median over rounds of (W3 time on N workers / one-thread parse-only time). */
  readonly timeOverParse: number;
  /** Untimed rounds before the timed ones (one per worker). */
  readonly warmupRounds: number;
  /** Measured in a child process with a fresh heap (bench-w3-isolated.ts). */
  readonly isolated?: boolean;
}

export interface ParallelW3Config {
  readonly setup: ScanSetup;
  /** The rules in the order the workers index them (scanRuleOrder), for the match records. */
  readonly rules: readonly MatchRecordRule[];
  readonly files: readonly string[];
  readonly workers: number;
  readonly runs: number;
}

function figures(events: number, runsMs: readonly number[]): ParallelThroughput {
  const medianMs = median(runsMs);
  return { runsMs: runsMs.map((t) => Number(t.toFixed(3))), medianMs: Number(medianMs.toFixed(3)), eventsPerSecond: Math.round(perSecond(events, medianMs)) };
}

export async function benchW3Parallel(config: ParallelW3Config): Promise<ParallelW3Figures | { error: string }> {
  const pool = new WorkerPool('scan-worker.js', config.workers);
  try {
    const warm = await pool.warm<ScanTaskResult>({ setup: config.setup, source: '', batch: packBatch([]) } satisfies ScanTask);
    if (warm.some((w) => w.rules !== config.rules.length)) return { error: `W3 workers loaded ${warm.map((w) => w.rules).join('/')} rules, the main thread ${config.rules.length}` };
    let events = 0;
    let matches = 0;
    let outputChars = 0;
    const parseOnly = parseOnlyPass(config.files);
    const formatter = new MatchRecordFormatter();
    const decide = decideOnWorkers(pool, config.setup, config.rules.length);
    const scanOne = (file: string): Promise<void> =>
      scanFileBatched(
        file,
        decide,
        {
          batch: (result) => {
            events += result.events;
            for (let i = 0; i < result.hits.length; i += 2) {
              outputChars += formatter.line(config.rules[result.hits[i + 1] as number] as MatchRecordRule, file, result.hits[i] as number).length;
              matches++;
            }
          },
          ioError: (d) => {
            throw new Error(d.message);
          },
        },
        { inFlight: 2 * config.workers + 1, bytes: true },
      );
    const endToEnd = async (): Promise<void> => {
      events = 0;
      matches = 0;
      for (const file of config.files) await scanOne(file);
    };
    // Untimed warm-up rounds: one per worker, so that each worker has matched as many events before the timed rounds
    // as the one-thread pass has after its one warm-up round (a worker sees 1/N of the events per round).
    const warmupRounds = Math.max(1, config.workers);
    const [parseMs, w3Ms] = (await timeInterleaved(config.runs, [parseOnly.run, endToEnd], undefined, warmupRounds)) as [number[], number[]];
    const parsed = parseOnly.result();
    if (parsed !== events) return { error: `W3 on workers read ${events} events, the parse-only pass ${parsed}` };
    return { workers: config.workers, files: config.files, events, matches, endToEnd: figures(events, w3Ms), parseOnly: figures(parsed, parseMs), timeOverParse: Number(medianRatio(w3Ms, parseMs).toFixed(3)), warmupRounds };
  } finally {
    await pool.destroy();
  }
}

export function parallelW3Summary(p: ParallelW3Figures): string {
  return `W3 on ${p.workers} worker threads${p.isolated ? ', in a child process' : ''} (this thread reads and splits, workers parse, adapt and match): ${p.endToEnd.eventsPerSecond.toLocaleString('en-US')}/s end to end vs ${p.parseOnly.eventsPerSecond.toLocaleString('en-US')}/s parse-only on one thread: time ${p.timeOverParse}× the parse-only pass (median of per-round ratios, after ${p.warmupRounds} warm-up rounds); ${p.matches} matches`;
}
