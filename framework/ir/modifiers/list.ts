/** all / neq: item-level modifiers (semantics §5.3, §5.10). They never change the values. */
import type { ModifierDef } from './work.js';

export const all: ModifierDef = {
  name: 'all',
  apply(work, ctx) {
    ctx.flags.linking = 'and';
    return work;
  },
};

export const neq: ModifierDef = {
  name: 'neq',
  apply(work, ctx) {
    ctx.flags.negated = true;
    return work;
  },
};
