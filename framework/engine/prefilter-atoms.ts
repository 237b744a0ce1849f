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
 */
import type { ConditionExpr, IrDetection, IrItem, IrMatcher, IrRule, IrValue, IrVariant } from '../ir/types.js';
import { matcherEqualityKey, type KeySpace } from './equality-keys.js';
import { foldCase } from './fold.js';
import { requiredRegexLiterals } from './regex-literal.js';

export type Atom =
  | { readonly kind: 'sub'; readonly field: string | null; readonly needle: string }
  | { readonly kind: 'eq'; readonly field: string; readonly space: KeySpace; readonly key: string; readonly exact?: string }
  | { readonly kind: 'has'; readonly field: string };

/** A non-empty disjunction of atoms. */
export type AtomSet = readonly Atom[];

type Renames = Readonly<Record<string, string>>;

/** Presence is a weak filter (the fields a rule reads are usually present in its log source): last resort. */
const HAS_COST = 1000;

function atomKey(a: Atom): string {
  if (a.kind === 'has') return `h\u0000${a.field}`;
  return a.kind === 'sub' ? `s\u0000${a.field ?? '\u0001'}\u0000${a.needle}` : `e\u0000${a.field}\u0000${a.space}\u0000${a.key}`;
}

/**
 * Costs for choosing among necessary sets: a guess of how often an atom holds on events. Exact text keys and
 * long needles are selective, numbers (EventID, LogonType…) come from small domains, short needles and keywords
 * are not selective, and an atom many rules share (`Provider_Name: Service Control Manager`, `.exe`) is likely
 * common in events too.
 */
export class AtomCosts {
  private readonly rulesPerAtom = new Map<string, number>();

  /** Counts, for every atom any item alternative yields, how many rules use it. */
  static fromRules(rules: readonly IrRule[]): AtomCosts {
    const costs = new AtomCosts();
    for (const rule of rules) {
      const keys = new Set<string>();
      for (const variant of rule.variants) for (const d of Object.values(rule.detections)) collectItemAtoms(d, variant.renames, keys);
      for (const key of keys) costs.rulesPerAtom.set(key, (costs.rulesPerAtom.get(key) ?? 0) + 1);
    }
    return costs;
  }

  atom(a: Atom): number {
    const shared = 1 + ((this.rulesPerAtom.get(atomKey(a)) ?? 1) - 1) / 4;
    if (a.kind === 'has') return HAS_COST * shared;
    if (a.kind === 'eq') return (a.space === 'text' ? 1 : 3) * shared;
    const length = a.needle.length;
    return (1 + 24 / (length * length)) * (a.field === null ? 3 : 1) * shared;
  }

  set(set: AtomSet): number {
    let sum = 0;
    for (const a of set) sum += this.atom(a);
    return sum;
  }
}

function collectItemAtoms(d: IrDetection, renames: Renames, keys: Set<string>): void {
  if (d.kind !== 'item') {
    for (const c of d.children) collectItemAtoms(c, renames, keys);
    return;
  }
  const field = d.item.field === null ? null : (renames[d.item.field] ?? d.item.field);
  for (const v of d.item.values) for (const m of v.alternatives) for (const c of alternativeClauses(m, field)) for (const a of c) keys.add(atomKey(a));
}

/** Union of sets; null as soon as one part has no set. */
function unionOf(parts: readonly (AtomSet | null)[]): AtomSet | null {
  const seen = new Map<string, Atom>();
  for (const part of parts) {
    if (part === null) return null;
    for (const a of part) seen.set(atomKey(a), a);
  }
  return seen.size > 0 ? [...seen.values()] : null;
}

/** Clauses kept per rule variant (and per node while deriving). */
export const MAX_CLAUSES = 3;

/** Conjunctions of clauses, as a clause list: [] = nothing known. */
export type Clauses = readonly AtomSet[];

/**
 * Clauses beyond the first are kept only when at most this costly and free of keyword and presence atoms: a
 * weak clause rarely rules a rule out and costs index hits (or a scan of every leaf) on most events.
 */
const EXTRA_CLAUSE_MAX_COST = 100;

/** The cheapest distinct clauses of a conjunction: the cheapest one, then up to MAX_CLAUSES selective ones. */
function conjunction(parts: readonly Clauses[], costs: AtomCosts): Clauses {
  const distinct = new Map<string, AtomSet>();
  for (const part of parts) for (const clause of part) distinct.set(clause.map(atomKey).sort().join('\u0002'), clause);
  const ranked = [...distinct.values()].map((c) => ({ c, cost: costs.set(c) })).sort((a, b) => a.cost - b.cost);
  const extra = (x: { c: AtomSet; cost: number }): boolean =>
    x.cost <= EXTRA_CLAUSE_MAX_COST && x.c.every((a) => a.field !== null && a.kind !== 'has');
  return ranked.filter((x, i) => i === 0 || extra(x)).slice(0, MAX_CLAUSES).map((x) => x.c);
}

/** A disjunction of conjunctions: position by position unions (see the header); [] if a part knows nothing. */
function disjunction(parts: readonly Clauses[], costs: AtomCosts): Clauses {
  if (parts.length === 0 || parts.some((p) => p.length === 0)) return [];
  const width = Math.max(...parts.map((p) => p.length));
  const clauses: AtomSet[] = [];
  for (let i = 0; i < width; i++) clauses.push(unionOf(parts.map((p) => p[Math.min(i, p.length - 1)] as AtomSet)) as AtomSet);
  return conjunction([clauses], costs);
}

/** The needles a match of the string matcher must contain in the folded text, longest first (see the header). */
function stringNeedles(m: Extract<IrMatcher, { kind: 'string' }>): string[] {
  const segments: string[] = [''];
  for (const part of m.pattern) {
    if (part.t !== 'lit') segments.push('');
    else segments[segments.length - 1] += m.cased ? part.v : foldCase(part.v);
  }
  const pieces = m.cased ? segments.flatMap((s) => s.split(/[^\x00-\x7f]+/)).map((s) => s.toLowerCase()) : segments;
  return [...new Set(pieces.filter((p) => p !== ''))].sort((a, b) => b.length - a.length);
}

/** Whether the matcher is false on an absent field (compile.ts: only `null` and `exists: false` hold there). */
function requiresPresence(m: IrMatcher): boolean {
  return m.kind === 'exists' ? m.value : m.kind !== 'null';
}

/** Needles besides the longest of an alternative are kept when at least this long (short ones hit too often). */
const MIN_EXTRA_NEEDLE = 3;

/** Atoms one alternative implies: a conjunction, each needle of a pattern being necessary on its own. */
function alternativeClauses(m: IrMatcher, field: string | null): Clauses {
  if (field !== null) {
    const eq = matcherEqualityKey(m);
    if (eq) return [[{ kind: 'eq', field, space: eq.space, key: eq.key, ...(eq.exact !== undefined ? { exact: eq.exact } : {}) }]];
  }
  const needles = m.kind === 'string' ? stringNeedles(m) : m.kind === 'regex' ? requiredRegexLiterals(m.source, m.flags) : [];
  const kept = needles.filter((n, i) => i === 0 || n.length >= MIN_EXTRA_NEEDLE);
  if (kept.length > 0) return kept.map((needle): AtomSet => [{ kind: 'sub', field, needle }]);
  return field !== null && requiresPresence(m) ? [[{ kind: 'has', field }]] : [];
}

function valueClauses(v: IrValue, field: string | null, costs: AtomCosts): Clauses {
  return disjunction(v.alternatives.map((m) => alternativeClauses(m, field)), costs);
}

function itemClauses(item: IrItem, renames: Renames, costs: AtomCosts): Clauses {
  if (item.negated) return [];
  const field = item.field === null ? null : (renames[item.field] ?? item.field);
  const values = item.values.map((v) => valueClauses(v, field, costs));
  return item.linking === 'and' ? conjunction(values, costs) : disjunction(values, costs);
}

function detectionClauses(d: IrDetection, renames: Renames, costs: AtomCosts): Clauses {
  if (d.kind === 'item') return itemClauses(d.item, renames, costs);
  const children = d.children.map((c) => detectionClauses(c, renames, costs));
  return d.kind === 'allOf' ? conjunction(children, costs) : disjunction(children, costs);
}

function conditionClauses(expr: ConditionExpr, ref: (name: string) => Clauses, costs: AtomCosts): Clauses {
  switch (expr.kind) {
    case 'and':
      return conjunction(expr.args.map((a) => conditionClauses(a, ref, costs)), costs);
    case 'or':
      return disjunction(expr.args.map((a) => conditionClauses(a, ref, costs)), costs);
    case 'not':
      return [];
    case 'ref':
      return ref(expr.name);
    case 'of': {
      const parts = expr.names.map(ref);
      return expr.quantifier === 'all' ? conjunction(parts, costs) : disjunction(parts, costs);
    }
  }
}

/** See the header: clauses that all hold on every event the rule matches under `variant`; [] = none known. */
export function necessaryClauses(rule: IrRule, variant: IrVariant, costs: AtomCosts = new AtomCosts()): Clauses {
  const memo = new Map<string, Clauses>();
  const ref = (name: string): Clauses => {
    if (!memo.has(name)) {
      const d = rule.detections[name];
      memo.set(name, d === undefined ? [] : detectionClauses(d, variant.renames, costs));
    }
    return memo.get(name) ?? [];
  };
  return disjunction(rule.conditions.map((c) => conditionClauses(c, ref, costs)), costs);
}
