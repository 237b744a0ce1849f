/**
 * One events file through batched matching: raw records read in batches (raw-batches.ts), each batch decided by
 * `decide` (in this thread, or on a worker of the pool), results handed to the sink strictly in file order with
 * at most `inFlight` batches outstanding. An I/O error is handed over after every batch read before it, as
 * readEvents orders it. The caller turns results into output, so output is the same for any `decide`.
 */
import type { Diagnostic } from '../diagnostics.js';
import { BufferPool, packBatch, transfer } from './packed-batch.js';
import { OrderedWindow, type WorkerPool } from './pool.js';
import { readRawBatches, type IndexedRaw } from './raw-batches.js';
import type { BatchResult } from './scan-batch.js';
import type { ScanSetup, ScanTask, ScanTaskResult } from './scan-worker.js';

export interface BatchedScanSink {
  batch(result: BatchResult): void;
  ioError(diagnostic: Diagnostic): void;
}

export interface BatchedScanOptions {
  readonly inFlight: number;
  readonly batchSize?: number;
  /** Only records whose index this accepts (`--shard` on events). */
  readonly keep?: (index: number) => boolean;
  /** Records as undecoded bytes (when `decide` sends them to a worker thread: see packed-batch.ts). */
  readonly bytes?: boolean;
}

export type DecideBatch = (source: string, records: readonly IndexedRaw[]) => Promise<BatchResult>;

/**
 * Batches decided by scan workers (scan-worker.ts): each batch packed into pooled buffers and moved to a worker,
 * which moves them back with its answer for the next batch. Rejects when a worker indexes another number of rules
 * than `ruleCount` (the main thread's list, which names the matches).
 */
export function decideOnWorkers(pool: WorkerPool, setup: ScanSetup, ruleCount: number): DecideBatch {
  const buffers = new BufferPool();
  return async (source, records) => {
    const batch = packBatch(records, buffers);
    const result = await pool.run<ScanTaskResult>({ setup, source, batch } satisfies ScanTask, transfer(batch));
    buffers.give(result.returned);
    if (result.rules !== ruleCount) throw new Error(`scan worker loaded ${result.rules} rules, the main thread ${ruleCount}`);
    return result;
  };
}

export async function scanFileBatched(file: string, decide: DecideBatch, sink: BatchedScanSink, options: BatchedScanOptions): Promise<void> {
  const window = new OrderedWindow<BatchResult>(Math.max(1, options.inFlight), (r) => sink.batch(r));
  const reading = { ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(options.keep ? { keep: options.keep } : {}), bytes: options.bytes ?? false };
  for await (const item of readRawBatches(file, reading)) {
    if (item.kind === 'io-error') {
      await window.drain();
      sink.ioError(item.diagnostic);
      continue;
    }
    await window.push(decide(file, item.records));
  }
  await window.drain();
}
