/**
 * Necessary conditions for the ruleset prefilter. `necessaryClauses(rule, variant)` returns up to MAX_CLAUSES
 * clauses, each a non-empty set of atoms (a disjunction), such that WHENEVER the rule's conditions hold under the
 * variant (its renames applied), EVERY clause has at least one atom that holds on the event. `[]` = nothing is
 * known (the rule must always be evaluated). It may only over-approximate: a clause that holds says nothing; a
 * clause that fails on an event the rule matches is a bug.
 * Atoms (field names after renames; `field: null` = any leaf of the event, for keyword items):
 *  - `sub`: some element of the field has a folded string form (ValueView.folded) containing `needle`;
 *  - `eq`:  some element of the field has the equality key `key` in `space` (equality-keys.ts);
 *  - `has`: the field is present (its lookup is not `undefined`).
 * Derivation (C(x) = the clauses of x): and / all of / a map / an `all` item → the clauses of all children (the
 * cheapest MAX_CLAUSES kept: dropping a clause only weakens a conjunction); or / 1 of / a list of maps / an
 * OR-linked item → position by position, the union of the children's i-th clauses (a child with fewer clauses
 * repeats its last): if child j holds, each of its clauses holds, so each union holds; `[]` if a child has none;
 * not → `[]`. A value (an OR of alternatives) → the disjunction of its alternatives. An alternative → a
 * conjunction: wildcard-free string / number / bool on a field → one `eq`; other strings → one `sub` clause per
 * literal segment (uncased: folded exactly as the compiled matcher folds; `cased`: its ASCII runs, lower-cased —
 * ASCII folds the same in any context, so a cased occurrence in the text is a folded occurrence in the folded
 * text; non-ASCII cased text is never used); regex → one `sub` clause per literal every match contains
 * (regex-literal.ts); otherwise, on a field, `has` when the matcher is false on an absent field (all but `null`
 * and `exists: false`), else `[]`. Empty needles are never atoms. Negated (`neq`) items → `[]`.
 * Which clauses are kept is a heuristic (AtomCosts) and never affects correctness.
 * Cost: an AtomCosts is also the derivation's memory — atoms are interned (atom-table.ts), an item's atoms and
 * clauses are derived once per (item object, renamed field), so the two passes (counting, deriving) and the
 * variants of a rule share the work; clauses carry their cost and (when compared) a signature of their atom set;
 * conjunctions and disjunctions of clauses: clause-algebra.ts.
 */
import type { ConditionExpr, IrDetection, IrItem, IrMatcher, IrPatternPart, IrRule, IrValue, IrVariant } from '../ir/types.js';
import { AtomTable, type Atom, type Term } from './atom-table.js';
import { conjunction, disjunction, NOTHING, unionOfAtoms, type Clause, type ClauseMaker, type Conj } from './clause-algebra.js';
import { matcherEqualityKey } from './equality-keys.js';
import { foldCase } from './fold.js';
import { IntBuffer } from './int-buffer.js';
import { requiredRegexLiterals } from './regex-literal.js';

export type { Atom } from './atom-table.js';

/** A non-empty disjunction of atoms. */
export type AtomSet = readonly Atom[];

type Renames = Readonly<Record<string, string>>;

/** Presence is a weak filter (the fields a rule reads are usually present in its log source): last resort. */
const HAS_COST = 1000;

/**
 * Text keys this short (`'true'`, `'false'`, `'0'`, `'yes'`, `'-'`) are common field values: priced like needles of
 * their length and never kept as a conjunction's extra clause (their probe would cost more than it prunes).
 */
const SHORT_TEXT_KEY = 5;

function isShortTextKey(a: Atom): boolean {
  return a.kind === 'eq' && a.space === 'text' && a.key.length <= SHORT_TEXT_KEY;
}

/**
 * The clauses of an item not derived yet. (A placeholder of the type of the final value: a field changing from
 * null to an object changes its representation, and V8 then throws away the code optimised for the old one.)
 */
const UNDERIVED: readonly Clause[] = [];

/**
 * What an item yields on one (renamed) field: the atoms each alternative implies (a conjunction: each needle of a
 * pattern is necessary on its own), and its clauses. Flat, as it is kept for the whole derivation: `terms` holds
 * the atoms of every alternative of every value in order; `shape` is null when every value is one alternative
 * implying one atom (most items), else it gives, per value, its number of alternatives, then each alternative's
 * number of atoms.
 */
interface ItemAtoms {
  readonly field: string | null;
  readonly terms: readonly Term[];
  readonly shape: readonly number[] | null;
  /** Its clauses; UNDERIVED before. */
  clauses: Conj;
  /** The same item on another field (another variant's renames). */
  other: ItemAtoms | null;
}

export { MAX_CLAUSES } from './clause-algebra.js';

/** Conjunctions of clauses, as a clause list: [] = nothing known. */
export type Clauses = readonly AtomSet[];

/** Needles besides the longest of an alternative are kept when at least this long (short ones hit too often). */
const MIN_EXTRA_NEEDLE = 3;

/**
 * Costs for choosing among necessary sets: a guess of how often an atom holds on events. Exact text keys (but
 * short ones: SHORT_TEXT_KEY) and long needles are selective, numbers (EventID, LogonType…) come from small
 * domains, short needles and keywords are not selective, and an atom many rules share (`Provider_Name: Service
 * Control Manager`, `.exe`) is likely common in events too. Also the memory of the derivation (see the header): use one instance per rule set.
 */
export class AtomCosts implements ClauseMaker {
  private readonly table = new AtomTable();
  /** By kid (grown with the table): rules using the atom (0 = not counted). */
  private readonly rulesPerKid = new IntBuffer(1024);
  /** By term id: the clause [atom], made on first use (when the costs are final). */
  private readonly singles: (Clause | null)[] = [];
  private readonly items = new Map<IrItem, ItemAtoms>();

  /** Counts, for every atom any item alternative yields, how many rules use it. */
  static fromRules(rules: readonly IrRule[]): AtomCosts {
    const costs = new AtomCosts();
    /** By kid: the last rule counted (grown like rulesPerKid). */
    const lastRule = new IntBuffer(1024);
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index] as IrRule;
      const detections = Object.values(rule.detections);
      const variants = rule.variants;
      for (let v = 0; v < variants.length; v++) {
        const renames = (variants[v] as IrVariant).renames;
        // Variants may share a renaming: the rule's atoms under it are counted once.
        let seen = false;
        for (let w = 0; w < v && !seen; w++) seen = (variants[w] as IrVariant).renames === renames;
        if (seen) continue;
        for (let d = 0; d < detections.length; d++) costs.countItemAtoms(detections[d] as IrDetection, renames, index, lastRule);
      }
    }
    return costs;
  }

  private countItemAtoms(d: IrDetection, renames: Renames, rule: number, lastRule: IntBuffer): void {
    if (d.kind !== 'item') {
      const children = d.children;
      for (let i = 0; i < children.length; i++) this.countItemAtoms(children[i] as IrDetection, renames, rule, lastRule);
      return;
    }
    const field = d.item.field === null ? null : (renames[d.item.field] ?? d.item.field);
    const { terms } = this.itemAtoms(d.item, field);
    for (let n = this.table.keys; lastRule.length < n; ) lastRule.push(-1);
    this.grow();
    for (let i = 0; i < terms.length; i++) {
      const kid = (terms[i] as Term).kid;
      if (lastRule.at(kid) === rule) continue;
      lastRule.set(kid, rule);
      this.rulesPerKid.set(kid, this.rulesPerKid.at(kid) + 1);
    }
  }

  atom(a: Atom): number {
    return this.kidCost(this.table.of(a));
  }

  set(set: AtomSet): number {
    let sum = 0;
    for (const a of set) sum += this.atom(a);
    return sum;
  }

  /** Extends the per-kid and per-term lists to the table's size (kept dense: no holes). */
  private grow(): void {
    for (let n = this.table.keys; this.rulesPerKid.length < n; ) this.rulesPerKid.push(0);
    for (let n = this.table.size, k = this.singles.length; k < n; k++) this.singles.push(null);
  }

  private kidCost(t: Term): number {
    const a: Atom = t;
    const counted = t.kid < this.rulesPerKid.length ? this.rulesPerKid.at(t.kid) : 0;
    const shared = 1 + ((counted || 1) - 1) / 4;
    if (a.kind === 'has') return HAS_COST * shared;
    if (a.kind === 'eq') {
      if (a.space !== 'text') return 3 * shared;
      return (isShortTextKey(a) ? 1 + 24 / Math.max(1, a.key.length * a.key.length) : 1) * shared;
    }
    return (1 + 24 / (a.needle.length * a.needle.length)) * (a.field === null ? 3 : 1) * shared;
  }

  /** The atoms of an item's alternatives on (renamed) `field`, derived once per (item, field). */
  itemAtoms(item: IrItem, field: string | null): ItemAtoms {
    const first = this.items.get(item) ?? null;
    for (let found = first; found !== null; found = found.other) if (found.field === field) return found;
    const terms: Term[] = [];
    const shape: number[] = [];
    const values = item.values;
    let simple = values.length > 0;
    for (let v = 0; v < values.length; v++) {
      const alternatives = (values[v] as IrValue).alternatives;
      shape.push(alternatives.length);
      if (alternatives.length !== 1) simple = false;
      for (let a = 0; a < alternatives.length; a++) {
        const count = this.deriveInto(alternatives[a] as IrMatcher, field, terms);
        shape.push(count);
        if (count !== 1) simple = false;
      }
    }
    // Exact-size copies: these live as long as the derivation (a pushed-to array keeps spare slots).
    const atoms: ItemAtoms = { field, terms: terms.slice(), shape: simple ? null : shape.slice(), clauses: UNDERIVED, other: first };
    this.items.set(item, atoms);
    return atoms;
  }

  /** Appends to `out` the atoms the alternative `m` implies on `field`; returns how many. */
  private deriveInto(m: IrMatcher, field: string | null, out: Term[]): number {
    if (field !== null) {
      const eq = matcherEqualityKey(m);
      if (eq) {
        out.push(this.table.eq(field, eq.space, eq.key, eq.exact));
        return 1;
      }
    }
    const needles = m.kind === 'string' ? stringNeedles(m) : m.kind === 'regex' ? requiredRegexLiterals(m.source, m.flags) : [];
    if (needles.length > 0) {
      out.push(this.table.sub(field, needles[0] as string));
      let count = 1;
      for (let i = 1; i < needles.length; i++) {
        if ((needles[i] as string).length < MIN_EXTRA_NEEDLE) continue;
        out.push(this.table.sub(field, needles[i] as string));
        count++;
      }
      return count;
    }
    if (field !== null && requiresPresence(m)) {
      out.push(this.table.has(field));
      return 1;
    }
    return 0;
  }

  /** The clause [t]. */
  single(t: Term): Clause {
    if (this.singles.length < this.table.size) this.grow();
    return (this.singles[t.id] ??= this.clause([t]));
  }

  /** An alternative's clauses (its atoms terms[from..to)): one per atom (each is necessary on its own). */
  alternativeClauses(terms: readonly Term[], from = 0, to = terms.length): Conj {
    const clauses: Clause[] = [];
    for (let i = from; i < to; i++) clauses.push(this.single(terms[i] as Term));
    return clauses;
  }

  clause(terms: readonly Term[]): Clause {
    let cost = 0;
    let selective = true;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as Term;
      cost += this.kidCost(t);
      if (t.field === null || t.kind === 'has' || isShortTextKey(t)) selective = false;
    }
    return { terms, sig: '', cost, selective };
  }
}

/** The needles a match of the string matcher must contain in the folded text, longest first (see the header). */
function stringNeedles(m: Extract<IrMatcher, { kind: 'string' }>): string[] {
  const pieces: string[] = [];
  let segment = '';
  const pattern = m.pattern;
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i] as IrPatternPart;
    if (part.t === 'lit') segment += m.cased ? part.v : foldCase(part.v);
    else {
      addPieces(segment, m.cased, pieces);
      segment = '';
    }
  }
  addPieces(segment, m.cased, pieces);
  // Stable: equally long pieces keep their order.
  return pieces.length > 1 ? pieces.sort((a, b) => b.length - a.length) : pieces;
}

/** The distinct non-empty pieces of a segment: itself, or (cased) its ASCII runs, lower-cased. */
function addPieces(segment: string, cased: boolean, pieces: string[]): void {
  if (segment === '') return;
  if (!cased) {
    if (!pieces.includes(segment)) pieces.push(segment);
    return;
  }
  for (const run of segment.split(/[^\x00-\x7f]+/)) {
    const piece = run.toLowerCase();
    if (piece !== '' && !pieces.includes(piece)) pieces.push(piece);
  }
}

/** Whether the matcher is false on an absent field (compile.ts: only `null` and `exists: false` hold there). */
function requiresPresence(m: IrMatcher): boolean {
  return m.kind === 'exists' ? m.value : m.kind !== 'null';
}

function itemClauses(item: IrItem, renames: Renames, costs: AtomCosts): Conj {
  if (item.negated) return NOTHING;
  const atoms = costs.itemAtoms(item, item.field === null ? null : (renames[item.field] ?? item.field));
  if (atoms.clauses === UNDERIVED) {
    // An OR of values that each imply one atom (clauses [[atom]]) is the one clause uniting the atoms.
    if (atoms.shape === null && item.linking === 'or') atoms.clauses = [unionOfAtoms(atoms.terms, costs)];
    else {
      const values = valueClauses(atoms, costs);
      atoms.clauses = item.linking === 'and' ? conjunction(values) : disjunction(values, costs);
    }
  }
  return atoms.clauses;
}

/** Each value's clauses: the disjunction of its alternatives' (see ItemAtoms for the layout). */
function valueClauses(atoms: ItemAtoms, costs: AtomCosts): Conj[] {
  const { terms, shape } = atoms;
  if (shape === null) return terms.map((t) => [costs.single(t)]);
  const values: Conj[] = [];
  let at = 0;
  for (let s = 0; s < shape.length; ) {
    const alternatives = shape[s++] as number;
    const parts: Conj[] = [];
    for (let a = 0; a < alternatives; a++) {
      const count = shape[s++] as number;
      parts.push(costs.alternativeClauses(terms, at, at + count));
      at += count;
    }
    values.push(disjunction(parts, costs));
  }
  return values;
}

function detectionClauses(d: IrDetection, renames: Renames, costs: AtomCosts): Conj {
  if (d.kind === 'item') return itemClauses(d.item, renames, costs);
  const children = d.children.map((c) => detectionClauses(c, renames, costs));
  return d.kind === 'allOf' ? conjunction(children) : disjunction(children, costs);
}

function conditionClauses(expr: ConditionExpr, ref: (name: string) => Conj, costs: AtomCosts): Conj {
  switch (expr.kind) {
    case 'and':
      return conjunction(expr.args.map((a) => conditionClauses(a, ref, costs)));
    case 'or':
      return disjunction(expr.args.map((a) => conditionClauses(a, ref, costs)), costs);
    case 'not':
      return NOTHING;
    case 'ref':
      return ref(expr.name);
    case 'of': {
      const parts = expr.names.map(ref);
      return expr.quantifier === 'all' ? conjunction(parts) : disjunction(parts, costs);
    }
  }
}

/** See the header: clauses that all hold on every event the rule matches under `variant`; [] = none known. */
export function necessaryClauses(rule: IrRule, variant: IrVariant, costs: AtomCosts = new AtomCosts()): Clauses {
  // No memo per identifier: conditions seldom name one twice, and an item's clauses are memoised by `costs`.
  const ref = (name: string): Conj => {
    const d = rule.detections[name];
    return d === undefined ? NOTHING : detectionClauses(d, variant.renames, costs);
  };
  const clauses = disjunction(rule.conditions.map((c) => conditionClauses(c, ref, costs)), costs);
  return clauses.map((c) => c.terms);
}
