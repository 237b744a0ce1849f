/**
 * Multi-needle substring search for the ruleset prefilter (field-probe.ts). Needles are folded (fold.ts) by the
 * caller, non-empty and distinct. Contract: `scan(view, sink)` / `scanString(text, sink)` call `sink.needle(i)`
 * at least once for every needle i that occurs (as a code-unit substring) in `view.folded` / foldCase(text), and
 * never for one that does not; calls may repeat, in any order. `mayOccurIn(value)` is false only when no needle
 * can occur in the string form of that number or boolean.
 * How: needles are split into ASCII needles and the others. While the text is ASCII, its folding is the text
 * with A–Z lower-cased unit by unit, so the ASCII automaton runs on the text itself (A–Z share the class of a–z)
 * and nothing is folded; an ASCII text has an ASCII folding, where no other needle can occur. On the first
 * non-ASCII unit the scan restarts on the folded text with both automata (up to FEW_NEEDLES needles are just
 * searched one by one in the folded text, with no automaton). Each automaton is Aho–Corasick
 * (trie-automaton.ts: a DFA table for the states up to DENSE_DEPTH, trie edges beyond), split in two when one
 * table would exceed MAX_TABLE (non-ASCII needles: WIDE_MAX_TABLE) entries — or, when every needle is ASCII and
 * long, a skip search (skip-search.ts) that reads a fraction of the units and meets the same contract. No
 * allocation while scanning ASCII text.
 */
import type { ValueView } from './compile-matcher.js';
import { foldCase } from './fold.js';
import { buildTrie } from './needle-trie.js';
import { SkipSearch, SKIP_MAX_NEEDLES, SKIP_MIN_LENGTH } from './skip-search.js';
import { TrieAutomaton } from './trie-automaton.js';

export interface NeedleSink {
  needle(index: number): void;
}

/** Largest DFA table (states × alphabet) of one automaton, in entries (packed transitions need < 2^30). */
const MAX_TABLE = 1 << 23;
/** The same for needles with non-ASCII characters: scanned only on non-ASCII text, so kept small. */
const WIDE_MAX_TABLE = 1 << 17;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
/**
 * Depth up to which states get a table row. Deeper states are reached on a small share of the units of real
 * text (about a tenth of a command line's at depth 8), and they are most of a corpus's states.
 */
const DENSE_DEPTH = 8;

/** Tuning, for tests: the depth up to which states get a table row (default DENSE_DEPTH). */
export interface NeedleIndexOptions {
  readonly denseDepth?: number;
}

interface Automaton {
  /** Scans ASCII text as if folded; false (stopped) at the first non-ASCII unit. */
  scanText(text: string, sink: NeedleSink): boolean;
  scanFolded(folded: string, sink: NeedleSink): void;
}

class SplitAutomaton implements Automaton {
  constructor(private readonly parts: readonly Automaton[]) {}

  scanText(text: string, sink: NeedleSink): boolean {
    for (const part of this.parts) if (!part.scanText(text, sink)) return false;
    return true;
  }

  scanFolded(folded: string, sink: NeedleSink): void {
    for (const part of this.parts) part.scanFolded(folded, sink);
  }
}

/** An automaton over `needles`; `ids[i]` is the index reported for needles[i]. */
function compileAutomaton(needles: readonly string[], ids: Int32Array, maxTable: number, denseDepth: number): Automaton {
  const trie = buildTrie(needles, denseDepth);
  if (needles.length === 1 || trie.dense * (trie.classes + 1) <= maxTable) return new TrieAutomaton(trie, ids);
  const half = Math.ceil(needles.length / 2);
  return new SplitAutomaton([
    compileAutomaton(needles.slice(0, half), ids.subarray(0, half), maxTable, denseDepth),
    compileAutomaton(needles.slice(half), ids.subarray(half), maxTable, denseDepth),
  ]);
}

function automatonFor(needles: readonly string[], ids: readonly number[], maxTable: number, denseDepth: number): Automaton | null {
  return ids.length > 0 ? compileAutomaton(ids.map((i) => needles[i] as string), Int32Array.from(ids), maxTable, denseDepth) : null;
}

/**
 * Whether the ASCII needles `ids` are searched by skipping (skip-search.ts): all long, not too many, and no
 * non-ASCII needle — the skip search may return from an ASCII scan without reading every unit, so it cannot tell
 * that the text holds a non-ASCII unit, which the non-ASCII needles' automaton would then need to see.
 */
function skippable(needles: readonly string[], ids: readonly number[], wide: readonly number[]): boolean {
  return wide.length === 0 && ids.length > 0 && ids.length <= SKIP_MAX_NEEDLES && ids.every((i) => (needles[i] as string).length >= SKIP_MIN_LENGTH);
}

/** Every character of the folded string form of a number (`-1.5e+21`, `infinity`, `nan`) or bigint. */
const NUMBER_CHARS = '0123456789.+-aefinty';
/** Every character of `true` and `false`. */
const BOOLEAN_CHARS = 'aeflrstu';

/** What the constructor needs to know of each needle, found in one pass over its units (no regular expression). */
const NOT_FOLDED = 1;
const WIDE = 2;
const NOT_NUMBER = 4;
const NOT_BOOLEAN = 8;

function needleTraits(needle: string): number {
  let traits = needle.length === 0 ? NOT_FOLDED : 0;
  for (let i = 0; i < needle.length; i++) {
    const code = needle.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) traits |= NOT_FOLDED;
    if (code >= 0x80) traits |= WIDE;
    const c = needle[i] as string;
    if (!NUMBER_CHARS.includes(c)) traits |= NOT_NUMBER;
    if (!BOOLEAN_CHARS.includes(c)) traits |= NOT_BOOLEAN;
  }
  return traits;
}

/** Up to this many needles, scan() searches each in the folded text instead of running the automaton. */
const FEW_NEEDLES = 2;

export class NeedleIndex {
  private readonly ascii: Automaton | null;
  private readonly wide: Automaton | null;
  /** Whether some needle could occur in the string form of a number / a boolean (else those need no scan). */
  readonly inNumbers: boolean;
  readonly inBooleans: boolean;
  /** The needles when there are at most FEW_NEEDLES of them (searched one by one in the folded text). */
  private readonly few: readonly string[] | null;

  /** `needles`: non-empty, distinct, folded; reported indices are positions in `needles`. */
  constructor(needles: readonly string[], options: NeedleIndexOptions = {}) {
    const ascii: number[] = [];
    const wide: number[] = [];
    let inNumbers = false;
    let inBooleans = false;
    for (let i = 0; i < needles.length; i++) {
      const traits = needleTraits(needles[i] as string);
      if ((traits & NOT_FOLDED) !== 0) throw new Error('NeedleIndex: needles must be non-empty and folded');
      ((traits & WIDE) !== 0 ? wide : ascii).push(i);
      if ((traits & NOT_NUMBER) === 0) inNumbers = true;
      if ((traits & NOT_BOOLEAN) === 0) inBooleans = true;
    }
    const depth = options.denseDepth ?? DENSE_DEPTH;
    this.few = needles.length <= FEW_NEEDLES ? [...needles] : null;
    // A couple of needles are searched one by one (scan, scanString): no automaton.
    if (this.few !== null) this.ascii = null;
    else if (skippable(needles, ascii, wide)) this.ascii = new SkipSearch(ascii.map((i) => needles[i] as string), Int32Array.from(ascii));
    else this.ascii = automatonFor(needles, ascii, MAX_TABLE, depth);
    this.wide = this.few === null ? automatonFor(needles, wide, WIDE_MAX_TABLE, depth) : null;
    this.inNumbers = inNumbers;
    this.inBooleans = inBooleans;
  }

  /** False when no needle can occur in the string form of this primitive (so it needs no scan). */
  mayOccurIn(value: unknown): boolean {
    const type = typeof value;
    if (type === 'number' || type === 'bigint') return this.inNumbers;
    return type === 'boolean' ? this.inBooleans : true;
  }

  /** Reports the needles in `view.folded`, folding only when the text is not ASCII (then cached by the view). */
  scan(view: ValueView, sink: NeedleSink): void {
    if (this.few !== null) this.scanFew(view.folded, sink);
    else if (!this.scanAscii(view.text, sink)) this.scanFolded(view.folded, sink);
  }

  /** Reports the needles in foldCase(text). */
  scanString(text: string, sink: NeedleSink): void {
    if (this.few !== null) this.scanFew(foldCase(text), sink);
    else if (!this.scanAscii(text, sink)) this.scanFolded(foldCase(text), sink);
  }

  /** A couple of needles: the engine's substring search over the folded text beats a DFA walk. */
  private scanFew(folded: string, sink: NeedleSink): void {
    const few = this.few as readonly string[];
    for (let i = 0; i < few.length; i++) if (folded.includes(few[i] as string)) sink.needle(i);
  }

  /** False when `text` is not ASCII (then nothing was reported that does not occur, but the scan is partial). */
  private scanAscii(text: string, sink: NeedleSink): boolean {
    return this.ascii !== null ? this.ascii.scanText(text, sink) : ASCII_ONLY.test(text);
  }

  private scanFolded(folded: string, sink: NeedleSink): void {
    if (this.ascii !== null) this.ascii.scanFolded(folded, sink);
    if (this.wide !== null) this.wide.scanFolded(folded, sink);
  }
}
