/**
 * Correlation conditions (semantics §11.1): a map of `gt gte lt lte eq neq` → number, several AND-ed (a range),
 * and the window model each calls for (§11.4 points 4–5): `sliding` when every test is `gt`/`gte` and the type's
 * aggregate only grows as entries are added (event_count, value_count, temporal, temporal_ordered, value_sum —
 * the latter strictly only for non-negative values; with negative ones the same sliding algorithm still applies
 * and both engines agree), `anchored` otherwise.
 */
import type { CorrelationType, CountOp, CountTest, WindowModel } from './types.js';

export const COUNT_OPS: readonly CountOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];

const GROWING: ReadonlySet<CorrelationType> = new Set(['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum']);

export function isCountOp(key: string): key is CountOp {
  return (COUNT_OPS as readonly string[]).includes(key);
}

export function windowModelOf(type: CorrelationType, condition: readonly CountTest[]): WindowModel {
  const monotone = condition.length > 0 && condition.every((t) => t.op === 'gt' || t.op === 'gte');
  return monotone && GROWING.has(type) ? 'sliding' : 'anchored';
}
