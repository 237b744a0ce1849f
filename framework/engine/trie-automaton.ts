/**
 * The Aho–Corasick automaton of aho-corasick.ts. In: folded, distinct, non-empty needles and the index each one
 * reports. Contract: `scanText` reports (sink.needle) every needle occurring in an ASCII text read as folded and
 * returns false at the first non-ASCII unit (having reported only needles that occur); `scanFolded` reports every
 * needle occurring in a folded text; reports may repeat.
 * How: states are the needles' prefixes, numbered breadth-first (needle-trie.ts builds the trie).
 * The states up to depth `denseDepth` (the ones text visits most) get a full transition row over a compacted
 * alphabet (class 0 = every code unit in no needle) — a DFA table; deeper states, which most needles reach only
 * along their own unique suffix, keep just their trie edges and failure link, followed (as in the textbook
 * automaton) until a state with a row is reached again. The table thus holds a fraction of the entries of a full
 * DFA, and the scan loop over tabled states is unchanged: one lookup per unit.
 */
import type { NeedleSink } from './aho-corasick.js';
import type { NeedleTrie } from './needle-trie.js';

export class TrieAutomaton {
  private readonly ascii: Int32Array;
  private readonly other: Map<number, number>;
  private readonly width: number;
  /** States [0, dense) have a row in `next`; the others are followed edge by edge. */
  private readonly dense: number;
  /**
   * Transitions of the tabled states, packed for the scan loop: next[row + class], row = state × width, is
   * (target × width) × 2 + (1 when the target reports a needle) for a tabled target, and ~(target × 2) (negative,
   * odd) for a deeper one. An odd entry sends the scan off its one-lookup path.
   */
  private readonly next: Int32Array;
  /** Trie edges (state → edges edgeStart[state]…edgeStart[state + 1]): classes and targets. */
  private readonly edgeStart: Int32Array;
  private readonly edgeClass: Int32Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Per state: the nearest state on its failure chain (itself included) that ends a needle; 0 = none. */
  private readonly report: Int32Array;
  private readonly output: Int32Array;
  /** Where scanning resumes on the table after deeper states (set by `deep`). */
  private resume = 0;

  constructor(trie: NeedleTrie, private readonly ids: Int32Array) {
    const { states, classes, dense } = trie;
    this.width = classes + 1;
    if (dense * this.width >= 2 ** 30 || states >= 2 ** 29) throw new Error('NeedleIndex: too many needles for one automaton');
    this.ascii = trie.ascii.slice();
    for (let code = 0x41; code <= 0x5a; code++) this.ascii[code] = this.ascii[code + 0x20] as number;
    this.other = trie.other;
    this.dense = dense;
    this.fail = new Int32Array(states);
    this.report = new Int32Array(states);
    this.output = trie.output;
    this.next = new Int32Array(dense * this.width);
    this.edgeStart = trie.edgeStart;
    this.edgeClass = trie.edgeClass;
    this.edgeTarget = trie.edgeTarget;
    this.link();
  }

  /** The target of the packed table entry `packed`. */
  private target(packed: number): number {
    return packed < 0 ? ~packed >> 1 : (packed >> 1) / this.width;
  }

  /** The table entry leading to `state` (its report link must be set). */
  private entry(state: number): number {
    return state < this.dense ? state * this.width * 2 + (this.report[state] !== 0 ? 1 : 0) : ~(state * 2);
  }

  /** The trie child of a state on `cls`, or -1. */
  private child(state: number, cls: number): number {
    const { edgeStart, edgeClass } = this;
    for (let e = edgeStart[state] as number, end = edgeStart[state + 1] as number; e < end; e++) {
      if (edgeClass[e] === cls) return this.edgeTarget[e] as number;
    }
    return -1;
  }

  /** The automaton's transition from any state (tabled states: their row; deeper ones: edges, then failure). */
  private step(state: number, cls: number): number {
    let s = state;
    for (;;) {
      if (s < this.dense) return this.target(this.next[s * this.width + cls] as number);
      const c = this.child(s, cls);
      if (c >= 0) return c;
      s = this.fail[s] as number;
    }
  }

  /**
   * States in breadth-first order (their numbering): failure links and report links, and the full rows of the
   * tabled states (the failure state's row, complete as it is shallower — copied natively — then the state's own
   * edges; the root's missing transitions go to 0), packed. A state's failure state is the transition of its
   * parent's failure state, which is shallower, so already linked. Two functions, one per loop, as in
   * needle-trie.ts (a loop optimised on its own leaves the code after it without type feedback).
   */
  private link(): void {
    this.linkTabled();
    this.linkDeep();
  }

  private linkTabled(): void {
    const { width, fail, report, output, next, dense, edgeStart, edgeClass, edgeTarget } = this;
    for (let state = 0; state < dense; state++) {
      const row = state * width;
      const failRow = (fail[state] as number) * width;
      if (state !== 0) next.copyWithin(row, failRow, failRow + width);
      for (let e = edgeStart[state] as number, end = edgeStart[state + 1] as number; e < end; e++) {
        const cls = edgeClass[e] as number;
        const child = edgeTarget[e] as number;
        const failure = state === 0 ? 0 : this.target(next[failRow + cls] as number);
        fail[child] = failure;
        report[child] = (output[child] as number) >= 0 ? child : (report[failure] as number);
        next[row + cls] = this.entry(child);
      }
    }
  }

  private linkDeep(): void {
    const { fail, report, output, dense, edgeStart, edgeClass, edgeTarget } = this;
    for (let state = dense, states = fail.length; state < states; state++) {
      for (let e = edgeStart[state] as number, end = edgeStart[state + 1] as number; e < end; e++) {
        const child = edgeTarget[e] as number;
        const failure = this.step(fail[state] as number, edgeClass[e] as number);
        fail[child] = failure;
        report[child] = (output[child] as number) >= 0 ? child : (report[failure] as number);
      }
    }
  }

  // scanText and scanFolded are the same walk, written twice on purpose: they differ only in how a unit maps to its
  // class (ASCII only, stopping at the first other unit, vs any unit), and a shared loop would test which per unit
  // on the hottest path of the matcher.
  scanText(text: string, sink: NeedleSink): boolean {
    const { ascii, next } = this;
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128) return false;
      const packed = next[row + (ascii[code] as number)] as number;
      if ((packed & 1) === 0) {
        row = packed >> 1;
        continue;
      }
      if (packed >= 0) {
        row = packed >> 1;
        this.emit(row / this.width, sink);
        continue;
      }
      i = this.deep(text, i, ~packed >> 1, sink, false);
      if (i < 0) return false;
      row = this.resume;
    }
    return true;
  }

  scanFolded(folded: string, sink: NeedleSink): void {
    const { ascii, other, next } = this;
    let row = 0;
    for (let i = 0, n = folded.length; i < n; i++) {
      const code = folded.charCodeAt(i);
      const packed = next[row + (code < 128 ? (ascii[code] as number) : (other.get(code) ?? 0))] as number;
      if ((packed & 1) === 0) {
        row = packed >> 1;
        continue;
      }
      if (packed >= 0) {
        row = packed >> 1;
        this.emit(row / this.width, sink);
        continue;
      }
      i = this.deep(folded, i, ~packed >> 1, sink, true);
      row = this.resume;
    }
  }

  /**
   * Scanning from deeper state `state`, reached on text[i]: reports, then follows the text through deeper states
   * until a transition lands on a tabled state (its row is left in `resume`, and its index returned), or the text
   * ends (its length is returned). When not `folded`, a non-ASCII unit stops the scan: -1.
   */
  private deep(text: string, i: number, state: number, sink: NeedleSink, folded: boolean): number {
    const { ascii, other, next, width, fail, report } = this;
    let s = state;
    if (report[s] !== 0) this.emit(s, sink);
    for (let j = i + 1, n = text.length; j < n; j++) {
      const code = text.charCodeAt(j);
      let cls: number;
      if (code < 128) cls = ascii[code] as number;
      else if (folded) cls = other.get(code) ?? 0;
      else return -1;
      for (;;) {
        if (s < this.dense) {
          const packed = next[s * width + cls] as number;
          if (packed < 0) {
            s = ~packed >> 1;
            break;
          }
          this.resume = packed >> 1;
          if ((packed & 1) !== 0) this.emit(this.resume / width, sink);
          return j;
        }
        const c = this.child(s, cls);
        if (c >= 0) {
          s = c;
          break;
        }
        s = fail[s] as number;
      }
      if (report[s] !== 0) this.emit(s, sink);
    }
    this.resume = 0;
    return text.length;
  }

  private emit(state: number, sink: NeedleSink): void {
    const { report, fail, output, ids } = this;
    for (let hit = report[state] as number; hit !== 0; hit = report[fail[hit] as number] as number) {
      sink.needle(ids[output[hit] as number] as number);
    }
  }
}
