/**
 * The per-field indexes of the prefilter (prefilter.ts) and their per-event state. A FieldProbe maps the atoms
 * of one field name (or of the keywords) to the clauses they satisfy, per routing leaf: `has` atoms (satisfied
 * when the field is present), `sub` needles (a NeedleIndex over the needles, cut to their last MAX_NEEDLE units:
 * a piece of a needle that occurs occurs too) and `eq` keys (text and number spaces, equality-keys.ts). Hits
 * satisfy only clauses of routed leaves (ClauseState); an entry — a rule variant in a leaf — becomes a candidate
 * when its last clause is satisfied. Contract: every clause with an atom that holds on the probed values is
 * satisfied (over-approximation only). No allocation per rule, clause or needle.
 */
import { NeedleIndex, type NeedleSink } from './aho-corasick.js';
import type { CandidateSet } from './candidate-set.js';
import type { ValueView } from './compile-matcher.js';
import { numberKeyOf } from './equality-keys.js';
import { fieldSlot } from './event-view.js';
import { fieldPath } from './field.js';
import { KeywordLeaves } from './keyword-leaves.js';
import type { Atom } from './prefilter-atoms.js';

/** The clauses one atom satisfies, by leaf, flattened for the hot path: [leaf, n, clause × n, leaf, n, …]. */
export type ClauseList = Int32Array;

/** Longest needle indexed; longer ones are cut to their end (smaller automata, same selectivity in practice). */
const MAX_NEEDLE = 16;

/** key → leaf → clause ids, while building. */
class KeyedLists {
  readonly byKey = new Map<string, Map<number, Set<number>>>();

  add(key: string, leaf: number, clause: number): void {
    let byLeaf = this.byKey.get(key);
    if (!byLeaf) this.byKey.set(key, (byLeaf = new Map()));
    const clauses = byLeaf.get(leaf);
    if (clauses) clauses.add(clause);
    else byLeaf.set(leaf, new Set([clause]));
  }

  static freeze(byLeaf: Map<number, Set<number>>): ClauseList {
    return Int32Array.from([...byLeaf].flatMap(([leaf, clauses]) => [leaf, clauses.size, ...clauses]));
  }

  frozen(): Map<string, ClauseList> | null {
    return this.byKey.size > 0 ? new Map([...this.byKey].map(([key, byLeaf]) => [key, KeyedLists.freeze(byLeaf)])) : null;
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

  /** Satisfies the clauses of the routed leaves in `list`. */
  add(list: ClauseList): void {
    const epoch = this.out.epoch;
    for (let i = 0; i < list.length; ) {
      const leaf = list[i] as number;
      const end = i + 2 + (list[i + 1] as number);
      if (this.leafStamps[leaf] === epoch) for (let j = i + 2; j < end; j++) this.satisfy(list[j] as number, epoch);
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

/** The index of one field name (or of the keywords): its atoms → the clauses they satisfy. */
export class FieldProbe implements NeedleSink {
  /** Epoch of the last event on which the field was probed. */
  probed = -1;
  readonly path: readonly string[] | null;
  /** fieldSlot(name) (-1 for keywords). */
  readonly slot: number;
  private readonly needles: NeedleIndex | null;
  private readonly leaves: KeywordLeaves | null;
  private readonly needleClauses: readonly ClauseList[];
  private readonly needleStamps: Float64Array;
  private readonly text: Map<string, ClauseList> | null;
  /** Same lists as `text`, by the literals as written: looked up with the unfolded event string first. */
  private readonly exactText: Map<string, ClauseList> | null;
  private readonly number: Map<string, ClauseList> | null;
  private readonly present: ClauseList | null;

  constructor(
    readonly id: number,
    readonly name: string | null,
    built: ProbeBuilder,
    private readonly state: ClauseState,
  ) {
    this.path = name === null ? null : fieldPath(name);
    this.slot = name === null ? -1 : fieldSlot(name);
    const needles = [...built.needles.byKey.keys()];
    this.needles = needles.length > 0 ? new NeedleIndex(needles) : null;
    this.leaves = name === null && this.needles !== null ? new KeywordLeaves(this.needles, this) : null;
    this.needleClauses = [...built.needles.byKey.values()].map(KeyedLists.freeze);
    this.needleStamps = new Float64Array(needles.length).fill(-1);
    this.text = built.text.frozen();
    const text = this.text;
    this.exactText = text === null ? null : new Map([...built.exact].map(([exact, key]) => [exact, text.get(key) as ClauseList]));
    this.number = built.number.frozen();
    this.present = built.present.frozen()?.get('') ?? null;
  }

  needle(index: number): void {
    if (this.needleStamps[index] === this.state.out.epoch) return;
    this.needleStamps[index] = this.state.out.epoch;
    this.state.add(this.needleClauses[index] as ClauseList);
  }

  /** Probes the views of a present field, or the event's leaves (keywords). */
  probe(views: readonly ValueView[]): void {
    const { needles, text, number, state } = this;
    if (this.present !== null) state.add(this.present);
    for (let i = 0; i < views.length; i++) {
      const v = views[i] as ValueView;
      if (needles !== null && needles.mayOccurIn(v.raw)) needles.scan(v, this);
      if (text !== null) {
        const exact = typeof v.raw === 'string' ? (this.exactText as Map<string, ClauseList>).get(v.raw) : undefined;
        const lists = exact ?? text.get(v.folded);
        if (lists !== undefined) state.add(lists);
      }
      if (number !== null) {
        const key = numberKeyOf(v);
        const lists = key === null ? undefined : number.get(key);
        if (lists !== undefined) state.add(lists);
      }
    }
  }

  /** Keyword probe: the leaves of `value` (the event, or each of its values in turn). */
  probeLeaves(value: unknown): void {
    this.leaves?.scan(value);
  }
}
