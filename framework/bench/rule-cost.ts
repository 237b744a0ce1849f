/**
 * Per-rule cost: for each rule, its compiled `test(new EventView(event))` timed over the events on which one of
 * its log-source variants applies (variantApplies from the reference; capped at `cap` events per rule), looped
 * until at least `minEvaluations` evaluations per run; microseconds per evaluation = median over `runs` runs.
 * The EventView is built inside the timed loop (each test pays for its own field lookups and folding, as the
 * first rule on an event does). Rules whose gates hold on no event are not timed (`unmeasured`).
 * `relative` = micros / median micros of all measured rules: the machine-independent figure the gate uses.
 */
import { performance } from 'node:perf_hooks';
import type { CompiledRule } from '../engine/compile.js';
import type { Event } from '../engine/event.js';
import { EventView } from '../engine/event-view.js';
import { variantApplies } from '../engine/reference.js';
import type { IrRule, IrVariant } from '../ir/types.js';
import { median, sig } from './stats.js';
import type { RuleCost, RuleCostFigures } from './types.js';

export interface RuleCostOptions {
  readonly runs: number;
  readonly cap?: number;
  readonly minEvaluations?: number;
  readonly top?: number;
  /** Called after each rule (memory sampling, progress). */
  readonly after?: (done: number, total: number) => void;
}

export interface CostedRule {
  readonly ir: IrRule;
  readonly compiled: CompiledRule;
}

/** Event indices on which `variant`'s gate holds, at most `cap`, cached by gate (many rules share one). */
function gateEvents(variant: IrVariant, events: readonly Event[], cap: number, cache: Map<string, number[]>): number[] {
  const key = JSON.stringify(variant.gate);
  let hits = cache.get(key);
  if (!hits) {
    hits = [];
    for (let i = 0; i < events.length && hits.length < cap; i++) if (variantApplies(variant, events[i] as Event)) hits.push(i);
    cache.set(key, hits);
  }
  return hits;
}

function ruleEvents(rule: IrRule, events: readonly Event[], cap: number, cache: Map<string, number[]>): Event[] {
  const indices = new Set<number>();
  for (const variant of rule.variants) for (const i of gateEvents(variant, events, cap, cache)) indices.add(i);
  return [...indices].sort((a, b) => a - b).slice(0, cap).map((i) => events[i] as Event);
}

function timeRule(compiled: CompiledRule, events: readonly Event[], runs: number, minEvaluations: number): { micros: number; sink: number } {
  const loops = Math.max(1, Math.ceil(minEvaluations / events.length));
  const perRun: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let l = 0; l < loops; l++) for (let i = 0; i < events.length; i++) if (compiled.test(new EventView(events[i] as Event))) sink++;
    perRun.push(((performance.now() - start) * 1000) / (loops * events.length));
  }
  return { micros: median(perRun), sink };
}

export function measureRuleCosts(rules: readonly CostedRule[], events: readonly Event[], options: RuleCostOptions): RuleCostFigures {
  const cap = options.cap ?? 2000;
  const minEvaluations = options.minEvaluations ?? 2000;
  const cache = new Map<string, number[]>();
  const measured: Array<Omit<RuleCost, 'relative'>> = [];
  let unmeasured = 0;
  rules.forEach((rule, index) => {
    const on = ruleEvents(rule.ir, events, cap, cache);
    if (on.length === 0) unmeasured++;
    else {
      const { micros } = timeRule(rule.compiled, on, options.runs, minEvaluations);
      measured.push({ id: rule.ir.id, title: rule.ir.title, path: rule.ir.path, micros, events: on.length });
    }
    options.after?.(index + 1, rules.length);
  });
  const medianMicros = median(measured.map((m) => m.micros));
  const relativeOf = (micros: number): number => (medianMicros > 0 ? sig(micros / medianMicros) : 0);
  const relative = Object.fromEntries(measured.map((m) => [m.id, relativeOf(m.micros)]));
  const top = [...measured]
    .sort((a, b) => b.micros - a.micros || a.id.localeCompare(b.id))
    .slice(0, options.top ?? 20)
    .map((m) => ({ ...m, micros: sig(m.micros), relative: relativeOf(m.micros) }));
  return { measured: measured.length, unmeasured, medianMicros: sig(medianMicros), top, relative };
}
