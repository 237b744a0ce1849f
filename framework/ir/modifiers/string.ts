/** contains / startswith / endswith / cased (semantics §5.2, §9). */
import { withWildcards } from '../pattern.js';
import type { FieldrefPosition } from '../types.js';
import { asString, type ModifierDef, type Work, type ModifierContext } from './work.js';

function positioned(name: string, start: boolean, end: boolean): ModifierDef {
  return {
    name,
    apply(work: Work, ctx: ModifierContext): Work | null {
      ctx.flags.positioned = true;
      if (work.t === 're') return work; // search semantics already: a no-op on regexes (§5.2)
      if (work.t === 'ref') return { ...work, position: mergePosition(work.position, start, end) };
      const str = asString(work, ctx, name);
      if (!str) return null;
      return { t: 'str', alts: str.alts.map((p) => withWildcards(p, start, end)), bytes: str.bytes };
    },
  };
}

function mergePosition(current: FieldrefPosition, start: boolean, end: boolean): FieldrefPosition {
  const anyStart = start || current === 'contains' || current === 'endswith';
  const anyEnd = end || current === 'contains' || current === 'startswith';
  if (anyStart && anyEnd) return 'contains';
  if (anyStart) return 'endswith';
  return anyEnd ? 'startswith' : 'equals';
}

/** Where contains / startswith / endswith put a `*`: [at the start, at the end]. */
export const POSITIONS: ReadonlyMap<string, readonly [start: boolean, end: boolean]> = new Map([
  ['contains', [true, true]],
  ['startswith', [false, true]],
  ['endswith', [true, false]],
]);

export const contains = positioned('contains', true, true);
export const startswith = positioned('startswith', false, true);
export const endswith = positioned('endswith', true, false);

export const cased: ModifierDef = {
  name: 'cased',
  apply(work, ctx) {
    if (work.t === 'raw' && work.v === null) {
      ctx.report('INVALID_VALUE', "'cased' applies to strings, not to null");
      return null;
    }
    if (work.t === 're' || work.t === 'done') {
      ctx.report('MODIFIER_CHAIN', `'cased' does not apply to a ${work.t === 're' ? 'regular expression' : work.matcher.kind} value`);
      return null;
    }
    ctx.flags.cased = true;
    return work;
  },
};
