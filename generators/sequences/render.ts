/**
 * Plan → events. Each unit of a plain rule becomes a pool event of that rule (round robin) with the group's
 * constants, its value (value_* types) and its time written in; each unit of an inner correlation (a chain)
 * becomes that correlation's own firing sequence, shifted so its alert falls on the unit's time (§11.4.9) and
 * sharing the outer group's values. Every event is checked to match its rule alone; any failure is a reason.
 */
import type { IrCorrelation } from '../../framework/correlation/types.js';
import { designPlans } from './design.js';
import { chooseConstants, chooseRenderer, fieldFor, misfit, pool, withConstants, writeTime, type Constant, type Fields, type SequenceContext } from './events.js';
import { alertOffset, planAlerts, type Plan, type PlanUnit } from './plan.js';
import type { SequenceEvent } from './types.js';

/** The values one group shares, and how value_count indices are spelled. */
export interface GroupValues {
  readonly constants: Readonly<Record<string, Constant>>;
  readonly render: ((i: number) => string) | null;
}

const MAX_DEPTH = 8;

/** Group-by values (and the fixed members of a value_count tuple) for a correlation; `fixed` comes from outside. */
export function groupValues(ctx: SequenceContext, c: IrCorrelation, fixed: Readonly<Record<string, Constant>>): GroupValues | string {
  const tupleRest = c.type === 'value_count' ? (c.field ?? []).slice(1) : [];
  const constants = chooseConstants(ctx, c, [...c.groupBy, ...tupleRest], fixed);
  if (typeof constants === 'string') return constants;
  if (c.type !== 'value_count') return { constants, render: null };
  const first = c.field?.[0];
  if (!first) return 'value_count without a field';
  const render = chooseRenderer(ctx, c, first, constants);
  return typeof render === 'string' ? render : { constants, render };
}

function ruleEvent(ctx: SequenceContext, c: IrCorrelation, u: PlanUnit, n: number, group: GroupValues, time: number): SequenceEvent | string {
  const id = c.resolved[u.ref] as string;
  const events = pool(ctx, id);
  if (typeof events === 'string') return events;
  const event: Fields = withConstants(c, { ...(events[n % events.length] as Fields) }, u.ref, group.constants);
  if (u.dropGroup && c.groupBy[0] !== undefined) delete event[fieldFor(c, c.groupBy[0], u.ref)];
  const valueField = c.field?.[0];
  if (u.value !== undefined && valueField !== undefined) event[fieldFor(c, valueField, u.ref)] = group.render ? group.render(u.value) : u.value;
  writeTime(event, time);
  const bad = misfit(ctx, id, event);
  return bad === null ? { event, ruleId: id, time } : `an event built for rule ${id} ${bad}`;
}

/** The inner correlation's constants: the outer group's values for the group-by names the outer reads from it. */
function innerFixed(c: IrCorrelation, ref: number, inner: IrCorrelation, group: GroupValues): Record<string, Constant> {
  const fixed: Record<string, Constant> = {};
  for (const g of c.groupBy) {
    const name = fieldFor(c, g, ref);
    const value = group.constants[g];
    if (inner.groupBy.includes(name) && value !== undefined) fixed[name] = value;
  }
  return fixed;
}

/** The firing sequence of an inner correlation, its alert at `alertTime`; with the time of its first event. */
function innerEvents(ctx: SequenceContext, c: IrCorrelation, u: PlanUnit, inner: IrCorrelation, group: GroupValues, alertTime: number, depth: number): { events: SequenceEvent[]; start: number } | string {
  const missing = c.groupBy.filter((g) => !inner.groupBy.includes(fieldFor(c, g, u.ref)));
  if (missing.length > 0) return `inner correlation ${inner.id} does not group by ${missing.join(', ')}, so its alerts carry no such field`;
  const design = designPlans(inner);
  if (!design.fires) return `inner correlation ${inner.id}: ${design.reason ?? 'no firing plan'}`;
  if (planAlerts(inner, design.fires.units) !== 1) return `inner correlation ${inner.id}: its firing plan does not raise exactly one alert`;
  const innerGroup = groupValues(ctx, inner, innerFixed(c, u.ref, inner, group));
  if (typeof innerGroup === 'string') return `inner correlation ${inner.id}: ${innerGroup}`;
  const start = alertTime - alertOffset(inner, design.fires);
  const events = renderPlan(ctx, inner, design.fires, innerGroup, start, depth + 1);
  return typeof events === 'string' ? events : { events, start };
}

/** Events of a plan starting at `start`, in time order (ties keep plan order), or why it cannot be built. */
export function renderPlan(ctx: SequenceContext, c: IrCorrelation, plan: Plan, group: GroupValues, start: number, depth = 0): SequenceEvent[] | string {
  if (depth > MAX_DEPTH) return `correlation chain deeper than ${MAX_DEPTH}`;
  const out: SequenceEvent[] = [];
  const lastAlert = new Map<string, number>();
  const used = new Map<string, number>();
  for (const u of plan.units) {
    const id = c.resolved[u.ref] as string;
    const time = start + u.at;
    const inner = ctx.innerById.get(id);
    if (inner) {
      if (u.dropGroup) return `the record comes from inner correlation ${id}, whose alerts always carry the group-by fields`;
      const built = innerEvents(ctx, c, u, inner, group, time, depth);
      if (typeof built === 'string') return built;
      const previous = lastAlert.get(id);
      if (previous !== undefined && built.start <= previous) return `the firing sequences of inner correlation ${id} would overlap (records ${time - previous} ms apart)`;
      lastAlert.set(id, time);
      out.push(...built.events);
      continue;
    }
    if (!ctx.rulesById.has(id)) return `reference ${c.rules[u.ref] ?? id} is neither a loaded rule nor a correlation`;
    const n = used.get(id) ?? 0;
    used.set(id, n + 1);
    const event = ruleEvent(ctx, c, u, n, group, time);
    if (typeof event === 'string') return event;
    out.push(event);
  }
  return out.map((e, i) => ({ e, i })).sort((a, b) => a.e.time - b.e.time || a.i - b.i).map(({ e }) => e);
}
