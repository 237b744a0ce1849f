/**
 * deriveSequences: for one correlation, a timestamped sequence that must raise exactly one alert for one group,
 * and near misses that must raise none (issue 7 item 4). Plans come from design.ts; a near miss that would still
 * fire under the §11.4 window model (planAlerts) is reported as skipped, not generated. Events are derived from
 * the referenced rules (render.ts); chains build the inner correlation's firing sequence first.
 * Deterministic: the same correlation, rules and seed give the same sequences.
 */
import type { IrCorrelation } from '../../framework/correlation/types.js';
import type { IrRule } from '../../framework/ir/types.js';
import { designPlans } from './design.js';
import { chainRules, startTime, type SequenceContext } from './events.js';
import { planAlerts, type Plan } from './plan.js';
import { groupValues, renderPlan, type GroupValues } from './render.js';
import { SEQUENCE_TIME_FIELD, type Sequence, type SequenceNearMiss, type SequenceNearMissKind, type SequenceSet, type SkippedNearMiss } from './types.js';

export function sequenceContext(c: IrCorrelation, rulesById: ReadonlyMap<string, IrRule>, innerById: ReadonlyMap<string, IrCorrelation>, seed: number): SequenceContext {
  return { rulesById, innerById, seed, relevant: chainRules(c, innerById, rulesById), compiled: new Map(), pools: new Map() };
}

function groupOf(c: IrCorrelation, group: GroupValues): Record<string, string> {
  return Object.fromEntries(c.groupBy.map((g) => [g, String(group.constants[g] ?? '')]));
}

export function deriveSequences(c: IrCorrelation, rulesById: ReadonlyMap<string, IrRule>, innerById: ReadonlyMap<string, IrCorrelation>, seed: number): SequenceSet {
  const head = { correlationId: c.id, type: c.type, seed, timestampField: SEQUENCE_TIME_FIELD };
  const failed = (reason: string): SequenceSet => ({ ...head, fires: null, reason, nearMisses: [], skipped: [] });
  const design = designPlans(c);
  if (!design.fires) return failed(design.reason ?? 'no firing plan');
  const alerts = planAlerts(c, design.fires.units);
  if (alerts !== 1) return failed(`the firing plan raises ${alerts} alerts under the window model, not 1 (a design error)`);
  const ctx = sequenceContext(c, rulesById, innerById, seed);
  const group = groupValues(ctx, c, {});
  if (typeof group === 'string') return failed(group);
  const start = startTime(seed);
  const fireEvents = renderPlan(ctx, c, design.fires, group, start);
  if (typeof fireEvents === 'string') return failed(fireEvents);
  const fires: Sequence = { events: fireEvents, expect: { alerts: 1, groups: [groupOf(c, group)] } };
  const nearMisses: SequenceNearMiss[] = [];
  const skipped: SkippedNearMiss[] = [];
  for (const plan of design.nearMisses) {
    const kind = plan.kind as SequenceNearMissKind;
    const made = nearMiss(ctx, c, plan, group, start);
    if (typeof made === 'string') skipped.push({ kind, why: made });
    else nearMisses.push({ kind, sequence: made, why: plan.why });
  }
  return { ...head, fires, nearMisses, skipped };
}

function nearMiss(ctx: SequenceContext, c: IrCorrelation, plan: Plan, group: GroupValues, start: number): Sequence | string {
  const alerts = planAlerts(c, plan.units);
  if (alerts !== 0) return `${plan.why}: still raises ${alerts} alert(s) under the §11.4 window model (${c.window}), so it is no near miss`;
  const events = renderPlan(ctx, c, plan, group, start);
  if (typeof events === 'string') return `${plan.why}: ${events}`;
  return { events, expect: { alerts: 0, groups: [] } };
}
