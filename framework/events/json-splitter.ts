/**
 * Streaming splitter for `.json` files: one object, an array of objects (`[ {...}, {...} ]`), or several
 * concatenated objects, pretty-printed or not (SigmaHQ regression_data; JSON Lines content works too). It scans
 * bytes (UTF-8 multi-byte sequences never contain ASCII bytes, so this is safe), tracking string/escape state and
 * the nesting depth, and cuts each top-level value (or array element) into one record with its starting line.
 *
 * Damage control (each problem is reported at the line where the broken record starts):
 * - a raw line break inside a string (JSON forbids it; in practice an unterminated string) ends the record as
 *   EVENT_MALFORMED;
 * - a `{` at a "resync point" while a record is still open ends that record as EVENT_MALFORMED (unterminated) and
 *   starts a new one there. A resync point is a `{` preceded only by whitespace on its line, at column 1 for
 *   concatenated objects, or at the column of the first element for a pretty-printed array (a compact array has
 *   none). Valid JSON that puts a nested `{` at that column would be mis-cut; pretty-printers never do;
 * - stray top-level text (not `{`, `[`) is one record running to the end of its line (JSON.parse rejects it);
 * - after an unterminated string, data after the closing `]`, or a record over `maxRecordBytes` (EVENT_TOO_LARGE),
 *   everything is skipped up to the next resync point;
 * - end of input inside a record, or an array never closed, is one EVENT_MALFORMED problem.
 * A record whose brackets balance is handed over as text even if it is not valid JSON (JSON.parse decides).
 * Memory: the current record (at most `maxRecordBytes` plus one chunk) and nothing else.
 */
import { BomFilter, isWhitespaceByte, LF, PendingBytes, tooLarge, type RawRecord, type RecordSplitter } from './raw-record.js';

const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

type Mode = 'detect' | 'objects' | 'array' | 'after-array';

export class JsonSplitter implements RecordSplitter {
  private mode: Mode = 'detect';
  /** Depth of the records' own level: 0 for concatenated objects, 1 inside a top-level array. */
  private base = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private skipping = false;
  private inRecord = false;
  /** The record is a top-level scalar (or stray text), not an object/array. */
  private scalar = false;
  private recordLine = 0;
  /** Index in the current chunk where the open record's bytes start (0 when it began in an earlier chunk). */
  private recordStart = 0;
  /** Byte offset of the open record in the stream (after any BOM). */
  private recordStartOffset = 0;
  private readonly pending = new PendingBytes();
  private line = 1;
  private lineBlank = true;
  private lineStartOffset = 0;
  private chunkOffset = 0;
  private resyncColumn = 0;
  private firstElementSeen = false;
  private readonly bom = new BomFilter();

  constructor(private readonly maxRecordBytes: number) {}

  get currentLine(): number {
    return this.line;
  }

  push(input: Buffer, out: RawRecord[]): void {
    const chunk = this.bom.filter(input);
    let i = 0;
    this.recordStart = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.inRecord && this.chunkOffset + i - this.recordStartOffset >= this.maxRecordBytes) this.abandonTooLarge(out);
      if (this.inString) {
        i = this.scanString(chunk, i, this.stringScanEnd(n), out);
        continue;
      }
      const b = chunk[i]!;
      if (b === SPACE) {
        i++; // indentation: no effect in any state outside strings (fast path)
        continue;
      }
      if (b === LF) this.newline(chunk, i, out);
      else if (this.skipping) this.skip(b, i);
      else if (this.inRecord) this.inside(b, chunk, i, out);
      else this.between(b, i, out);
      i++;
    }
    this.keepOpenRecord(chunk);
    this.chunkOffset += n;
  }

  end(out: RawRecord[]): void {
    const held = this.bom.flush();
    if (held.length > 0) this.push(held, out);
    if (this.inRecord && this.scalar && !this.inString) {
      this.endRecord(Buffer.alloc(0), 0, out);
    } else if (this.inRecord) {
      this.fail(out, 'unexpected end of input inside this record', false);
      return;
    }
    if (this.mode === 'array' && !this.skipping) {
      out.push({ line: this.line, problem: 'EVENT_MALFORMED', message: 'end of input before the closing ] of the array' });
    }
  }

  private column(i: number): number {
    return this.chunkOffset + i - this.lineStartOffset + 1;
  }

  private isResyncPoint(i: number): boolean {
    return this.lineBlank && this.resyncColumn > 0 && this.column(i) === this.resyncColumn;
  }

  /** Where a string scan must stop: the chunk end, or the byte that would take the record over the limit. */
  private stringScanEnd(n: number): number {
    if (!this.inRecord) return n;
    return Math.min(n, this.recordStartOffset + this.maxRecordBytes - this.chunkOffset);
  }

  /** Inside a string: run to the closing quote; a raw line break is left for `newline` after failing the record. */
  private scanString(chunk: Buffer, i: number, end: number, out: RawRecord[]): number {
    let escaped = this.escaped;
    for (; i < end; i++) {
      const b = chunk[i]!;
      if (b === LF) {
        this.inString = false;
        this.escaped = false;
        if (this.inRecord) this.fail(out, `line break inside a string (line ${this.line}): unterminated string`, true);
        return i;
      }
      if (escaped) escaped = false;
      else if (b === BACKSLASH) escaped = true;
      else if (b === QUOTE) {
        this.inString = false;
        this.escaped = false;
        return i + 1;
      }
    }
    this.escaped = escaped;
    return i;
  }

  private newline(chunk: Buffer, i: number, out: RawRecord[]): void {
    if (this.inRecord && this.scalar) this.endRecord(chunk, i, out);
    this.line++;
    this.lineBlank = true;
    this.lineStartOffset = this.chunkOffset + i + 1;
  }

  private skip(b: number, i: number): void {
    if (b === OPEN_BRACE && this.isResyncPoint(i)) {
      this.skipping = false;
      this.startRecord(b, i);
    } else if (!isWhitespaceByte(b)) {
      this.lineBlank = false;
    }
  }

  private between(b: number, i: number, out: RawRecord[]): void {
    if (isWhitespaceByte(b)) return;
    if (this.mode === 'detect') this.detect(b);
    if (this.mode === 'array') {
      if (b === OPEN_BRACKET && this.depth === 0) this.depth = this.base = 1;
      else if (b === CLOSE_BRACKET) this.closeArray();
      else if (b !== COMMA) this.startElement(b, i);
      this.lineBlank = false;
      return;
    }
    if (this.mode === 'after-array') {
      out.push({ line: this.line, problem: 'EVENT_MALFORMED', message: 'data after the closing ] of the array' });
      this.mode = 'objects';
      this.resyncColumn = 1;
      this.skipping = true;
      this.lineBlank = false;
      return;
    }
    this.startRecord(b, i);
  }

  private detect(b: number): void {
    this.mode = b === OPEN_BRACKET ? 'array' : 'objects';
    if (this.mode === 'objects') this.resyncColumn = 1;
  }

  private startElement(b: number, i: number): void {
    if (!this.firstElementSeen) {
      this.firstElementSeen = true;
      this.resyncColumn = this.lineBlank && b === OPEN_BRACE ? this.column(i) : 0;
    }
    this.startRecord(b, i);
  }

  private closeArray(): void {
    this.depth = 0;
    this.base = 0;
    this.mode = 'after-array';
  }

  private startRecord(b: number, i: number): void {
    this.inRecord = true;
    this.recordLine = this.line;
    this.recordStart = i;
    this.recordStartOffset = this.chunkOffset + i;
    this.lineBlank = false;
    this.scalar = b !== OPEN_BRACE && b !== OPEN_BRACKET;
    if (!this.scalar) this.depth = this.base + 1;
    else if (b === QUOTE) this.inString = true;
  }

  private inside(b: number, chunk: Buffer, i: number, out: RawRecord[]): void {
    if (b === QUOTE) {
      this.inString = true;
      this.lineBlank = false;
    } else if (this.scalar) {
      if (this.mode === 'array' && (b === COMMA || b === CLOSE_BRACKET)) {
        this.endRecord(chunk, i, out);
        this.between(b, i, out);
      }
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (b === OPEN_BRACE && this.isResyncPoint(i)) {
        this.fail(out, 'record not closed before the next record starts', false);
        this.startRecord(b, i);
      } else {
        this.depth++;
      }
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      this.depth--;
      if (this.depth === this.base) this.endRecord(chunk, i + 1, out);
    }
    if (!isWhitespaceByte(b)) this.lineBlank = false;
  }

  private endRecord(chunk: Buffer, end: number, out: RawRecord[]): void {
    this.inRecord = false;
    out.push({ line: this.recordLine, text: this.pending.takeText(chunk, this.recordStart, end) });
  }

  /** Drop the open record with a problem; `skip` = resynchronise at the next resync point. */
  private fail(out: RawRecord[], message: string, skip: boolean): void {
    out.push({ line: this.recordLine, problem: 'EVENT_MALFORMED', message });
    this.dropRecord(skip);
  }

  /** The open record reached `maxRecordBytes` + 1 bytes: report it and skip to the next resync point. */
  private abandonTooLarge(out: RawRecord[]): void {
    out.push(tooLarge(this.recordLine, this.maxRecordBytes));
    this.dropRecord(true);
  }

  private dropRecord(skip: boolean): void {
    this.pending.clear();
    this.inRecord = false;
    this.inString = false;
    this.escaped = false;
    this.depth = this.base;
    this.skipping = skip;
  }

  /** End of a chunk inside a record: keep its bytes for the next chunk. */
  private keepOpenRecord(chunk: Buffer): void {
    if (!this.inRecord) return;
    this.pending.add(chunk.subarray(this.recordStart));
    this.recordStart = 0;
  }
}
