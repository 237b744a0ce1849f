/**
 * What the record splitters hand to the reader: the text of one record with the 1-based line where it starts
 * (or, from a splitter asked for bytes, its undecoded UTF-8 bytes: decoding is then left to whoever parses it,
 * e.g. a worker thread), or a located problem (a record too large or structurally broken) that the reader turns
 * into a Diagnostic. Splitters consume raw bytes (Buffers) and never hold more than one record plus one chunk in
 * memory.
 */
export type RawRecord =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly bytes: Buffer }
  | { readonly line: number; readonly problem: 'EVENT_MALFORMED' | 'EVENT_TOO_LARGE'; readonly message: string };

export interface RecordSplitter {
  /** Feed the next chunk of the byte stream; complete records are appended to `out` in file order. */
  push(chunk: Buffer, out: RawRecord[]): void;
  /** The stream ended: flush a last record without a trailing newline, or report an unfinished one. */
  end(out: RawRecord[]): void;
  /** The 1-based line the splitter has reached (for locating I/O errors). */
  readonly currentLine: number;
}

export const LF = 0x0a;
export const CR = 0x0d;

export function isWhitespaceByte(b: number): boolean {
  return b === 0x20 || b === LF || b === CR || b === 0x09;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMPTY = Buffer.alloc(0);

/**
 * Drops a UTF-8 byte-order mark at the very start of the stream, even when it arrives split over several chunks
 * (up to 2 bytes are held back until it is decided).
 */
export class BomFilter {
  private held: Buffer | null = EMPTY;

  /** The bytes to process now. */
  filter(chunk: Buffer): Buffer {
    if (this.held === null) return chunk;
    const bytes = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    if (bytes.length < BOM.length && BOM.subarray(0, bytes.length).equals(bytes)) {
      this.held = bytes;
      return EMPTY;
    }
    this.held = null;
    return bytes.subarray(0, BOM.length).equals(BOM) ? bytes.subarray(BOM.length) : bytes;
  }

  /** At the end of the stream: the bytes still held back (a lone BOM prefix is data). */
  flush(): Buffer {
    const held = this.held ?? EMPTY;
    this.held = null;
    return held;
  }
}

export function tooLarge(line: number, limit: number): RawRecord {
  return { line, problem: 'EVENT_TOO_LARGE', message: `record larger than the limit of ${limit} bytes; skipped` };
}

/** The bytes of one record that spans several chunks; kept as slices, joined once. */
export class PendingBytes {
  private parts: Buffer[] = [];
  private size = 0;

  get byteLength(): number {
    return this.size;
  }

  add(slice: Buffer): void {
    if (slice.length === 0) return;
    this.parts.push(slice);
    this.size += slice.length;
  }

  clear(): void {
    this.parts = [];
    this.size = 0;
  }

  /** The pending bytes followed by `chunk[start, end)` (a view of `chunk` when nothing is pending); clears them. */
  takeBytes(chunk: Buffer, start: number, end: number): Buffer {
    if (this.parts.length === 0) return chunk.subarray(start, end);
    this.parts.push(chunk.subarray(start, end));
    const bytes = Buffer.concat(this.parts);
    this.clear();
    return bytes;
  }

  /** The pending bytes followed by `chunk[start, end)`, decoded as UTF-8; clears the pending bytes. */
  takeText(chunk: Buffer, start: number, end: number): string {
    if (this.parts.length === 0) return chunk.toString('utf8', start, end);
    this.parts.push(chunk.subarray(start, end));
    const text = Buffer.concat(this.parts).toString('utf8');
    this.clear();
    return text;
  }
}

/** The text of a record that is not a problem (decoding its bytes when it carries bytes). */
export function recordText(raw: { readonly text: string } | { readonly bytes: Buffer }): string {
  return 'text' in raw ? raw.text : raw.bytes.toString('utf8');
}
