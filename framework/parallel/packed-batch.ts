/**
 * A batch of raw records packed for a worker thread: the UTF-8 bytes of every record in one buffer, one row of
 * [index, line, start, end] per record in an Int32Array, and the rare records that are problems (too large,
 * broken) as they are. `transfer(batch)` lists the buffers to move (not copy) to the worker.
 * Why: the reading thread then only finds record boundaries and copies bytes once; decoding, parsing and matching
 * happen on the workers. Structured cloning thousands of small objects or strings costs the reading thread more
 * than parsing them would.
 * Contract: unpackBatch(packBatch(records)) gives the same records in the same order, each as bytes (a text
 * record's text is encoded as UTF-8) or as the same problem; recordText() of an unpacked record equals the
 * original's.
 */
import type { IndexedRaw } from './raw-batches.js';

export interface PackedBatch {
  readonly bytes: Uint8Array;
  /** Per record, 4 numbers: index, line, start and end of its bytes (start -1: the next of `problems`). */
  readonly rows: Int32Array;
  /** The records without text, in record order. */
  readonly problems: readonly IndexedRaw[];
}

const ROW = 4;

function recordBytes(record: IndexedRaw): Buffer | null {
  if ('bytes' in record) return record.bytes;
  return 'text' in record ? Buffer.from(record.text, 'utf8') : null;
}

export function packBatch(records: readonly IndexedRaw[]): PackedBatch {
  const rows = new Int32Array(records.length * ROW);
  const parts: (Buffer | null)[] = records.map(recordBytes);
  let size = 0;
  for (const part of parts) if (part) size += part.length;
  const bytes = new Uint8Array(size);
  const problems: IndexedRaw[] = [];
  let offset = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as IndexedRaw;
    const part = parts[i];
    const at = i * ROW;
    rows[at] = record.index;
    rows[at + 1] = record.line;
    if (part) {
      bytes.set(part, offset);
      rows[at + 2] = offset;
      offset += part.length;
      rows[at + 3] = offset;
    } else {
      problems.push(record);
      rows[at + 2] = -1;
      rows[at + 3] = -1;
    }
  }
  return { bytes, rows, problems };
}

/** The buffers of a packed batch, to move to the worker instead of copying them. */
export function transfer(batch: PackedBatch): ArrayBuffer[] {
  return [batch.bytes.buffer as ArrayBuffer, batch.rows.buffer as ArrayBuffer];
}

export function unpackBatch(batch: PackedBatch): IndexedRaw[] {
  const { rows, problems } = batch;
  const all = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const records: IndexedRaw[] = [];
  let problem = 0;
  for (let at = 0; at < rows.length; at += ROW) {
    const start = rows[at + 2] as number;
    if (start < 0) records.push(problems[problem++] as IndexedRaw);
    else records.push({ index: rows[at] as number, line: rows[at + 1] as number, bytes: all.subarray(start, rows[at + 3] as number) });
  }
  return records;
}
