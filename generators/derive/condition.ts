/**
 * A small SAT-style search over a condition (semantics §6, §8): truth values for identifiers that make the
 * condition take a wanted value. In: the condition, randomness, optional preference (an identifier that should
 * take a given value) and `tight` (the other arguments of a deciding `or`/`and` get the opposite value, best
 * effort; the plain choice is tried next). Out: a partial assignment under which the condition has the wanted value whatever the unassigned
 * identifiers are (each step fixes a sub-expression's value), or null when none exists within the step budget.
 */
import type { ConditionExpr } from '../../framework/ir/types.js';
import { shuffled, type Rng } from './rng.js';

export type Assignment = ReadonlyMap<string, boolean>;

export interface ConditionSearch {
  readonly rng: Rng;
  readonly tight: boolean;
  readonly prefer?: { readonly name: string; readonly truth: boolean };
  /** Maximum number of expression visits (default 5,000). */
  readonly budget?: number;
}

interface State extends ConditionSearch {
  steps: number;
}

function expand(expr: ConditionExpr): ConditionExpr {
  if (expr.kind !== 'of') return expr;
  return { kind: expr.quantifier === 'all' ? 'and' : 'or', args: expr.names.map((name) => ({ kind: 'ref', name })) };
}

/** Polarities with which `name` occurs in `expr` (true = under an even number of `not`). */
function polarities(expr: ConditionExpr, name: string, positive = true, out = new Set<boolean>()): Set<boolean> {
  const e = expand(expr);
  if (e.kind === 'ref') {
    if (e.name === name) out.add(positive);
  } else if (e.kind === 'not') polarities(e.arg, name, !positive, out);
  else if (e.kind === 'and' || e.kind === 'or') for (const a of e.args) polarities(a, name, positive, out);
  return out;
}

function order(args: readonly ConditionExpr[], want: boolean, s: State): ConditionExpr[] {
  const shuffledArgs = shuffled(s.rng, args);
  const prefer = s.prefer;
  if (!prefer) return shuffledArgs;
  const rank = (a: ConditionExpr): number => {
    const p = polarities(a, prefer.name);
    if (p.size === 0) return 1;
    return p.has(want === prefer.truth) ? 0 : 2;
  };
  return shuffledArgs.sort((a, b) => rank(a) - rank(b));
}

function first(it: Iterator<Assignment>): Assignment | undefined {
  const r = it.next();
  return r.done ? undefined : r.value;
}

function* every(args: readonly ConditionExpr[], i: number, want: boolean, assign: Assignment, s: State): Generator<Assignment> {
  if (i === args.length) {
    yield assign;
    return;
  }
  for (const a of solutions(args[i] as ConditionExpr, want, assign, s)) yield* every(args, i + 1, want, a, s);
}

function* solutions(expr: ConditionExpr, want: boolean, assign: Assignment, s: State): Generator<Assignment> {
  if (++s.steps > (s.budget ?? 5000)) return;
  const e = expand(expr);
  if (e.kind === 'ref') {
    const current = assign.get(e.name);
    if (current === undefined) yield new Map(assign).set(e.name, want);
    else if (current === want) yield assign;
    return;
  }
  if (e.kind === 'not') {
    yield* solutions(e.arg, !want, assign, s);
    return;
  }
  if (e.kind === 'of') return;
  if ((e.kind === 'and') === want) {
    yield* every(e.args, 0, want, assign, s);
    return;
  }
  const args = order(e.args, want, s);
  for (const decider of args) {
    for (const a of solutions(decider, want, assign, s)) {
      if (!s.tight) {
        yield a;
        continue;
      }
      let tight = a;
      for (const other of args) if (other !== decider) tight = first(solutions(other, !want, tight, s)) ?? tight;
      yield tight;
      if (tight !== a) yield a;
    }
  }
}

/** A partial assignment giving `expr` the value `want`, or null (contradiction, or budget exhausted). */
export function solveCondition(expr: ConditionExpr, want: boolean, search: ConditionSearch): Assignment | null {
  const s: State = { ...search, steps: 0 };
  return first(solutions(expr, want, new Map(), s)) ?? null;
}
