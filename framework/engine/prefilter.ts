/**
 * The literal prefilter of the ruleset matcher: one index over the clauses (prefilter-atoms.ts) of the rules of
 * every routing leaf (routing.ts). Contract — it may only over-approximate: `collect(view, leaves, count)` adds
 * to the candidate set every rule of a routed leaf all of whose clauses (in that leaf) have an atom that holds
 * on the event, and every rule of a routed leaf without clauses; it may add more.
 * Per field name, shared by all leaves, a FieldProbe (field-probe.ts) maps atoms to the clauses they satisfy;
 * keyword atoms are one such probe run over every leaf of the event (keyword-leaves.ts), each plan scanning only
 * the keyword needles of its routed leaves (FieldProbe.leavesScanner). Only the fields the routed leaves use are
 * looked up, and only when the event can have them: own key `name`, or own key `name.split('.')[0]` for dotted
 * names (engine/field.ts lookup rules); any other field is absent, and no atom holds on an absent field. What a
 * combination of routed leaves needs (rules without clauses, fields to probe, keyword scanner) is computed once
 * per combination (a Plan). No allocation per rule, clause or needle.
 */
import type { CandidateSet } from './candidate-set.js';
import type { EventView } from './event-view.js';
import { ClauseState, FieldProbe, ProbeBuilder } from './field-probe.js';
import { IntBuffer } from './int-buffer.js';
import type { KeywordLeaves } from './keyword-leaves.js';
import type { Atom, AtomSet, Clauses } from './prefilter-atoms.js';

export interface PrefilterEntry {
  readonly rule: number;
  /** All must hold for the rule to be a candidate; [] = always a candidate. */
  readonly clauses: Clauses;
}

export interface PrefilterOptions {
  /** Every event's own properties are enumerable (JSON data), so Object.keys lists them all. */
  readonly plainEvents?: boolean;
  /** Up to this many wanted fields, each is looked up; above, the event's own keys are listed (default 24). */
  readonly directProbes?: number;
}

const DIRECT_PROBES = 24;

/** Whether for-in over `object` visits own keys only: no prototype, or Object.prototype without enumerable keys. */
function forInVisitsOwnKeysOnly(object: object): boolean {
  const proto: unknown = Object.getPrototypeOf(object);
  return proto === null || (proto === Object.prototype && Object.keys(Object.prototype).length === 0);
}

interface LeafIndex {
  readonly always: readonly number[];
  readonly probes: readonly number[];
  readonly keywords: boolean;
}

/** What a combination of routed leaves needs, computed once per combination. */
interface Plan {
  /** The leaves' rules without atoms, each once. */
  readonly always: Int32Array;
  readonly probes: readonly FieldProbe[];
  /** Own key → wanted probes; null when there are few probes (checked one by one). */
  readonly byOwnKey: Map<string, FieldProbe[]> | null;
  /** The scanner of the keyword needles of these leaves (null: none). */
  readonly keywords: KeywordLeaves | null;
}

/** Cached plans at most (combinations of up to MAX_PLAN_LEAVES leaves). */
const MAX_PLANS = 4096;
const MAX_PLAN_LEAVES = 3;

export class Prefilter {
  private readonly state: ClauseState;
  private readonly leaves: readonly LeafIndex[];
  private readonly probes: FieldProbe[] = [];
  private readonly keywords: FieldProbe | null;
  private readonly plans = new Map<number, Plan>();
  /** Plans of single routed leaves, by leaf id (the common case). */
  private readonly singlePlans: (Plan | undefined)[] = [];
  private readonly ownKeys: (event: object) => string[];
  private readonly directProbes: number;

  /** `leaves[leaf]`: the (rule, clauses) entries of that leaf; a rule may appear several times (OR-ed). */
  constructor(leaves: readonly (readonly PrefilterEntry[])[], out: CandidateSet, options: PrefilterOptions = {}) {
    this.ownKeys = options.plainEvents ? Object.keys : Object.getOwnPropertyNames;
    this.directProbes = options.directProbes ?? DIRECT_PROBES;
    const always = leaves.map((entries) => new Set(entries.filter((e) => e.clauses.length === 0).map((e) => e.rule)));
    const builders = new Map<string | null, ProbeBuilder>();
    const fieldsOf = leaves.map(() => new Set<string>());
    const keywordLeaves = new Set<number>();
    const clauseEntry = new IntBuffer(1024);
    const entryRule = new IntBuffer(1024);
    const entryNeed = new IntBuffer(1024);
    // Indexed loops: this runs once per rule set, mostly before it is optimised (for-of allocates then).
    for (let leaf = 0; leaf < leaves.length; leaf++) {
      const entries = leaves[leaf] as readonly PrefilterEntry[];
      const alwaysHere = always[leaf] as Set<number>;
      const fields = fieldsOf[leaf] as Set<string>;
      for (let e = 0; e < entries.length; e++) {
        const { rule, clauses } = entries[e] as PrefilterEntry;
        if (alwaysHere.has(rule)) continue;
        const entry = entryRule.push(rule);
        entryNeed.push(clauses.length);
        for (let c = 0; c < clauses.length; c++) {
          const clause = clauses[c] as AtomSet;
          const id = clauseEntry.push(entry);
          for (let a = 0; a < clause.length; a++) {
            const atom = clause[a] as Atom;
            let b = builders.get(atom.field);
            if (!b) builders.set(atom.field, (b = new ProbeBuilder()));
            b.add(atom, leaf, id);
            if (atom.field === null) keywordLeaves.add(leaf);
            else fields.add(atom.field);
          }
        }
      }
    }
    this.state = new ClauseState(out, leaves.length, clauseEntry.array(), entryRule.array(), entryNeed.array());
    const keywordBuilder = builders.get(null);
    this.keywords = keywordBuilder ? new FieldProbe(-1, null, keywordBuilder, this.state) : null;
    const byName = new Map<string, FieldProbe>();
    for (const [name, b] of builders) {
      if (name === null) continue;
      const probe = new FieldProbe(this.probes.length, name, b, this.state);
      this.probes.push(probe);
      byName.set(name, probe);
    }
    this.leaves = leaves.map((_, leaf) => ({
      always: [...(always[leaf] as Set<number>)],
      probes: [...(fieldsOf[leaf] as Set<string>)].map((f) => (byName.get(f) as FieldProbe).id),
      keywords: keywordLeaves.has(leaf),
    }));
  }

  /** Adds the candidates of the routed leaves `leafIds[0..count)` (distinct) for the event. */
  collect(view: EventView, leafIds: Int32Array, count: number): void {
    const { out, leafStamps } = this.state;
    for (let i = 0; i < count; i++) leafStamps[leafIds[i] as number] = out.epoch;
    const plan = this.planFor(leafIds, count);
    out.addAll(plan.always);
    const event = view.event;
    const keywords = plan.keywords;
    if (plan.byOwnKey === null) {
      keywords?.scan(event);
      // The view's lookup is as cheap as checking that the field can be there, and it is cached for the rules.
      for (const probe of plan.probes) this.probeField(probe, view);
      return;
    }
    const keys = this.ownKeys(event);
    // The keyword walk shares this pass when for-in would visit no inherited key (own non-enumerable keys only
    // add leaves: an over-approximation).
    const shared = keywords !== null && forInVisitsOwnKeysOnly(event);
    if (!shared) keywords?.scan(event);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const probes = plan.byOwnKey.get(key);
      if (probes !== undefined) for (let i = 0; i < probes.length; i++) this.probeField(probes[i] as FieldProbe, view);
      if (shared) keywords.scan(event[key]);
    }
  }

  private planFor(leafIds: Int32Array, count: number): Plan {
    if (count === 1) {
      const leaf = leafIds[0] as number;
      return (this.singlePlans[leaf] ??= this.plan(leafIds, 1));
    }
    const base = this.leaves.length + 1;
    if (count > MAX_PLAN_LEAVES || base ** MAX_PLAN_LEAVES > Number.MAX_SAFE_INTEGER) return this.plan(leafIds, count);
    let key = 0;
    for (let i = 0; i < count; i++) key = key * base + (leafIds[i] as number) + 1;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      plan = this.plan(leafIds, count);
      if (this.plans.size < MAX_PLANS) this.plans.set(key, plan);
    }
    return plan;
  }

  private plan(leafIds: Int32Array, count: number): Plan {
    const leaves = [...leafIds.subarray(0, count)].map((id) => this.leaves[id] as LeafIndex);
    const probes = [...new Set(leaves.flatMap((l) => l.probes))].map((id) => this.probes[id] as FieldProbe);
    let byOwnKey: Map<string, FieldProbe[]> | null = null;
    if (probes.length > this.directProbes) {
      byOwnKey = new Map();
      for (const probe of probes) {
        for (const key of new Set([probe.name as string, ...(probe.path ? [probe.path[0] as string] : [])])) {
          const list = byOwnKey.get(key);
          if (list) list.push(probe);
          else byOwnKey.set(key, [probe]);
        }
      }
    }
    const always = Int32Array.from(new Set(leaves.flatMap((l) => l.always)));
    const keywordLeaves = [...leafIds.subarray(0, count)].filter((id) => (this.leaves[id] as LeafIndex).keywords);
    const keywords = keywordLeaves.length > 0 ? (this.keywords?.leavesScanner(keywordLeaves) ?? null) : null;
    return { always, probes, byOwnKey, keywords };
  }

  private probeField(probe: FieldProbe, view: EventView): void {
    const epoch = this.state.out.epoch;
    if (probe.probed === epoch) return;
    probe.probed = epoch;
    const value = view.fieldAt(probe.slot, probe.name as string, probe.path);
    if (value.raw !== undefined) probe.probe(value.views);
  }
}
