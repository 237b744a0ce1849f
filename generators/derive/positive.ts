/**
 * Positives from the rule's own logic (issue 4 part 2). Per attempt: pick a log-source variant and a condition,
 * search identifier truth values that make the condition hold (condition.ts), turn them into field requirements
 * (constraints.ts, gate items included), build the event over the variant's base event (assemble.ts) and keep it
 * only when referenceDecide(rule, event) is true (and, with `force`, the forced item has its value).
 * Attempts alternate between tight (every chosen item decisive) and loose choices (a forced item must then still take its value). Deterministic for a seed.
 * Out: the events found and, when none was, the most frequent reason.
 */
import type { IrRule } from '../../framework/ir/types.js';
import { evaluateItem, referenceDecide } from '../../framework/engine/reference.js';
import { referencedNames } from '../../framework/ir/condition.js';
import { assemble } from './assemble.js';
import { solveCondition } from './condition.js';
import { newRequirements, requireDetection, requireGate } from './constraints.js';
import { defaultFiller } from './filler.js';
import { listItems, refKey } from './items.js';
import { createRng, pick, type Rng } from './rng.js';
import type { BaseEvent, DeriveOptions, DerivedEvent, ItemForce } from './types.js';

export interface PositiveOptions extends DeriveOptions {
  /** Events wanted (default 1). */
  readonly count?: number;
  /** Attempts before giving up (default 12 + 4 × count). */
  readonly maxAttempts?: number;
  /** Build events where this item has this truth value (through `valueIndex` only, when given). */
  readonly force?: ItemForce;
}

export interface PositiveResult {
  readonly events: DerivedEvent[];
  /** Why no event was found (the most frequent failure); absent when `events` is not empty. */
  readonly reason?: string;
}

class Reasons {
  private readonly counts = new Map<string, number>();
  add(reason: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }
  top(): string {
    let best = 'no attempt was made';
    let n = 0;
    for (const [r, c] of this.counts) if (c > n) [best, n] = [r, c];
    return best;
  }
}

function forcedItemHolds(rule: IrRule, force: ItemForce | undefined, event: Record<string, unknown>, renames: Readonly<Record<string, string>>): boolean {
  if (!force) return true;
  const located = listItems(rule).find((i) => refKey(i.ref) === refKey(force));
  return located !== undefined && evaluateItem(located.item, event, renames) === force.truth;
}

function attempt(rule: IrRule, base: BaseEvent, options: PositiveOptions, rng: Rng, tight: boolean): DerivedEvent | string {
  const force = options.force;
  const variant = pick(rng, rule.variants);
  const conditions = force ? rule.conditions.filter((c) => referencedNames(c).has(force.identifier)) : [];
  const condition = pick(rng, conditions.length > 0 ? conditions : rule.conditions);
  const prefer = force ? { name: force.identifier, truth: force.truth } : undefined;
  const assignment = solveCondition(condition, true, { rng, tight, ...(prefer ? { prefer } : {}) });
  if (!assignment) return 'contradictory condition';
  if (force && !assignment.has(force.identifier)) return `identifier ${force.identifier} does not decide the condition`;
  const reqs = newRequirements();
  requireGate(variant, reqs, rng);
  const cc = { rng, tight, variant, reqs, ...(force ? { force } : {}) };
  const rank = ([name, truth]: [string, boolean]): number => (name === force?.identifier ? 0 : truth ? 1 : 2);
  const ordered = [...assignment].sort((a, b) => rank(a) - rank(b));
  for (const [name, truth] of ordered) {
    const d = rule.detections[name];
    if (!d || !requireDetection(name, d, truth, cc)) return `item of ${name} cannot take the forced value`;
  }
  const keywordField = options.keywordField ?? 'Message';
  const built = assemble(base(variant), reqs, { rng, filler: options.filler ?? defaultFiller, mixCase: options.mixCase ?? false, variant, keywordField });
  if ('reason' in built) return built.reason;
  if (!referenceDecide(rule, built.event)) return 'the built event does not match (items interfere)';
  if (!forcedItemHolds(rule, force, built.event, variant.renames)) return 'the forced item did not take its value';
  return { event: built.event, variant: variant.label, identifiers: Object.fromEntries(assignment) };
}

export function derivePositives(rule: IrRule, base: BaseEvent, options: PositiveOptions = {}): PositiveResult {
  const rng = options.random ?? createRng(options.seed ?? 1);
  const count = options.count ?? 1;
  const maxAttempts = options.maxAttempts ?? 12 + 4 * count;
  const events: DerivedEvent[] = [];
  const reasons = new Reasons();
  for (let i = 0; i < maxAttempts && events.length < count; i++) {
    const result = attempt(rule, base, options, rng, i % 2 === 0);
    if (typeof result === 'string') reasons.add(result);
    else events.push(result);
  }
  return events.length > 0 ? { events } : { events, reason: reasons.top() };
}
