/**
 * A starter case file for a rule (`sigmatest init`): one positive event built from the rule's own logic (the
 * log-source gate's fields plus, for the detections the condition needs, each item's first value with
 * wildcards filled) and near-miss negatives (the positive without one of those fields). Every event is
 * checked with the reference evaluator: only verified cases get `expect:`; an event it could not make match is
 * written with a note asking the maintainer to finish it. The generators (generators/) produce richer sets.
 */
import type { ConditionExpr, IrDetection, IrItem, IrMatcher, IrRule } from '../ir/types.js';
import { referenceDecide } from '../engine/reference.js';

type Fields = Record<string, unknown>;

export interface StarterCase {
  readonly name: string;
  readonly expect: 'match' | 'no-match';
  readonly event: Fields;
  readonly note?: string;
}

/** Identifiers the condition needs to be true (first branch of an `or`, nothing under `not`). */
function positiveNames(expr: ConditionExpr): string[] {
  switch (expr.kind) {
    case 'and':
      return expr.args.flatMap(positiveNames);
    case 'or':
      return expr.args[0] ? positiveNames(expr.args[0]) : [];
    case 'not':
      return [];
    case 'ref':
      return [expr.name];
    case 'of':
      return expr.quantifier === 'all' ? [...expr.names] : expr.names.slice(0, 1);
  }
}

function itemsOf(d: IrDetection): IrItem[] {
  if (d.kind === 'item') return [d.item];
  if (d.kind === 'allOf') return d.children.flatMap(itemsOf);
  return d.children[0] ? itemsOf(d.children[0]) : [];
}

/** A value satisfying the matcher, or undefined when none is easy to build (regex, fieldref). */
function sample(m: IrMatcher): { value: unknown } | undefined {
  switch (m.kind) {
    case 'string':
      return { value: m.pattern.map((p) => (p.t === 'lit' ? p.v : p.t === 'one' ? 'x' : '')).join('') };
    case 'number':
    case 'bool':
      return { value: m.value };
    case 'null':
      return { value: null };
    case 'compare':
      return { value: m.op === 'gt' ? m.value + 1 : m.op === 'lt' ? m.value - 1 : m.value };
    case 'cidr':
      return { value: m.text.split('/')[0] };
    case 'exists':
      return m.value ? { value: 'present' } : undefined;
    default:
      return undefined;
  }
}

function fill(fields: Fields, item: IrItem, renames: Readonly<Record<string, string>>): void {
  if (item.negated || item.field === null) return;
  const first = item.values[0]?.alternatives[0];
  const value = first ? sample(first) : undefined;
  if (value) fields[renames[item.field] ?? item.field] = value.value;
}

export function starterCases(rule: IrRule, maxNegatives = 5): StarterCase[] {
  const variant = rule.variants[0];
  const renames = variant?.renames ?? {};
  const gate: Fields = {};
  for (const item of variant?.gate ?? []) fill(gate, item, {});
  const names = [...new Set(rule.conditions[0] ? positiveNames(rule.conditions[0]) : [])];
  const detection: Fields = {};
  for (const name of names) for (const item of itemsOf(rule.detections[name] ?? { kind: 'allOf', children: [] })) fill(detection, item, renames);
  const positive = { ...gate, ...detection };
  const matched = referenceDecide(rule, positive);
  const cases: StarterCase[] = [
    matched
      ? { name: 'positive built from the rule', expect: 'match', event: positive }
      : { name: 'positive (unfinished)', expect: 'match', event: positive, note: 'sigmatest init could not build a matching event: edit it until it matches' },
  ];
  if (!matched) return cases;
  for (const field of Object.keys(detection).slice(0, maxNegatives)) {
    const { [field]: _removed, ...without } = positive;
    if (!referenceDecide(rule, without)) cases.push({ name: `near miss: without ${field}`, expect: 'no-match', event: without });
  }
  return cases;
}
