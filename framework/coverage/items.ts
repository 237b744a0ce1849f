/**
 * A rule's detection items addressed by identifier and index path (the same addressing as the generators'
 * ItemRef), their labels (`selection: Field|mods #0.1`, the label fuzz reports use) and their truth values on
 * an event under a log-source variant's renames, through the reference evaluator only.
 */
import { evaluateDetection, evaluateItem } from '../engine/reference.js';
import type { Event } from '../engine/event.js';
import type { IrDetection, IrItem, IrRule, IrVariant } from '../ir/types.js';

export interface RuleItem {
  readonly identifier: string;
  readonly path: readonly number[];
  readonly key: string;
  readonly label: string;
  readonly item: IrItem;
}

function walk(identifier: string, d: IrDetection, path: number[], out: RuleItem[]): void {
  if (d.kind === 'item') {
    const key = `${identifier}/${path.join('.')}`;
    const label = `${identifier}: ${[d.item.field ?? '(keywords)', ...d.item.modifiers].join('|')} #${path.join('.') || '0'}`;
    out.push({ identifier, path: [...path], key, label, item: d.item });
  } else {
    d.children.forEach((c, i) => walk(identifier, c, [...path, i], out));
  }
}

/** Every detection item, identifiers in declaration order, depth first. */
export function ruleItems(rule: IrRule): RuleItem[] {
  const out: RuleItem[] = [];
  for (const [name, d] of Object.entries(rule.detections)) walk(name, d, [], out);
  return out;
}

/** The item restricted to one value, not negated: whether that value alone holds. */
function valueItem(item: IrItem, index: number): IrItem {
  return { ...item, values: item.values.slice(index, index + 1), linking: 'or', negated: false };
}

/** Items with several values get one truth value per value. */
export function hasValueCoverage(item: IrItem): boolean {
  return item.values.length > 1;
}

export interface Truths {
  readonly items: readonly boolean[];
  /** Per item: per value truths ([] for single-value items). */
  readonly values: readonly (readonly boolean[])[];
  readonly selections: readonly boolean[];
}

/** Truth of every item, value and identifier of the rule on an event under a variant's renames. */
export function truthsOf(rule: IrRule, items: readonly RuleItem[], event: Event, variant: IrVariant): Truths {
  const renames = variant.renames;
  return {
    items: items.map((i) => evaluateItem(i.item, event, renames)),
    values: items.map((i) => (hasValueCoverage(i.item) ? i.item.values.map((_, v) => evaluateItem(valueItem(i.item, v), event, renames)) : [])),
    selections: Object.values(rule.detections).map((d) => evaluateDetection(d, event, renames)),
  };
}
