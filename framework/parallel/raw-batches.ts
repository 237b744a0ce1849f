/**
 * readRawBatches: the records of one events file as unparsed text, in batches, for matching off the reading
 * thread (worker threads parse, adapt and match) and for `--shard` on events (records of other shards are never
 * parsed). Same splitting, numbering and I/O-error contract as events/read-events.ts: `index` counts every
 * record of the file (malformed ones included), a file that cannot be opened or read ends the stream with one
 * `io-error` item after the batches read before the failure. With `keep`, only records whose index it accepts
 * are batched. Memory: one chunk plus one batch.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { rawRecordChunks } from '../events/raw-stream.js';
import type { RawRecord } from '../events/raw-record.js';
import { DEFAULT_MAX_RECORD_BYTES, formatOf, splitterFor } from '../events/read-events.js';
import { spanAt } from '../source.js';

/** A record's text (or the splitter's problem with it) and its 0-based index in the file. */
export type IndexedRaw = RawRecord & { readonly index: number };

export type RawBatchItem =
  | { readonly kind: 'batch'; readonly records: IndexedRaw[] }
  /** The file could not be opened or read: `index` is the number of records read before. */
  | { readonly kind: 'io-error'; readonly index: number; readonly diagnostic: Diagnostic };

export interface RawBatchOptions {
  /** Records per batch (default 2000). */
  readonly batchSize?: number;
  /** Only records whose index this accepts are batched (default: all). */
  readonly keep?: (index: number) => boolean;
  readonly maxRecordBytes?: number;
  /** JSON Lines records as undecoded bytes (for worker threads, packed-batch.ts); default: text. */
  readonly bytes?: boolean;
}

export const DEFAULT_BATCH_SIZE = 2000;

/** The record with its index: an object literal of one shape per kind (a spread cost the reading thread ~1 µs). */
function withIndex(raw: RawRecord, index: number): IndexedRaw {
  if ('bytes' in raw) return { line: raw.line, bytes: raw.bytes, index };
  if ('text' in raw) return { line: raw.line, text: raw.text, index };
  return { line: raw.line, problem: raw.problem, message: raw.message, index };
}

function ioError(path: string, index: number, line: number, message: string): RawBatchItem {
  return { kind: 'io-error', index, diagnostic: diagnostic('IO_ERROR', 'error', message, spanAt(path, line, 1)) };
}

export async function* readRawBatches(path: string, options: RawBatchOptions = {}): AsyncGenerator<RawBatchItem> {
  const splitter = splitterFor(formatOf(path), options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, options.bytes ?? false);
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const keep = options.keep;
  let batch: IndexedRaw[] = [];
  let index = 0;
  for await (const item of rawRecordChunks(path, splitter)) {
    if (item.kind === 'io-error') {
      if (batch.length > 0) yield { kind: 'batch', records: batch };
      yield ioError(path, index, item.line, item.message);
      return;
    }
    for (const raw of item.records) {
      const i = index++;
      if (keep && !keep(i)) continue;
      batch.push(withIndex(raw, i));
      if (batch.length >= size) {
        yield { kind: 'batch', records: batch };
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield { kind: 'batch', records: batch };
}
