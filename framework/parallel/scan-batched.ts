/**
 * One events file through batched matching: raw records read in batches (raw-batches.ts), each batch decided by
 * `decide` (in this thread, or on a worker of the pool), results handed to the sink strictly in file order with
 * at most `inFlight` batches outstanding. An I/O error is handed over after every batch read before it, as
 * readEvents orders it. The caller turns results into output, so output is the same for any `decide`.
 */
import type { Diagnostic } from '../diagnostics.js';
import { OrderedWindow } from './pool.js';
import { readRawBatches, type IndexedRaw } from './raw-batches.js';
import type { BatchResult } from './scan-batch.js';

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
