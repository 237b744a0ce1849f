/**
 * Detection items of a rule addressed by ItemRef, and their truth values on an event (semantics §8, through
 * the reference evaluator's evaluateItem with the variant's renames).
 */
import type { IrDetection, IrItem, IrRule, IrVariant } from '../../framework/ir/types.js';
import { evaluateCondition as conditionHolds, evaluateDetection, evaluateItem, variantApplies } from '../../framework/engine/reference.js';
import type { ItemRef } from './types.js';

export interface LocatedItem {
  readonly ref: ItemRef;
  readonly item: IrItem;
}

function walk(identifier: string, d: IrDetection, path: number[], out: LocatedItem[]): void {
  if (d.kind === 'item') out.push({ ref: { identifier, path: [...path] }, item: d.item });
  else d.children.forEach((c, i) => walk(identifier, c, [...path, i], out));
}

/** Every detection item of the rule, identifiers in declaration order, depth first. */
export function listItems(rule: IrRule): LocatedItem[] {
  const out: LocatedItem[] = [];
  for (const [name, d] of Object.entries(rule.detections)) walk(name, d, [], out);
  return out;
}

export function refKey(ref: ItemRef): string {
  return `${ref.identifier}/${ref.path.join('.')}`;
}

/** Readable name of an item for messages: `selection: Image|endswith`. */
export function itemLabel(identifier: string, item: IrItem): string {
  return `${identifier}: ${[item.field ?? '(keywords)', ...item.modifiers].join('|')}`;
}

/** Whether `ref` lies at or below `path` of `identifier`. */
export function within(ref: ItemRef | undefined, identifier: string, path: readonly number[]): boolean {
  return ref !== undefined && ref.identifier === identifier && path.every((p, i) => ref.path[i] === p);
}

/** The rule field's name in events of this variant. */
export function eventField(variant: IrVariant, field: string): string {
  return variant.renames[field] ?? field;
}

/** The first variant under which the rule matches the event (undefined when none does). */
export function matchingVariant(rule: IrRule, event: Record<string, unknown>): IrVariant | undefined {
  return rule.variants.find((v) => {
    if (!variantApplies(v, event)) return false;
    const id = (name: string): boolean => {
      const d = rule.detections[name];
      return d !== undefined && evaluateDetection(d, event, v.renames);
    };
    return rule.conditions.some((c) => conditionHolds(c, id));
  });
}

/** Truth of every item on the event under the variant's renames, keyed by refKey. */
export function itemTruths(items: readonly LocatedItem[], event: Record<string, unknown>, variant: IrVariant): Map<string, boolean> {
  return new Map(items.map((i) => [refKey(i.ref), evaluateItem(i.item, event, variant.renames)]));
}

function detectionFromTruths(identifier: string, d: IrDetection, path: number[], truths: ReadonlyMap<string, boolean>): boolean {
  if (d.kind === 'item') return truths.get(refKey({ identifier, path })) ?? false;
  const child = (c: IrDetection, i: number): boolean => detectionFromTruths(identifier, c, [...path, i], truths);
  return d.kind === 'allOf' ? d.children.every(child) : d.children.some(child);
}

/** The rule's conditions evaluated on given item truth values (gate assumed to hold). */
export function decideFromTruths(rule: IrRule, truths: ReadonlyMap<string, boolean>): boolean {
  const id = (name: string): boolean => {
    const d = rule.detections[name];
    return d !== undefined && detectionFromTruths(name, d, [], truths);
  };
  return rule.conditions.some((c) => conditionHolds(c, id));
}
