/**
 * Equality keys for indexing (semantics §7 "Per value"). A rule matcher that can only hold by equality (a
 * wildcard-free string, a number, a boolean) is reduced to one key in one of two key spaces; an event value is
 * reduced to its key in each space. Contract (may only over-approximate): whenever the compiled matcher
 * (compile-matcher.ts) holds on a value view, the view's key in the matcher's space equals the matcher's key.
 * Equal keys do not imply a match (`cased` equality is indexed by its folded text).
 *  - text space: the folded string form (`v.folded`); strings compare folded, booleans as 'true'/'false'.
 *  - number space: a number (or decimal numeric string) as `String(n)`, any other non-boolean value as its
 *    folded string form (numberTest compares `v.folded === String(expected)` then), booleans have none.
 */
import type { IrMatcher } from '../ir/types.js';
import type { ValueView } from './compile-matcher.js';
import { foldCase } from './fold.js';
import { numericValue } from './values.js';

export type KeySpace = 'text' | 'number';

export interface EqualityKey {
  readonly space: KeySpace;
  readonly key: string;
  /**
   * Text space only: the literal as written. An event string equal to it has `key` as its folded form (folding a
   * string equals folding its pieces, fold.ts), so an index may look the unfolded event text up first.
   */
  readonly exact?: string;
}

/** The key of a matcher that holds only on values with that key; null when the matcher is not an equality. */
export function matcherEqualityKey(m: IrMatcher): EqualityKey | null {
  switch (m.kind) {
    case 'string': {
      const only = m.pattern.length === 1 ? m.pattern[0] : undefined;
      if (only !== undefined) {
        // One literal (most equality values): the same key as below, without the intermediate arrays.
        if (only.t !== 'lit') return null;
        return { space: 'text', key: foldCase(only.v), exact: only.v };
      }
      if (!m.pattern.every((p) => p.t === 'lit')) return null;
      const raw = m.pattern.map((p) => (p.t === 'lit' ? p.v : '')).join('');
      // Uncased: compiled compares v.folded with the concatenation of the folded parts. Cased: v.text === raw,
      // hence v.folded === foldCase(raw).
      const key = m.cased ? foldCase(raw) : m.pattern.map((p) => (p.t === 'lit' ? foldCase(p.v) : '')).join('');
      return { space: 'text', key, exact: raw };
    }
    case 'number':
      return { space: 'number', key: String(m.value) };
    case 'bool':
      return { space: 'text', key: String(m.value) };
    default:
      return null;
  }
}

/** The number-space key of an event value (see the header), or null for booleans. */
/** String keys of the integers 0..65535 (event ids, ports, logon types…), so the hot path does not allocate them. */
const SMALL_INT_KEYS: readonly string[] = Array.from({ length: 65536 }, (_, i) => String(i));

function smallIntKey(n: number): string | undefined {
  return (n & 0xffff) === n ? SMALL_INT_KEYS[n] : undefined;
}

export function numberKeyOf(v: ValueView): string | null {
  const raw = v.raw;
  if (typeof raw === 'number') return smallIntKey(raw) ?? String(raw);
  if (typeof raw === 'boolean') return null;
  const n = numericValue(raw);
  return n !== null ? String(n) : v.folded;
}
