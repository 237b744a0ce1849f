/**
 * rawRecordChunks: the raw records of one events file, chunk by chunk, for the readers that parse them here
 * (read-events.ts) or elsewhere (parallel/raw-batches.ts). Out: the records each chunk completes, in file order
 * (an array per chunk, never reused; chunks that complete none are skipped), or one `io-error` item that ends the
 * stream — the file cannot be opened (line 1) or a read or decompression fails (the line the splitter reached).
 * The byte source is closed when the stream ends or is abandoned. Never throws for bad input.
 */
import { describeIoError, openByteSource } from './byte-source.js';
import type { RawRecord, RecordSplitter } from './raw-record.js';

export type RawChunkItem =
  | { readonly kind: 'records'; readonly records: readonly RawRecord[] }
  | { readonly kind: 'io-error'; readonly line: number; readonly message: string };

export async function* rawRecordChunks(path: string, splitter: RecordSplitter): AsyncGenerator<RawChunkItem> {
  const opened = await openByteSource(path);
  if (!opened.ok) {
    yield { kind: 'io-error', line: 1, message: `cannot open events file: ${opened.message}` };
    return;
  }
  const { chunks } = opened.source;
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        const what = opened.source.gzip ? 'cannot read or decompress events file' : 'cannot read events file';
        yield { kind: 'io-error', line: splitter.currentLine, message: `${what}: ${describeIoError(error)}` };
        return;
      }
      const records: RawRecord[] = [];
      if (next.done) splitter.end(records);
      else splitter.push(next.value, records);
      if (records.length > 0) yield { kind: 'records', records };
      if (next.done) return;
    }
  } finally {
    opened.source.close();
  }
}
