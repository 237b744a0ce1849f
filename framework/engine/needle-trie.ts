/**
 * The trie of a set of needles, for trie-automaton.ts. In: distinct, non-empty needles. Out: the trie's states —
 * the needles' distinct prefixes, the root (empty prefix) being 0 — numbered breadth-first (by depth), with each
 * state's edges (to its one-unit-longer prefixes), the needle ending at each state, and a compacted alphabet:
 * class 1, 2, … for the code units of the needles in order of first appearance, 0 for every other unit.
 * How: needles are inserted unit by unit through an open-addressing table keyed by (state, code unit), then the
 * states are renumbered by depth (a counting sort) and their edges gathered per parent. No sort of the needles,
 * and no per-state object.
 */

export interface NeedleTrie {
  readonly states: number;
  /** States of depth at most the dense depth given (they come first in the numbering). */
  readonly dense: number;
  /** The class of each ASCII code unit (0 = in no needle), and of the other units that occur. */
  readonly ascii: Int32Array;
  readonly other: Map<number, number>;
  readonly classes: number;
  /** State → edges edgeStart[state]…edgeStart[state + 1], each a class and a target state. */
  readonly edgeStart: Int32Array;
  readonly edgeClass: Int32Array;
  readonly edgeTarget: Int32Array;
  /** State → index of the needle ending there, or -1. */
  readonly output: Int32Array;
}

/** Open-addressing table (state, code unit) → child state, sized for `capacity` entries. */
class ChildTable {
  private readonly mask: number;
  private readonly parents: Int32Array;
  private readonly codes: Int32Array;
  private readonly children: Int32Array;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.parents = new Int32Array(size).fill(-1);
    this.codes = new Int32Array(size);
    this.children = new Int32Array(size);
  }

  /** The child of `parent` on `code`, made `fresh` (and returned) when there is none. */
  childOf(parent: number, code: number, fresh: number): number {
    const { mask, parents, codes } = this;
    for (let slot = (Math.imul(parent, 0x9e3779b1) + code * 0x45d9f3b) & mask; ; slot = (slot + 1) & mask) {
      const p = parents[slot] as number;
      if (p === -1) {
        parents[slot] = parent;
        codes[slot] = code;
        this.children[slot] = fresh;
        return fresh;
      }
      if (p === parent && codes[slot] === code) return this.children[slot] as number;
    }
  }
}

/** The needles inserted: states numbered as made, with their parent, code unit and depth; the alphabet. */
interface Inserted {
  readonly made: number;
  readonly deepest: number;
  readonly parent: Int32Array;
  readonly unit: Int32Array;
  readonly depth: Int32Array;
  /** State → index of the needle ending there, or -1. */
  readonly ends: Int32Array;
  readonly ascii: Int32Array;
  readonly other: Map<number, number>;
  readonly classes: number;
}

// buildTrie runs in three functions, one per loop, on purpose: V8 optimises a long-running loop on its own (OSR),
// and code after it that had not run yet then has no type feedback, so the optimised function would bail out there
// on every later call (measured: 32 deoptimisations per rule set load, the rest of each build interpreted).

export function buildTrie(needles: readonly string[], denseDepth: number): NeedleTrie {
  const inserted = insertNeedles(needles);
  const { renumbered, original, dense } = breadthFirst(inserted, denseDepth);
  return { ...gatherEdges(inserted, renumbered, original), states: inserted.made, dense, ascii: inserted.ascii, other: inserted.other, classes: inserted.classes };
}

/** Insertion through an open-addressing table keyed by (state, code unit). */
function insertNeedles(needles: readonly string[]): Inserted {
  let units = 0;
  for (let i = 0; i < needles.length; i++) units += (needles[i] as string).length;
  const table = new ChildTable(units);
  const parent = new Int32Array(units + 1);
  const unit = new Int32Array(units + 1);
  const depth = new Int32Array(units + 1);
  const ends = new Int32Array(units + 1).fill(-1);
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  let classes = 0;
  let made = 1;
  let deepest = 0;
  for (let i = 0; i < needles.length; i++) {
    const needle = needles[i] as string;
    let state = 0;
    for (let j = 0; j < needle.length; j++) {
      const code = needle.charCodeAt(j);
      if (code < 128) {
        if (ascii[code] === 0) ascii[code] = ++classes;
      } else if (!other.has(code)) other.set(code, ++classes);
      const child = table.childOf(state, code, made);
      if (child === made) {
        parent[made] = state;
        unit[made] = code;
        depth[made] = j + 1;
        made++;
      }
      state = child;
    }
    ends[state] = i;
    if (needle.length > deepest) deepest = needle.length;
  }
  return { made, deepest, parent, unit, depth, ends, ascii, other, classes };
}

/** Breadth-first numbering: by depth (a stable counting sort), so parents and failure states come first. */
function breadthFirst(inserted: Inserted, denseDepth: number): { renumbered: Int32Array; original: Int32Array; dense: number } {
  const { made, deepest, depth } = inserted;
  const atDepth = new Int32Array(deepest + 2);
  for (let s = 0; s < made; s++) {
    const d = (depth[s] as number) + 1;
    atDepth[d] = (atDepth[d] as number) + 1;
  }
  for (let d = 1; d < atDepth.length; d++) atDepth[d] = (atDepth[d] as number) + (atDepth[d - 1] as number);
  const dense = atDepth[Math.min(denseDepth, deepest) + 1] as number;
  const renumbered = new Int32Array(made);
  const original = new Int32Array(made);
  for (let s = 0; s < made; s++) {
    const at = atDepth[depth[s] as number] as number;
    atDepth[depth[s] as number] = at + 1;
    renumbered[s] = at;
    original[at] = s;
  }
  return { renumbered, original, dense };
}

/** Edges gathered per parent (new numbers), in the new order of the children; outputs renumbered. */
function gatherEdges(inserted: Inserted, renumbered: Int32Array, original: Int32Array): Pick<NeedleTrie, 'edgeStart' | 'edgeClass' | 'edgeTarget' | 'output'> {
  const { made, parent, unit, ends, ascii, other } = inserted;
  const edgeStart = new Int32Array(made + 1);
  for (let s = 1; s < made; s++) {
    const p = (renumbered[parent[s] as number] as number) + 1;
    edgeStart[p] = (edgeStart[p] as number) + 1;
  }
  for (let s = 1; s <= made; s++) edgeStart[s] = (edgeStart[s] as number) + (edgeStart[s - 1] as number);
  const cursor = edgeStart.slice(0, made);
  const edgeClass = new Int32Array(made);
  const edgeTarget = new Int32Array(made);
  const output = new Int32Array(made);
  for (let n = 0; n < made; n++) {
    const s = original[n] as number;
    output[n] = ends[s] as number;
    if (n === 0) continue;
    const code = unit[s] as number;
    const p = renumbered[parent[s] as number] as number;
    const slot = cursor[p] as number;
    cursor[p] = slot + 1;
    edgeClass[slot] = code < 128 ? (ascii[code] as number) : (other.get(code) as number);
    edgeTarget[slot] = n;
  }
  return { edgeStart, edgeClass, edgeTarget, output };
}
