/**
 * The per-field indexes of the prefilter (prefilter.ts) and their per-event state. A FieldProbe maps the atoms
 * of one field name (or of the keywords) to the clauses they satisfy, per routing leaf: `has` atoms (satisfied
 * when the field is present), `sub` needles (a NeedleIndex over the needles, cut to their last MAX_NEEDLE units:
 * a piece of a needle that occurs occurs too) and `eq` keys (text and number spaces, equality-keys.ts). Hits
 * satisfy only clauses of routed leaves (ClauseState); an entry — a rule variant in a leaf — becomes a candidate
 * when its last clause is satisfied. Contract: every clause with an atom that holds on the probed values is
 * satisfied (over-approximation only). No allocation per rule, clause or needle. A probe's clause lists live in
 * one Int32Array (its pool), each at an offset: tens of thousands of small typed arrays would cost more to make
 * and to keep.
 */
import { NeedleIndex, type NeedleSink } from './aho-corasick.js';
import type { CandidateSet } from './candidate-set.js';
import type { ValueView } from './compile-matcher.js';
import { numberKeyOf } from './equality-keys.js';
import { fieldSlot } from './event-view.js';
import { fieldPath } from './field.js';
import { IntBuffer } from './int-buffer.js';
import { KeywordLeaves } from './keyword-leaves.js';
import type { Atom } from './prefilter-atoms.js';

/**
 * The clauses one atom satisfies, by leaf, flattened for the hot path, at an offset of a probe's pool:
 * [size, leaf, n, clause × n, leaf, n, …], size being the number of words after it.
 */
export type ClauseList = number;

/** Longest needle indexed; longer ones are cut to their end (smaller automata, same selectivity in practice). */
const MAX_NEEDLE = 16;

/** A pool of clause lists while building: each list is appended, and known by its offset. */
class ListPool {
  private readonly words = new IntBuffer(256);

  /**
   * Appends the ClauseList of the (leaf, clause) pairs: leaves in order of first appearance, each with its
   * distinct clauses in order of first appearance. Linear when leaves increase and, within a leaf, clauses do not
   * decrease (the order in which the prefilter adds them); any order is accepted.
   */
  add(pairs: readonly number[]): ClauseList {
    const words = this.words;
    const start = words.push(0);
    if (!ListPool.grouped(pairs)) this.addAny(pairs);
    else {
      let count = 0;
      for (let i = 0; i < pairs.length; i += 2) {
        const leaf = pairs[i] as number;
        const clause = pairs[i + 1] as number;
        if (i === 0 || leaf !== pairs[i - 2]) {
          words.push(leaf);
          count = words.push(0);
        } else if (clause === pairs[i - 1]) continue;
        words.push(clause);
        words.set(count, words.at(count) + 1);
      }
    }
    words.set(start, words.length - start - 1);
    return start;
  }

  private static grouped(pairs: readonly number[]): boolean {
    for (let i = 2; i < pairs.length; i += 2) {
      const leaf = pairs[i] as number;
      const before = pairs[i - 2] as number;
      if (leaf < before || (leaf === before && (pairs[i + 1] as number) < (pairs[i - 1] as number))) return false;
    }
    return true;
  }

  private addAny(pairs: readonly number[]): void {
    const byLeaf = new Map<number, Set<number>>();
    for (let i = 0; i < pairs.length; i += 2) {
      const leaf = pairs[i] as number;
      const clauses = byLeaf.get(leaf);
      if (clauses) clauses.add(pairs[i + 1] as number);
      else byLeaf.set(leaf, new Set([pairs[i + 1] as number]));
    }
    for (const [leaf, clauses] of byLeaf) {
      this.words.push(leaf);
      this.words.push(clauses.size);
      for (const clause of clauses) this.words.push(clause);
    }
  }

  /** Every key's list. */
  addAll(lists: KeyedLists): Map<string, ClauseList> | null {
    if (lists.keys.size === 0) return null;
    const offsets = new Map<string, ClauseList>();
    for (const [key, index] of lists.keys) offsets.set(key, this.add(lists.pairs(index)));
    return offsets;
  }

  freeze(): Int32Array {
    return this.words.array();
  }
}

/**
 * key → (leaf, clause) pairs in the order added, while building: a list per key, linked through shared buffers
 * (an array per key would keep spare slots for most keys, which have a pair or two).
 */
class KeyedLists {
  /** key → its index, in order of first appearance. */
  readonly keys = new Map<string, number>();
  /** By key index: its first and last pair. */
  private readonly first = new IntBuffer();
  private readonly last = new IntBuffer();
  /** By pair: leaf, clause and the key's next pair (-1 = none). */
  private readonly leaf = new IntBuffer();
  private readonly clause = new IntBuffer();
  private readonly next = new IntBuffer();

  add(key: string, leaf: number, clause: number): void {
    const pair = this.leaf.push(leaf);
    this.clause.push(clause);
    this.next.push(-1);
    const index = this.keys.get(key);
    if (index === undefined) {
      this.keys.set(key, this.first.push(pair));
      this.last.push(pair);
    } else {
      this.next.set(this.last.at(index), pair);
      this.last.set(index, pair);
    }
  }

  /** The pairs of the key at `index`, flat: [leaf, clause, leaf, clause, …]. */
  pairs(index: number): number[] {
    const out: number[] = [];
    for (let pair = this.first.at(index); pair >= 0; pair = this.next.at(pair)) out.push(this.leaf.at(pair), this.clause.at(pair));
    return out;
  }
}

export class ProbeBuilder {
  readonly needles = new KeyedLists();
  readonly text = new KeyedLists();
  readonly number = new KeyedLists();
  readonly present = new KeyedLists();
  /** Text literals as written → their folded keys (EqualityKey.exact). */
  readonly exact = new Map<string, string>();

  add(atom: Atom, leaf: number, clause: number): void {
    if (atom.kind === 'sub') this.needles.add(atom.needle.slice(-MAX_NEEDLE), leaf, clause);
    else if (atom.kind === 'eq') {
      (atom.space === 'text' ? this.text : this.number).add(atom.key, leaf, clause);
      if (atom.space === 'text' && atom.exact !== undefined) this.exact.set(atom.exact, atom.key);
    }
    else this.present.add('', leaf, clause);
  }
}

/** Per-event state shared by the probes: routed leaves, satisfied clauses, entries' progress. */
export class ClauseState {
  readonly leafStamps: Float64Array;
  private readonly clauseStamps: Float64Array;
  private readonly entryStamps: Float64Array;
  private readonly entryCounts: Int32Array;

  constructor(
    readonly out: CandidateSet,
    leaves: number,
    /** clause id → entry id; entry id → rule and number of clauses. */
    private readonly clauseEntry: Int32Array,
    private readonly entryRule: Int32Array,
    private readonly entryNeed: Int32Array,
  ) {
    this.leafStamps = new Float64Array(leaves).fill(-1);
    this.clauseStamps = new Float64Array(clauseEntry.length).fill(-1);
    this.entryStamps = new Float64Array(entryRule.length).fill(-1);
    this.entryCounts = new Int32Array(entryRule.length);
  }

  /** Satisfies the clauses of the routed leaves in the list at `list` of `pool`. */
  add(pool: Int32Array, list: ClauseList): void {
    const epoch = this.out.epoch;
    for (let i = list + 1, stop = i + (pool[list] as number); i < stop; ) {
      const leaf = pool[i] as number;
      const end = i + 2 + (pool[i + 1] as number);
      if (this.leafStamps[leaf] === epoch) for (let j = i + 2; j < end; j++) this.satisfy(pool[j] as number, epoch);
      i = end;
    }
  }

  private satisfy(clause: number, epoch: number): void {
    if (this.clauseStamps[clause] === epoch) return;
    this.clauseStamps[clause] = epoch;
    const entry = this.clauseEntry[clause] as number;
    if (this.entryStamps[entry] !== epoch) {
      this.entryStamps[entry] = epoch;
      this.entryCounts[entry] = 0;
    }
    if (++(this.entryCounts[entry] as number) === this.entryNeed[entry]) this.out.add(this.entryRule[entry] as number);
  }
}

/** Reports needle i of a subset index as needle ids[i] of the whole. */
class RenumberingSink implements NeedleSink {
  constructor(
    private readonly target: NeedleSink,
    private readonly ids: Int32Array,
  ) {}

  needle(index: number): void {
    this.target.needle(this.ids[index] as number);
  }
}

/** The index of one field name (or of the keywords): its atoms → the clauses they satisfy. */
export class FieldProbe implements NeedleSink {
  /** Epoch of the last event on which the field was probed. */
  probed = -1;
  readonly path: readonly string[] | null;
  /** fieldSlot(name) (-1 for keywords). */
  readonly slot: number;
  private readonly needles: NeedleIndex | null;
  private readonly leaves: KeywordLeaves | null;
  /** Keyword probe: the needles (folded, cut), and the scanners of subsets of them (leavesScanner). */
  private readonly needleTexts: readonly string[] | null;
  private readonly scanners = new Map<string, KeywordLeaves>();
  /** Every clause list of the probe. */
  private readonly pool: Int32Array;
  /** By needle index. */
  private readonly needleClauses: Int32Array;
  private readonly needleStamps: Float64Array;
  private readonly text: Map<string, ClauseList> | null;
  /** Same lists as `text`, by the literals as written: looked up with the unfolded event string first. */
  private readonly exactText: Map<string, ClauseList> | null;
  private readonly number: Map<string, ClauseList> | null;
  /** -1 when none. */
  private readonly present: ClauseList;

  constructor(
    readonly id: number,
    readonly name: string | null,
    built: ProbeBuilder,
    private readonly state: ClauseState,
  ) {
    this.path = name === null ? null : fieldPath(name);
    this.slot = name === null ? -1 : fieldSlot(name);
    const needles = [...built.needles.keys.keys()];
    this.needles = needles.length > 0 ? new NeedleIndex(needles) : null;
    this.leaves = name === null && this.needles !== null ? new KeywordLeaves(this.needles, this) : null;
    this.needleTexts = this.leaves !== null ? needles : null;
    const pool = new ListPool();
    this.needleClauses = new Int32Array(needles.length);
    let index = 0;
    for (const k of built.needles.keys.values()) this.needleClauses[index++] = pool.add(built.needles.pairs(k));
    this.needleStamps = new Float64Array(needles.length).fill(-1);
    const text = (this.text = pool.addAll(built.text));
    this.exactText = text === null ? null : new Map([...built.exact].map(([exact, key]) => [exact, text.get(key) as ClauseList]));
    this.number = pool.addAll(built.number);
    this.present = pool.addAll(built.present)?.get('') ?? -1;
    this.pool = pool.freeze();
  }

  /**
   * Keyword probe: a scanner over just the needles with clauses in some of `leaves` (the routed leaves of a plan),
   * which is all the plan needs — hits of other needles satisfy nothing (ClauseState). Cached by that needle set;
   * null when there is none.
   */
  leavesScanner(leaves: readonly number[]): KeywordLeaves | null {
    const texts = this.needleTexts;
    if (this.leaves === null || texts === null) return null;
    const ids: number[] = [];
    for (let n = 0; n < texts.length; n++) if (this.listHasLeaf(this.needleClauses[n] as ClauseList, leaves)) ids.push(n);
    if (ids.length === texts.length) return this.leaves;
    if (ids.length === 0) return null;
    const key = ids.join(',');
    let scanner = this.scanners.get(key);
    if (scanner === undefined) {
      scanner = new KeywordLeaves(new NeedleIndex(ids.map((n) => texts[n] as string)), new RenumberingSink(this, Int32Array.from(ids)));
      this.scanners.set(key, scanner);
    }
    return scanner;
  }

  private listHasLeaf(list: ClauseList, leaves: readonly number[]): boolean {
    const pool = this.pool;
    for (let i = list + 1, stop = i + (pool[list] as number); i < stop; i += 2 + (pool[i + 1] as number)) {
      if (leaves.includes(pool[i] as number)) return true;
    }
    return false;
  }

  needle(index: number): void {
    if (this.needleStamps[index] === this.state.out.epoch) return;
    this.needleStamps[index] = this.state.out.epoch;
    this.state.add(this.pool, this.needleClauses[index] as ClauseList);
  }

  /** Probes the views of a present field, or the event's leaves (keywords). */
  probe(views: readonly ValueView[]): void {
    const { needles, text, number, state, pool } = this;
    if (this.present >= 0) state.add(pool, this.present);
    for (let i = 0; i < views.length; i++) {
      const v = views[i] as ValueView;
      if (needles !== null && needles.mayOccurIn(v.raw)) needles.scan(v, this);
      if (text !== null) {
        const exact = typeof v.raw === 'string' ? (this.exactText as Map<string, ClauseList>).get(v.raw) : undefined;
        const lists = exact ?? text.get(v.folded);
        if (lists !== undefined) state.add(pool, lists);
      }
      if (number !== null) {
        const key = numberKeyOf(v);
        const lists = key === null ? undefined : number.get(key);
        if (lists !== undefined) state.add(pool, lists);
      }
    }
  }
}
