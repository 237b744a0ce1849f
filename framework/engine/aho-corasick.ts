/**
 * Multi-needle substring search for the ruleset prefilter (field-probe.ts). Needles are folded (fold.ts) by the
 * caller, non-empty and distinct. Contract: `scan(view, sink)` / `scanString(text, sink)` call `sink.needle(i)`
 * at least once for every needle i that occurs (as a code-unit substring) in `view.folded` / foldCase(text), and
 * never for one that does not; calls may repeat, in any order. `mayOccurIn(value)` is false only when no needle
 * can occur in the string form of that number or boolean.
 * How: needles are split into ASCII needles and the others. While the text is ASCII, its folding is the text
 * with A–Z lower-cased unit by unit, so the ASCII automaton runs on the text itself (A–Z share the class of a–z)
 * and nothing is folded; an ASCII text has an ASCII folding, where no other needle can occur. On the first
 * non-ASCII unit the scan restarts on the folded text with both automata. Each automaton is Aho–Corasick
 * compiled to a dense DFA over a compacted alphabet (class 0 = every code unit in no needle), split in two when
 * one table would exceed MAX_TABLE (non-ASCII needles: WIDE_MAX_TABLE) entries. No allocation while scanning
 * ASCII text.
 */
import type { ValueView } from './compile-matcher.js';
import { foldCase } from './fold.js';

export interface NeedleSink {
  needle(index: number): void;
}

/** Largest DFA table (states × alphabet) of one automaton, in entries (packed transitions need < 2^30). */
const MAX_TABLE = 1 << 23;
/** The same for needles with non-ASCII characters: scanned only on non-ASCII text, so kept small. */
const WIDE_MAX_TABLE = 1 << 17;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

interface Trie {
  readonly classes: Map<number, number>;
  readonly children: Map<number, number>[];
  readonly output: number[];
}

function buildTrie(needles: readonly string[]): Trie {
  const classes = new Map<number, number>();
  const children: Map<number, number>[] = [new Map()];
  const output: number[] = [-1];
  needles.forEach((needle, index) => {
    let state = 0;
    for (let i = 0; i < needle.length; i++) {
      const code = needle.charCodeAt(i);
      let cls = classes.get(code);
      if (cls === undefined) classes.set(code, (cls = classes.size + 1));
      const kids = children[state] as Map<number, number>;
      let next = kids.get(cls);
      if (next === undefined) {
        kids.set(cls, (next = children.length));
        children.push(new Map());
        output.push(-1);
      }
      state = next;
    }
    output[state] = index;
  });
  return { classes, children, output };
}

interface Automaton {
  /** Scans ASCII text as if folded; false (stopped) at the first non-ASCII unit. */
  scanText(text: string, sink: NeedleSink): boolean;
  scanFolded(folded: string, sink: NeedleSink): void;
}

class DenseAutomaton implements Automaton {
  private readonly ascii = new Int32Array(128);
  private readonly other = new Map<number, number>();
  private readonly width: number;
  /**
   * Transitions, packed for the scan loop: next[row + class] = (target state × width) × 2 + (1 when the target
   * reports a needle), where row = state × width. (states × width < 2^30, see MAX_TABLE.)
   */
  private readonly next: Int32Array;
  private readonly fail: Int32Array;
  /** Per state: the nearest state on its failure chain (itself included) that ends a needle; 0 = none. */
  private readonly report: Int32Array;
  private readonly output: Int32Array;

  constructor(trie: Trie, private readonly ids: Int32Array) {
    for (const [code, cls] of trie.classes) {
      if (code >= 128) this.other.set(code, cls);
      else if (code >= 0x61 && code <= 0x7a) this.ascii[code] = this.ascii[code - 0x20] = cls;
      else this.ascii[code] = cls;
    }
    const states = trie.children.length;
    this.width = trie.classes.size + 1;
    if (states * this.width >= 2 ** 30) throw new Error('NeedleIndex: needle too long for one automaton');
    this.fail = new Int32Array(states);
    this.report = new Int32Array(states);
    this.output = Int32Array.from(trie.output);
    this.next = this.link(trie.children);
  }

  /** Breadth-first: failure links, full transition rows and report links (shallower states are done first). */
  private link(children: readonly Map<number, number>[]): Int32Array {
    const { width, fail, report, output } = this;
    const delta = new Int32Array(children.length * width);
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const row = state * width;
      const failRow = (fail[state] as number) * width;
      report[state] = state !== 0 && (output[state] as number) >= 0 ? state : (report[fail[state] as number] as number);
      // A missing transition is the failure state's (whose row is complete: it is shallower); the root's go to 0.
      if (state !== 0) delta.copyWithin(row, failRow, failRow + width);
      for (const [cls, child] of children[state] as Map<number, number>) {
        fail[child] = state === 0 ? 0 : (delta[failRow + cls] as number);
        delta[row + cls] = child;
        queue.push(child);
      }
    }
    for (let i = 0; i < delta.length; i++) {
      const target = delta[i] as number;
      delta[i] = target * width * 2 + (report[target] !== 0 ? 1 : 0);
    }
    return delta;
  }

  scanText(text: string, sink: NeedleSink): boolean {
    const { ascii, next } = this;
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128) return false;
      const packed = next[row + (ascii[code] as number)] as number;
      row = packed >> 1;
      if ((packed & 1) !== 0) this.emit(row, sink);
    }
    return true;
  }

  scanFolded(folded: string, sink: NeedleSink): void {
    const { ascii, other, next } = this;
    let row = 0;
    for (let i = 0, n = folded.length; i < n; i++) {
      const code = folded.charCodeAt(i);
      const packed = next[row + (code < 128 ? (ascii[code] as number) : (other.get(code) ?? 0))] as number;
      row = packed >> 1;
      if ((packed & 1) !== 0) this.emit(row, sink);
    }
  }

  private emit(row: number, sink: NeedleSink): void {
    const { report, fail, output, ids } = this;
    for (let hit = report[row / this.width] as number; hit !== 0; hit = report[fail[hit] as number] as number) {
      sink.needle(ids[output[hit] as number] as number);
    }
  }
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
function compileAutomaton(needles: readonly string[], ids: Int32Array, maxTable: number): Automaton {
  const trie = buildTrie(needles);
  if (needles.length === 1 || trie.children.length * (trie.classes.size + 1) <= maxTable) return new DenseAutomaton(trie, ids);
  const half = Math.ceil(needles.length / 2);
  return new SplitAutomaton([
    compileAutomaton(needles.slice(0, half), ids.subarray(0, half), maxTable),
    compileAutomaton(needles.slice(half), ids.subarray(half), maxTable),
  ]);
}

function automatonFor(needles: readonly string[], pick: (needle: string) => boolean, maxTable: number): Automaton | null {
  const ids = needles.flatMap((n, i) => (pick(n) ? [i] : []));
  return ids.length > 0 ? compileAutomaton(ids.map((i) => needles[i] as string), Int32Array.from(ids), maxTable) : null;
}

/** Every character of the folded string form of a number (`-1.5e+21`, `infinity`, `nan`) or bigint. */
const NUMBER_CHARS = /^[0-9.+\-aefinty]+$/;
/** Every character of `true` and `false`. */
const BOOLEAN_CHARS = /^[aeflrstu]+$/;

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
  constructor(needles: readonly string[]) {
    if (needles.some((n) => n.length === 0 || /[A-Z]/.test(n))) throw new Error('NeedleIndex: needles must be non-empty and folded');
    this.ascii = automatonFor(needles, (n) => ASCII_ONLY.test(n), MAX_TABLE);
    this.wide = automatonFor(needles, (n) => !ASCII_ONLY.test(n), WIDE_MAX_TABLE);
    this.few = needles.length <= FEW_NEEDLES ? [...needles] : null;
    this.inNumbers = needles.some((n) => NUMBER_CHARS.test(n));
    this.inBooleans = needles.some((n) => BOOLEAN_CHARS.test(n));
  }

  /** False when no needle can occur in the string form of this primitive (so it needs no scan). */
  mayOccurIn(value: unknown): boolean {
    const type = typeof value;
    if (type === 'number' || type === 'bigint') return this.inNumbers;
    return type === 'boolean' ? this.inBooleans : true;
  }

  /** Reports the needles in `view.folded`, folding only when the text is not ASCII (then cached by the view). */
  scan(view: ValueView, sink: NeedleSink): void {
    const few = this.few;
    if (few !== null) {
      // A couple of needles: the engine's substring search over the (cached) folded text beats a DFA walk.
      const folded = view.folded;
      for (let i = 0; i < few.length; i++) if (folded.includes(few[i] as string)) sink.needle(i);
      return;
    }
    if (!this.scanAscii(view.text, sink)) this.scanFolded(view.folded, sink);
  }

  /** Reports the needles in foldCase(text). */
  scanString(text: string, sink: NeedleSink): void {
    if (!this.scanAscii(text, sink)) this.scanFolded(foldCase(text), sink);
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
