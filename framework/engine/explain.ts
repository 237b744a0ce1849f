/**
 * Why a rule decided what it did on one event (report/model.ts `Explanation`), with the reference evaluator's
 * semantics: every `held` comes from engine/reference.ts (evaluateItem / evaluateDetection / variantApplies) and
 * `matched` is referenceDecide itself, so an explanation can never disagree with the reference.
 * Variant shown: the first whose gate and condition hold, else the first whose gate holds, else the first.
 * `selections`: every detection identifier in rule order, items flattened depth-first, each evaluated on its
 * own under the variant's renames; `actual` = the event's value of the renamed field (absent = undefined),
 * omitted for keyword items. `condition`: the given texts, else renderCondition of rule.conditions.
 */
import type { ConditionExpr, IrDetection, IrItem, IrRule, IrVariant } from '../ir/types.js';
import type { Explanation, ItemTrace, SelectionTrace } from '../report/model.js';
import { displayItem } from './display.js';
import type { Event } from './event.js';
import { lookupField } from './field.js';
import { evaluateCondition, evaluateDetection, evaluateItem, referenceDecide, variantApplies } from './reference.js';

type Renames = Readonly<Record<string, string>>;

/** Only reached for a rule without variants (never produced by lowering): nothing applies. */
const NO_VARIANT: IrVariant = { label: 'no log-source variant', gate: [], renames: {} };

export function traceItem(item: IrItem, event: Event, renames: Renames = {}): ItemTrace {
  const { field, modifiers, values } = displayItem(item);
  const held = evaluateItem(item, event, renames);
  if (field === null) return { field, modifiers, values, held, span: item.span };
  const actual = lookupField(event, renames[field] ?? field);
  return { field, modifiers, values, actual, held, span: item.span };
}

function flattenItems(d: IrDetection, out: IrItem[] = []): IrItem[] {
  if (d.kind === 'item') out.push(d.item);
  else for (const child of d.children) flattenItems(child, out);
  return out;
}

function conditionHolds(rule: IrRule, variant: IrVariant, event: Event): boolean {
  const identifier = (name: string): boolean => {
    const d = rule.detections[name];
    return d !== undefined && evaluateDetection(d, event, variant.renames);
  };
  return rule.conditions.some((c) => evaluateCondition(c, identifier));
}

/** First variant whose gate and condition hold, else first whose gate holds, else the first one. */
export function chooseVariant(rule: IrRule, event: Event): { variant: IrVariant; gateHeld: boolean } {
  const applying = rule.variants.filter((v) => variantApplies(v, event));
  const decisive = applying.find((v) => conditionHolds(rule, v, event));
  const chosen = decisive ?? applying[0];
  if (chosen) return { variant: chosen, gateHeld: true };
  return { variant: rule.variants[0] ?? NO_VARIANT, gateHeld: false };
}

function traceSelection(name: string, d: IrDetection, event: Event, renames: Renames): SelectionTrace {
  const items = flattenItems(d).map((item) => traceItem(item, event, renames));
  return { name, held: evaluateDetection(d, event, renames), items };
}

export function explainDecision(rule: IrRule, event: Event, conditionText?: readonly string[]): Explanation {
  const { variant, gateHeld } = chooseVariant(rule, event);
  const selections = Object.entries(rule.detections).map(([name, d]) => traceSelection(name, d, event, variant.renames));
  return {
    variant: variant.label,
    gate: variant.gate.map((item) => traceItem(item, event)),
    gateHeld,
    selections,
    condition: conditionText ? [...conditionText] : rule.conditions.map(renderCondition),
    matched: referenceDecide(rule, event),
  };
}

/** Binding strength: or < and < not < of/ref (semantics §6). */
function strength(expr: ConditionExpr): number {
  return expr.kind === 'or' ? 0 : expr.kind === 'and' ? 1 : 2;
}

/**
 * Sigma condition text for an expression. Parenthesises a weaker operand, and an and/or nested directly in an
 * operator of the same kind, so that parseCondition(renderCondition(e)) gives back e exactly.
 */
export function renderCondition(expr: ConditionExpr): string {
  switch (expr.kind) {
    case 'ref':
      return expr.name;
    case 'of':
      return `${expr.quantifier === 'all' ? 'all' : '1'} of ${expr.pattern}`;
    case 'not':
      return `not ${operand(expr.arg, 2)}`;
    case 'and':
    case 'or':
      return expr.args.map((a) => operand(a, strength(expr) + 1)).join(` ${expr.kind} `);
  }
}

function operand(expr: ConditionExpr, min: number): string {
  const text = renderCondition(expr);
  return strength(expr) < min ? `(${text})` : text;
}
