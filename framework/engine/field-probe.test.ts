/**
 * FieldProbe: an atom that holds satisfies its clauses in the routed leaves only, an entry becomes a candidate
 * when all its clauses are satisfied, and the clause lists are right whatever the order the (leaf, clause) pairs
 * were added in (the prefilter adds them grouped by leaf; other orders take the general path).
 */
import { describe, expect, it } from 'vitest';
import { CandidateSet } from './candidate-set.js';
import { ValueView } from './compile-matcher.js';
import { ClauseState, FieldProbe, ProbeBuilder } from './field-probe.js';

const eq = (key: string) => ({ kind: 'eq', field: 'F', space: 'text', key }) as const;
const sub = (needle: string) => ({ kind: 'sub', field: 'F', needle }) as const;

/** Entries: 0 → rule 10 (clauses 0, 1), 1 → rule 11 (clause 2), 2 → rule 12 (clause 3); leaves 0 and 1. */
function setup(adds: readonly [ReturnType<typeof eq> | ReturnType<typeof sub>, number, number][]) {
  const out = new CandidateSet(20);
  const state = new ClauseState(out, 2, Int32Array.from([0, 0, 1, 2]), Int32Array.from([10, 11, 12]), Int32Array.from([2, 1, 1]));
  const built = new ProbeBuilder();
  for (const [atom, leaf, clause] of adds) built.add(atom, leaf, clause);
  const probe = new FieldProbe(0, 'F', built, state);
  const candidates = (value: string, leaves: readonly number[]): number[] => {
    out.begin();
    for (const leaf of leaves) state.leafStamps[leaf] = out.epoch;
    probe.probe([new ValueView(value)]);
    return [...out.list.subarray(0, out.count)].sort((a, b) => a - b);
  };
  return candidates;
}

describe('FieldProbe', () => {
  it('satisfies the clauses of routed leaves only; an entry needs all its clauses', () => {
    const candidates = setup([
      [eq('x'), 0, 0],
      [sub('abc'), 0, 1],
      [eq('x'), 1, 2],
      [sub('abc'), 1, 3],
    ]);
    expect(candidates('x', [0, 1])).toEqual([11]);
    expect(candidates('zabcz', [0, 1])).toEqual([12]);
    expect(candidates('zabcz', [0])).toEqual([]);
    expect(candidates('x', [0])).toEqual([]);
  });

  it('builds the same lists from pairs added in any order, repeats included', () => {
    const grouped = setup([
      [eq('x'), 0, 0],
      [eq('x'), 0, 1],
      [eq('x'), 1, 2],
      [eq('x'), 1, 3],
    ]);
    const shuffled = setup([
      [eq('x'), 1, 3],
      [eq('x'), 0, 1],
      [eq('x'), 1, 2],
      [eq('x'), 0, 0],
      [eq('x'), 1, 3],
    ]);
    for (const leaves of [[0], [1], [0, 1], []]) expect(shuffled('x', leaves)).toEqual(grouped('x', leaves));
    expect(grouped('x', [0, 1])).toEqual([10, 11, 12]);
    expect(grouped('x', [1])).toEqual([11, 12]);
  });
});
