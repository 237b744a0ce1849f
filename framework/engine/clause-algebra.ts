/**
 * The clause algebra of prefilter-atoms.ts (its header gives the rules): clauses (disjunctions of atoms, with
 * their cost) combined by conjunction — the cheapest distinct ones kept — and by disjunction — position by position
 * unions. In: clauses made by a ClauseMaker (AtomCosts, which knows the costs). Out: clause lists; the same
 * clauses, in the same order, as the set-based definitions of the header give (de-duplication by atom key set,
 * each set at its first position with its last clause; stable ordering by cost).
 */
import type { Term } from './atom-table.js';

/** A clause while deriving: atoms of distinct keys, its cost (computed once), a signature of its key set. */
export interface Clause {
  /** Its atoms (terms are atoms), as necessaryClauses returns them. */
  readonly terms: readonly Term[];
  /** The sorted kids, joined; '' until first compared (most clauses never are). */
  sig: string;
  readonly cost: number;
  /** Free of keyword and presence atoms. */
  readonly selective: boolean;
}

/** Makes clauses: their cost needs the rule set's statistics (AtomCosts). */
export interface ClauseMaker {
  /** The clause of atoms of distinct keys `terms`. */
  clause(terms: readonly Term[]): Clause;
  /** The clause [t] (the same object for the same atom). */
  single(t: Term): Clause;
}

/** A conjunction of clauses while deriving: [] = nothing known. */
export type Conj = readonly Clause[];

/** The conjunction of no clause: nothing known. */
export const NOTHING: Conj = [];

/** Clauses kept per rule variant (and per node while deriving). */
export const MAX_CLAUSES = 3;

/**
 * Clauses beyond the first are kept only when at most this costly and free of keyword and presence atoms: a
 * weak clause rarely rules a rule out and costs index hits (or a scan of every leaf) on most events.
 */
const EXTRA_CLAUSE_MAX_COST = 100;

/** The clause's atom key set, as a string (made on first use). */
function signature(c: Clause): string {
  if (c.sig === '') c.sig = c.terms.length === 1 ? String((c.terms[0] as Term).kid) : c.terms.map((t) => t.kid).sort((a, b) => a - b).join(',');
  return c.sig;
}

/** Union of clauses: atoms by key, each key at its first position with its last atom. */
export function unionOf(parts: readonly Clause[], costs: ClauseMaker): Clause {
  const first = parts[0] as Clause;
  let same = true;
  for (let i = 1; i < parts.length && same; i++) same = parts[i] === first;
  if (same) return first;
  const seen = new Map<number, Term>();
  for (let p = 0; p < parts.length; p++) {
    const terms = (parts[p] as Clause).terms;
    for (let i = 0; i < terms.length; i++) seen.set((terms[i] as Term).kid, terms[i] as Term);
  }
  return costs.clause([...seen.values()]);
}

/** unionOf of the clauses [t] of `terms` (non-empty), without making those clauses. */
export function unionOfAtoms(terms: readonly Term[], costs: ClauseMaker): Clause {
  const first = terms[0] as Term;
  let same = true;
  for (let i = 1; i < terms.length && same; i++) same = terms[i] === first;
  if (same) return costs.single(first);
  const seen = new Map<number, Term>();
  for (let i = 0; i < terms.length; i++) seen.set((terms[i] as Term).kid, terms[i] as Term);
  return costs.clause([...seen.values()]);
}

/** Above this many clauses, a conjunction de-duplicates with a map and sorts with Array.prototype.sort. */
const SMALL_CONJUNCTION = 16;

/** The cheapest distinct clauses of a conjunction: the cheapest one, then up to MAX_CLAUSES selective ones. */
export function conjunction(parts: readonly Conj[]): Conj {
  let total = 0;
  let only: Conj = NOTHING;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as Conj;
    if (part.length === 0) continue;
    total += part.length;
    only = part;
  }
  if (total <= 1) return only;
  // Distinct by atom set: the first position of a set, with its last clause; then a stable sort by cost.
  const ranked = total > SMALL_CONJUNCTION ? distinctLarge(parts) : distinctSmall(parts);
  if (ranked.length > SMALL_CONJUNCTION) ranked.sort((a, b) => a.cost - b.cost);
  else insertionSortByCost(ranked);
  const kept: Clause[] = [];
  for (let i = 0; i < ranked.length && kept.length < MAX_CLAUSES; i++) {
    const c = ranked[i] as Clause;
    if (i === 0 || (c.cost <= EXTRA_CLAUSE_MAX_COST && c.selective)) kept.push(c);
  }
  return kept;
}

function distinctSmall(parts: readonly Conj[]): Clause[] {
  const out: Clause[] = [];
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as Conj;
    for (let i = 0; i < part.length; i++) {
      const clause = part[i] as Clause;
      let at = out.indexOf(clause);
      if (at < 0) {
        const sig = signature(clause);
        at = out.findIndex((c) => signature(c) === sig);
      }
      if (at < 0) out.push(clause);
      else out[at] = clause;
    }
  }
  return out;
}

function distinctLarge(parts: readonly Conj[]): Clause[] {
  const distinct = new Map<string, Clause>();
  for (const part of parts) for (const clause of part) distinct.set(signature(clause), clause);
  return [...distinct.values()];
}

/** Stable, in place. */
function insertionSortByCost(list: Clause[]): void {
  for (let i = 1; i < list.length; i++) {
    const c = list[i] as Clause;
    let j = i - 1;
    while (j >= 0 && (list[j] as Clause).cost > c.cost) {
      list[j + 1] = list[j] as Clause;
      j--;
    }
    list[j + 1] = c;
  }
}

/** A disjunction of conjunctions: position by position unions (see the header); [] if a part knows nothing. */
export function disjunction(parts: readonly Conj[], costs: ClauseMaker): Conj {
  if (parts.length === 0) return NOTHING;
  let width = 0;
  for (let p = 0; p < parts.length; p++) {
    const length = (parts[p] as Conj).length;
    if (length === 0) return NOTHING;
    if (length > width) width = length;
  }
  if (parts.length === 1) return conjunction(parts);
  const clauses: Clause[] = [];
  const column: Clause[] = new Array<Clause>(parts.length);
  for (let i = 0; i < width; i++) {
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p] as Conj;
      column[p] = part[Math.min(i, part.length - 1)] as Clause;
    }
    clauses.push(unionOf(column, costs));
  }
  return conjunction([clauses]);
}
