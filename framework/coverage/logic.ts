/**
 * Logic coverage of one rule from its hand-written evidence (evidence.ts): per selection, detection item and
 * value of a multi-value item, whether it was made true, made false, and shown independent by a pair of events
 * (one matching, one not) that differ in its truth value while every other item keeps its truth value
 * (unique-cause MC/DC; for a value: the other items and the item's other values; for a selection: the other
 * selections). Modifiers: per modifier, the items using it that were made true / made true and false.
 */
import { displayItem } from '../engine/display.js';
import type { IrRule } from '../ir/types.js';
import { referencedNames } from '../ir/condition.js';
import type { EvidenceEvent } from './evidence.js';
import type { RuleItem } from './items.js';
import type { Exercise, ItemCoverage, LogicFigures, ModifierCoverage, Ratio, SelectionCoverage, ValueCoverage } from './model.js';

interface Row {
  readonly truth: boolean;
  /** Every other truth value that must stay unchanged, as one string. */
  readonly rest: string;
  readonly matched: boolean;
  readonly label: string;
}

const bits = (values: readonly boolean[], skip: number): string => values.map((v, i) => (i === skip ? 'x' : v ? '1' : '0')).join('');

/** Made true / false, and the first independence pair found. */
export function exercise(rows: readonly Row[]): Exercise {
  const groups = new Map<string, { t?: Row; f?: Row; tn?: Row; fn?: Row }>();
  let pair: [string, string] | undefined;
  for (const row of rows) {
    const g = groups.get(row.rest) ?? {};
    groups.set(row.rest, g);
    if (row.matched) {
      if (row.truth) g.t ??= row;
      else g.f ??= row;
    } else if (row.truth) g.tn ??= row;
    else g.fn ??= row;
    if (!pair) pair = pairOf(g);
  }
  return {
    madeTrue: rows.some((r) => r.truth),
    madeFalse: rows.some((r) => !r.truth),
    independent: pair !== undefined,
    ...(pair ? { pair } : {}),
  };
}

function pairOf(g: { t?: Row; f?: Row; tn?: Row; fn?: Row }): [string, string] | undefined {
  if (g.t && g.fn) return [g.t.label, g.fn.label];
  if (g.f && g.tn) return [g.f.label, g.tn.label];
  return undefined;
}

function itemRows(events: readonly EvidenceEvent[], k: number): Row[] {
  return events.map((e) => ({ truth: e.truths.items[k] ?? false, rest: bits(e.truths.items, k), matched: e.matched, label: e.label }));
}

function valueRows(events: readonly EvidenceEvent[], k: number, j: number): Row[] {
  return events.map((e) => {
    const values = e.truths.values[k] ?? [];
    return { truth: values[j] ?? false, rest: `${bits(e.truths.items, k)}|${bits(values, j)}`, matched: e.matched, label: e.label };
  });
}

function selectionRows(events: readonly EvidenceEvent[], s: number): Row[] {
  return events.map((e) => ({ truth: e.truths.selections[s] ?? false, rest: bits(e.truths.selections, s), matched: e.matched, label: e.label }));
}

function itemCoverage(ri: RuleItem, k: number, events: readonly EvidenceEvent[]): ItemCoverage {
  const shown = displayItem(ri.item);
  const valueCoverage: ValueCoverage[] =
    ri.item.values.length > 1 ? shown.values.map((value, j) => ({ index: j, value, ...exercise(valueRows(events, k, j)) })) : [];
  return {
    key: ri.key,
    label: ri.label,
    field: ri.item.field,
    modifiers: ri.item.modifiers,
    values: shown.values,
    linking: ri.item.linking,
    line: ri.item.span.line,
    valueCoverage,
    ...exercise(itemRows(events, k)),
  };
}

export function selectionCoverage(rule: IrRule, items: readonly RuleItem[], events: readonly EvidenceEvent[]): SelectionCoverage[] {
  const referenced = new Set<string>();
  for (const c of rule.conditions) referencedNames(c, referenced);
  const covered = items.map((ri, k) => itemCoverage(ri, k, events));
  return Object.keys(rule.detections).map((name, s) => ({
    name,
    referenced: referenced.has(name),
    items: covered.filter((_, k) => items[k]?.identifier === name),
    ...exercise(selectionRows(events, s)),
  }));
}

const ratio = (covered: number, total: number): Ratio => ({ covered, total });

export function logicFigures(selections: readonly SelectionCoverage[]): LogicFigures {
  const items = selections.flatMap((s) => s.items);
  const values = items.flatMap((i) => i.valueCoverage);
  const count = <T>(xs: readonly T[], p: (x: T) => boolean): number => xs.filter(p).length;
  return {
    items: ratio(count(items, (i) => i.madeTrue && i.madeFalse), items.length),
    itemsTrue: ratio(count(items, (i) => i.madeTrue), items.length),
    itemsFalse: ratio(count(items, (i) => i.madeFalse), items.length),
    itemsIndependent: ratio(count(items, (i) => i.independent), items.length),
    values: ratio(count(values, (v) => v.madeTrue && v.madeFalse), values.length),
    valuesIndependent: ratio(count(values, (v) => v.independent), values.length),
    selections: ratio(count(selections, (s) => s.madeTrue && s.madeFalse), selections.length),
    selectionsIndependent: ratio(count(selections, (s) => s.independent), selections.length),
  };
}

export function sumFigures(all: readonly LogicFigures[]): LogicFigures {
  const keys = ['items', 'itemsTrue', 'itemsFalse', 'itemsIndependent', 'values', 'valuesIndependent', 'selections', 'selectionsIndependent'] as const;
  const sum = (k: (typeof keys)[number]): Ratio => ratio(all.reduce((n, f) => n + f[k].covered, 0), all.reduce((n, f) => n + f[k].total, 0));
  return Object.fromEntries(keys.map((k) => [k, sum(k)])) as unknown as LogicFigures;
}

/** Per modifier written in the rule: items using it, made true, made true and false. */
export function modifierCoverage(selections: readonly SelectionCoverage[]): ModifierCoverage[] {
  const byName = new Map<string, { items: number; madeTrue: number; madeBoth: number }>();
  for (const item of selections.flatMap((s) => s.items)) {
    for (const m of new Set(item.modifiers)) {
      const entry = byName.get(m) ?? { items: 0, madeTrue: 0, madeBoth: 0 };
      entry.items++;
      if (item.madeTrue) entry.madeTrue++;
      if (item.madeTrue && item.madeFalse) entry.madeBoth++;
      byName.set(m, entry);
    }
  }
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([modifier, e]) => ({ modifier, ...e }));
}

export function sumModifiers(all: readonly (readonly ModifierCoverage[])[]): ModifierCoverage[] {
  const byName = new Map<string, { items: number; madeTrue: number; madeBoth: number }>();
  for (const m of all.flat()) {
    const e = byName.get(m.modifier) ?? { items: 0, madeTrue: 0, madeBoth: 0 };
    byName.set(m.modifier, { items: e.items + m.items, madeTrue: e.madeTrue + m.madeTrue, madeBoth: e.madeBoth + m.madeBoth });
  }
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([modifier, e]) => ({ modifier, ...e }));
}

/** `covered/total` as a percentage with one decimal (100 when there is nothing to cover). */
export function percent(r: Ratio): number {
  return r.total === 0 ? 100 : Math.round((r.covered / r.total) * 1000) / 10;
}
