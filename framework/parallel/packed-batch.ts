/**
 * A batch of raw records packed for a worker thread: the UTF-8 bytes of every record in one buffer, one row of
 * [index, line, start, end] per record in an Int32Array, and the rare records that are problems (too large,
 * broken) as they are. `transfer(batch)` lists the buffers to move (not copy) to the worker.
 * Why: the reading thread then only finds record boundaries and copies bytes once; decoding, parsing and matching
 * happen on the workers. Structured cloning thousands of small objects or strings costs the reading thread more
 * than parsing them would.
 * Contract: unpackBatch(packBatch(records)), and PackedRecords record by record, give the same records in the
 * same order, each as text (decoded from the UTF-8 bytes, as recordText() decodes a bytes record) or as the same
 * problem; recordText() of an unpacked record equals the original's.
 * Buffers go round: the worker moves a batch's buffers back with its answer (scan-worker.ts), and a BufferPool
 * hands them to the next packBatch. Why: a fresh buffer per batch is external memory that only a full garbage
 * collection frees once its wrapper has outlived a few young collections (a batch takes tens of milliseconds),
 * and a full collection of a worker, which holds a compiled rule set, costs as much as matching thousands of events.
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

/** Spare ArrayBuffers for packBatch: the ones workers gave back, at most `limit` kept. */
export class BufferPool {
  private readonly buffers: ArrayBuffer[] = [];

  constructor(private readonly limit = 16) {}

  /** Buffers kept for reuse. */
  get spare(): number {
    return this.buffers.length;
  }

  /** A buffer of at least `size` bytes (a spare one when one is large enough). */
  take(size: number): ArrayBuffer {
    const i = this.buffers.findIndex((b) => b.byteLength >= size);
    return i >= 0 ? (this.buffers.splice(i, 1)[0] as ArrayBuffer) : new ArrayBuffer(Math.max(size, 1024));
  }

  /** Gives back the buffers of a batch a worker has returned (detached or foreign ones are ignored). */
  give(batch: PackedBatch | undefined): void {
    if (!batch) return;
    for (const buffer of [batch.bytes.buffer, batch.rows.buffer]) {
      if (buffer instanceof ArrayBuffer && buffer.byteLength > 0 && this.buffers.length < this.limit && !this.buffers.includes(buffer)) this.buffers.push(buffer);
    }
  }
}

/** `pool`: where the buffers come from (default: fresh ones). */
export function packBatch(records: readonly IndexedRaw[], pool?: BufferPool): PackedBatch {
  const rowCount = records.length * ROW;
  const rows = pool ? new Int32Array(pool.take(rowCount * 4), 0, rowCount) : new Int32Array(rowCount);
  const parts: (Buffer | null)[] = records.map(recordBytes);
  let size = 0;
  for (const part of parts) if (part) size += part.length;
  const bytes = pool ? new Uint8Array(pool.take(size), 0, size) : new Uint8Array(size);
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

/** Records read by position, one at a time: an array of them, or a packed batch (PackedRecords). */
export interface RecordList {
  readonly length: number;
  at(index: number): IndexedRaw | undefined;
}

/**
 * The records of a packed batch, each decoded when it is asked for (`at`). Why not all at once: decoding a record
 * just before it is parsed reads its bytes and text while they are in cache, and a batch's text (megabytes) is
 * never alive at once (measured ≈ 3 % of a scan worker's time per event).
 */
export class PackedRecords implements RecordList {
  readonly length: number;
  private readonly all: Buffer;
  /** Row → its problem record, for the rows without text. */
  private readonly problemAt = new Map<number, IndexedRaw>();

  constructor(private readonly batch: PackedBatch) {
    const { rows, problems, bytes } = batch;
    this.length = rows.length / ROW;
    this.all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let problem = 0;
    if (problems.length > 0) for (let at = 0; at < rows.length; at += ROW) if ((rows[at + 2] as number) < 0) this.problemAt.set(at / ROW, problems[problem++] as IndexedRaw);
  }

  at(index: number): IndexedRaw | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const rows = this.batch.rows;
    const at = index * ROW;
    const start = rows[at + 2] as number;
    if (start < 0) return this.problemAt.get(index);
    return { index: rows[at] as number, line: rows[at + 1] as number, text: this.all.toString('utf8', start, rows[at + 3] as number) };
  }
}

/** Every record of a packed batch, decoded (PackedRecords, all at once). */
export function unpackBatch(batch: PackedBatch): IndexedRaw[] {
  const records = new PackedRecords(batch);
  return Array.from({ length: records.length }, (_, i) => records.at(i) as IndexedRaw);
}
