/** exists (§5.11) and fieldref (§5.14). */
import { hasWildcard, parseSigmaString } from '../pattern.js';
import type { ModifierDef } from './work.js';
import { mustBeFirst } from './work.js';

export const exists: ModifierDef = {
  name: 'exists',
  apply(work, ctx) {
    if (!mustBeFirst(ctx, 'exists')) return null;
    if (ctx.field === null) {
      ctx.report('MODIFIER_CHAIN', "'exists' needs a field name (it cannot be used on keywords)");
      return null;
    }
    if (work.t !== 'raw' || typeof work.v !== 'boolean') {
      ctx.report('INVALID_VALUE', "'exists' needs a YAML boolean: true (field present) or false (field absent)");
      return null;
    }
    return { t: 'done', matcher: { kind: 'exists', value: work.v } };
  },
};

export const fieldref: ModifierDef = {
  name: 'fieldref',
  apply(work, ctx) {
    if (ctx.field === null) {
      ctx.report('MODIFIER_CHAIN', "'fieldref' needs a field name (it cannot be used on keywords)");
      return null;
    }
    if (work.t !== 'raw' || typeof work.v !== 'string' || work.v === '' || hasWildcard(parseSigmaString(work.v))) {
      ctx.report('INVALID_VALUE', "'fieldref' needs the name of another field (a string without wildcards)");
      return null;
    }
    return { t: 'ref', field: work.v, position: 'equals' };
  },
};
