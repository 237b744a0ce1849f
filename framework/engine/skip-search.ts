/**
 * A multi-needle skip search (Wu–Manber with two-unit blocks) for aho-corasick.ts, used instead of the automaton
 * when every needle is ASCII and long (SKIP_MIN_LENGTH): it reads about one window end in (m − 1) units instead of
 * every unit, m being the shortest needle's length. In: folded, distinct ASCII needles of length ≥ 3 and the index
 * each one reports. Contract (the automaton's): `scanText` reports every needle occurring in an ASCII text read
 * as folded, and returns false (having reported only needles that occur) when it meets a non-ASCII unit — then the
 * caller scans foldCase(text) with `scanFolded`, which reports every needle occurring in a folded text. Reports may
 * repeat.
 * How: the window is the m units ending at position i; the block of its last two units gives the shift (how far
 * the window may move before a needle's last m units could end inside it; 0 = some needle ends in this block,
 * checked unit by unit against the text). Why scanText may skip units it never reads: folding (fold.ts) maps
 * each ASCII unit alone, and a non-ASCII unit to non-ASCII units except U+212A (K → k) and U+0130 (İ → i + U+0307,
 * ending any ASCII occurrence). An occurrence of an ASCII needle in the folding that such a unit takes part in
 * lies, in the text, in a window that the search verifies or whose end block it reads (a shift never jumps over
 * the end of an occurrence whose units it has not read), so the search meets that unit and returns false.
 */
import type { NeedleSink } from './aho-corasick.js';

/** Needles at least this long (all of them) are searched by skipping; shorter ones by the automaton. */
export const SKIP_MIN_LENGTH = 6;
/** At most this many needles: beyond, most blocks of text occur in some needle and the shifts shrink. */
export const SKIP_MAX_NEEDLES = 256;

/** Shift tables have 2^bits entries: about 8 per block of the needles, within these bounds. */
const MIN_TABLE_BITS = 8;
const MAX_TABLE_BITS = 14;

/** ASCII unit → its folding (A–Z lower-cased). */
const LOWER = new Uint8Array(128).map((_, code) => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code));

export class SkipSearch {
  /** The shortest needle's length: the window. */
  private readonly window: number;
  /** Table index of a block: hash & mask (hashes collide; a table entry holds the smallest shift among them). */
  private readonly mask: number;
  /** Block → how far the window may move (0: some needle ends in such a block; verify its bucket). */
  private readonly shift: Uint8Array;
  /** Table index → the needles whose last block has it (only for entries whose shift is 0). */
  private readonly buckets = new Map<number, Int32Array>();
  /** Needle → its units at units[unitStart[n]…unitStart[n + 1]). */
  private readonly unitStart: Int32Array;
  private readonly units: Uint8Array;

  constructor(
    needles: readonly string[],
    private readonly ids: Int32Array,
  ) {
    const window = Math.min(...needles.map((n) => n.length));
    if (!(window >= 3) || window - 1 > 255) throw new Error('SkipSearch: needles must be 3 to 256 units long');
    this.window = window;
    let bits = MIN_TABLE_BITS;
    while (bits < MAX_TABLE_BITS && 1 << bits < 8 * needles.length * (window - 1)) bits++;
    this.mask = (1 << bits) - 1;
    this.shift = new Uint8Array(1 << bits).fill(window - 1);
    const buckets = new Map<number, number[]>();
    needles.forEach((needle, n) => {
      for (let i = 0; i < needle.length; i++) if (needle.charCodeAt(i) >= 128) throw new Error('SkipSearch: needles must be ASCII');
      // The blocks of the needle's last `window` units: one ending `d` units before its end may move the window by d.
      for (let d = window - 2; d >= 0; d--) {
        const end = needle.length - 1 - d;
        const h = this.index(needle.charCodeAt(end - 1), needle.charCodeAt(end));
        if ((this.shift[h] as number) > d) this.shift[h] = d;
      }
      const last = this.index(needle.charCodeAt(needle.length - 2), needle.charCodeAt(needle.length - 1));
      const bucket = buckets.get(last);
      if (bucket) bucket.push(n);
      else buckets.set(last, [n]);
    });
    for (const [h, bucket] of buckets) this.buckets.set(h, Int32Array.from(bucket));
    this.unitStart = new Int32Array(needles.length + 1);
    needles.forEach((needle, n) => (this.unitStart[n + 1] = (this.unitStart[n] as number) + needle.length));
    this.units = new Uint8Array(this.unitStart[needles.length] as number);
    needles.forEach((needle, n) => {
      for (let i = 0; i < needle.length; i++) this.units[(this.unitStart[n] as number) + i] = needle.charCodeAt(i);
    });
  }

  /** The table index of the block (first, second): any units (non-ASCII ones collide with ASCII ones). */
  private index(first: number, second: number): number {
    return ((first << 5) ^ second) & this.mask;
  }

  // scanText and scanFolded are the same walk, written twice on purpose (as in trie-automaton.ts): they differ in
  // how a unit is read (folded on the fly, stopping at a non-ASCII one, vs as it is), on the matcher's hot path.
  scanText(text: string, sink: NeedleSink): boolean {
    const shift = this.shift;
    for (let i = this.window - 1, n = text.length; i < n; ) {
      const first = text.charCodeAt(i - 1);
      const second = text.charCodeAt(i);
      if ((first | second) >= 128) return false;
      const s = shift[(((LOWER[first] as number) << 5) ^ (LOWER[second] as number)) & this.mask] as number;
      if (s !== 0) {
        i += s;
        continue;
      }
      if (!this.verify(text, i, sink, true)) return false;
      i++;
    }
    return true;
  }

  scanFolded(folded: string, sink: NeedleSink): void {
    const shift = this.shift;
    for (let i = this.window - 1, n = folded.length; i < n; ) {
      const s = shift[this.index(folded.charCodeAt(i - 1), folded.charCodeAt(i))] as number;
      if (s !== 0) {
        i += s;
        continue;
      }
      this.verify(folded, i, sink, false);
      i++;
    }
  }

  /**
   * Reports the needles of the bucket of the block ending at `end` that end there. When `fold` (text read as
   * folded): false at a non-ASCII unit where a needle's unit was expected (the folding might hold the needle).
   */
  private verify(text: string, end: number, sink: NeedleSink, fold: boolean): boolean {
    const { unitStart, units } = this;
    const first = text.charCodeAt(end - 1);
    const second = text.charCodeAt(end);
    const bucket = this.buckets.get(fold ? this.index(LOWER[first] as number, LOWER[second] as number) : this.index(first, second));
    if (bucket === undefined) return true; // a shift-0 entry of a colliding block of no needle's end
    for (let b = 0; b < bucket.length; b++) {
      const needle = bucket[b] as number;
      const from = unitStart[needle] as number;
      let u = (unitStart[needle + 1] as number) - 1;
      let t = end;
      if (t - (u - from) < 0) continue;
      for (; u >= from; u--, t--) {
        let code = text.charCodeAt(t);
        if (fold) {
          if (code >= 128) return false;
          code = LOWER[code] as number;
        }
        if (code !== units[u]) break;
      }
      if (u < from) sink.needle(this.ids[needle] as number);
    }
    return true;
  }
}
