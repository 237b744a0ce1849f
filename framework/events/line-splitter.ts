/**
 * JSON Lines splitter (`.jsonl`, `.ndjson`): every non-blank line is one record, reported with its 1-based line
 * number. Lines end at LF; a CR before it (CRLF files) is whitespace for JSON.parse. Blank (whitespace-only) lines
 * are skipped. A line longer than `maxRecordBytes` yields one EVENT_TOO_LARGE problem and is discarded up to its
 * newline without being buffered, so memory stays bounded by the limit plus one chunk. A UTF-8 BOM at the start of
 * the file is dropped. Old-Mac CR-only line endings are not supported (the whole file would be one line).
 * With `bytes`, records carry their undecoded bytes instead of their text (for worker threads to decode).
 */
import { BomFilter, isWhitespaceByte, LF, PendingBytes, tooLarge, type RawRecord, type RecordSplitter } from './raw-record.js';

function isBlank(chunk: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespaceByte(chunk[i]!)) return false;
  return true;
}

export class LineSplitter implements RecordSplitter {
  private line = 1;
  private readonly pending = new PendingBytes();
  /** The current line already overflowed the limit: drop its bytes until the newline. */
  private discarding = false;
  /** The pending bytes hold something other than whitespace. */
  private pendingHasContent = false;
  private readonly bom = new BomFilter();

  constructor(
    private readonly maxRecordBytes: number,
    private readonly bytes = false,
  ) {}

  get currentLine(): number {
    return this.line;
  }

  push(input: Buffer, out: RawRecord[]): void {
    const chunk = this.bom.filter(input);
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, start);
      if (newline === -1) {
        this.keep(chunk, start, out);
        return;
      }
      this.finishLine(chunk, start, newline, out);
      start = newline + 1;
    }
  }

  end(out: RawRecord[]): void {
    const held = this.bom.flush();
    if (held.length > 0) this.push(held, out);
    if (this.pending.byteLength > 0 || this.discarding) this.finishLine(Buffer.alloc(0), 0, 0, out);
  }

  private keep(chunk: Buffer, start: number, out: RawRecord[]): void {
    if (this.discarding || start >= chunk.length) return;
    if (!this.pendingHasContent) this.pendingHasContent = !isBlank(chunk, start, chunk.length);
    this.pending.add(chunk.subarray(start));
    if (this.pending.byteLength > this.maxRecordBytes) {
      out.push(tooLarge(this.line, this.maxRecordBytes));
      this.pending.clear();
      this.discarding = true;
    }
  }

  private finishLine(chunk: Buffer, start: number, end: number, out: RawRecord[]): void {
    const line = this.line;
    this.line++;
    if (this.discarding) {
      this.discarding = false;
      this.pendingHasContent = false;
      return;
    }
    const size = this.pending.byteLength + (end - start);
    const blank = !this.pendingHasContent && isBlank(chunk, start, end);
    this.pendingHasContent = false;
    if (blank) {
      this.pending.clear();
    } else if (size > this.maxRecordBytes) {
      this.pending.clear();
      out.push(tooLarge(line, this.maxRecordBytes));
    } else {
      out.push(this.bytes ? { line, bytes: this.pending.takeBytes(chunk, start, end) } : { line, text: this.pending.takeText(chunk, start, end) });
    }
  }
}
