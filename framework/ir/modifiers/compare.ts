/** lt/lte/gt/gte (§5.9) and time parts minute/hour/day/week/month/year (§5.13): need a YAML number. */
import type { CompareOp, TimePart } from '../types.js';
import type { ModifierDef, Work, ModifierContext } from './work.js';

function numberValue(work: Work, ctx: ModifierContext, name: string): number | null {
  if (work.t === 'raw' && typeof work.v === 'number' && Number.isFinite(work.v)) return work.v;
  ctx.report('INVALID_VALUE', `'${name}' needs a YAML number (unquoted), not ${work.t === 'raw' ? JSON.stringify(work.v) : 'a transformed value'}`);
  return null;
}

function comparison(op: CompareOp): ModifierDef {
  return {
    name: op,
    apply(work, ctx) {
      const value = numberValue(work, ctx, op);
      return value === null ? null : { t: 'done', matcher: { kind: 'compare', op, value } };
    },
  };
}

const RANGES: Record<TimePart, [number, number]> = {
  minute: [0, 59],
  hour: [0, 23],
  day: [1, 31],
  week: [1, 53],
  month: [1, 12],
  year: [0, 9999],
};

function timePart(part: TimePart): ModifierDef {
  return {
    name: part,
    apply(work, ctx) {
      const value = numberValue(work, ctx, part);
      if (value === null) return null;
      const [lo, hi] = RANGES[part];
      if (!Number.isInteger(value) || value < lo || value > hi) {
        ctx.report('INVALID_VALUE', `'${part}' needs an integer from ${lo} to ${hi}, not ${value}`);
        return null;
      }
      return { t: 'done', matcher: { kind: 'timepart', part, value } };
    },
  };
}

export const comparisons: ModifierDef[] = (['lt', 'lte', 'gt', 'gte'] as const).map(comparison);
export const timeParts: ModifierDef[] = (['minute', 'hour', 'day', 'week', 'month', 'year'] as const).map(timePart);
