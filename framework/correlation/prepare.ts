/**
 * IrCorrelation[] → PreparedCorrelation[] in chain order (inner before outer), and the extraction of entries
 * from an event or an inner alert (semantics §11.3, §11.4 points 2 and 6). Shared by engine.ts and reference.ts:
 * both read fields the same way; they differ only in how they keep windows.
 *
 * Extraction, per referenced rule R that matched: the group-by values (an alias resolves to R's mapped field,
 * else to the field of the alias' own name) and, for value_* types, the aggregated value. A record missing a
 * group-by value, or (value_* types) a usable value, is ignored. Records of one event that land in the same
 * group are merged into one entry (event_count counts distinct events); its value is that of its first rule in
 * `resolved` order. String forms: strings as they are, numbers and booleans via String(), objects and arrays as
 * JSON; null/absent = missing. Numbers: JSON numbers, or decimal strings (`"12"`, `"-1.5e3"`).
 */
import type { Event } from '../engine/event.js';
import { fieldPath, lookupField } from '../engine/field.js';
import { InvariantError } from '../diagnostics.js';
import type { Entry, OrderKey, Origin } from './model.js';
import type { CountTest, IrCorrelation } from './types.js';

interface FieldRef {
  readonly name: string;
  readonly path: readonly string[] | null;
}

/** How one referenced rule's records are read. */
interface RuleView {
  readonly group: readonly FieldRef[];
  readonly value: readonly FieldRef[] | null;
}

export type ValueKind = 'none' | 'string' | 'number';

export interface PreparedCorrelation {
  readonly ir: IrCorrelation;
  /** Position in chain order. */
  readonly index: number;
  readonly spanMs: number;
  readonly valueKind: ValueKind;
  /** Distinct resolved ids, in `resolved` order. */
  readonly referenced: readonly string[];
  readonly views: ReadonlyMap<string, RuleView>;
  /** Referenced id → its first position in `resolved` (the `sourcePos` of order keys). */
  readonly sourcePos: ReadonlyMap<string, number>;
  /** Indices (chain order) of the correlations that reference this one. */
  readonly outers: readonly number[];
  /** `[id]` for each referenced id, shared by the entries of one rule. */
  readonly single: ReadonlyMap<string, readonly string[]>;
}

export function valueKindOf(type: IrCorrelation['type']): ValueKind {
  if (type === 'value_count') return 'string';
  if (type === 'value_sum' || type === 'value_avg' || type === 'value_percentile' || type === 'value_median') {
    return 'number';
  }
  return 'none';
}

/** Chain order: every correlation after the correlations it references; otherwise input order. */
export function chainOrder(list: readonly IrCorrelation[]): IrCorrelation[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: IrCorrelation[] = [];
  const visit = (c: IrCorrelation): void => {
    const s = state.get(c.id);
    if (s === 'done') return;
    if (s === 'visiting') throw new InvariantError(`correlation cycle through '${c.id}' (lowering rejects cycles)`);
    state.set(c.id, 'visiting');
    for (const ref of c.resolved) {
      const inner = byId.get(ref);
      if (inner) visit(inner);
    }
    state.set(c.id, 'done');
    out.push(c);
  };
  for (const c of list) visit(c);
  return out;
}

export function prepareCorrelations(list: readonly IrCorrelation[]): PreparedCorrelation[] {
  const ordered = chainOrder(list);
  const indexOf = new Map(ordered.map((c, i) => [c.id, i]));
  const outers = ordered.map(() => [] as number[]);
  ordered.forEach((c, i) => {
    for (const ref of new Set(c.resolved)) {
      const inner = indexOf.get(ref);
      if (inner !== undefined) outers[inner]?.push(i);
    }
  });
  return ordered.map((ir, index) => prepareOne(ir, index, outers[index] ?? []));
}

function prepareOne(ir: IrCorrelation, index: number, outers: readonly number[]): PreparedCorrelation {
  const referenced = [...new Set(ir.resolved)];
  const sourcePos = new Map<string, number>();
  ir.resolved.forEach((id, i) => {
    if (!sourcePos.has(id)) sourcePos.set(id, i);
  });
  const valueKind = valueKindOf(ir.type);
  const views = new Map<string, RuleView>();
  for (const id of referenced) {
    const written = ir.rules.filter((_, i) => ir.resolved[i] === id);
    const ref = (name: string): FieldRef => {
      const mapped = aliasField(ir, name, written);
      return { name: mapped, path: fieldPath(mapped) };
    };
    views.set(id, { group: ir.groupBy.map(ref), value: valueKind === 'none' || !ir.field ? null : ir.field.map(ref) });
  }
  const single = new Map(referenced.map((id) => [id, [id] as const]));
  return { ir, index, spanMs: ir.timespanSeconds * 1000, valueKind, referenced, views, sourcePos, outers, single };
}

/** §11.3: the field an alias stands for in records of a rule written as one of `written`; else the name itself. */
function aliasField(ir: IrCorrelation, name: string, written: readonly string[]): string {
  const mapping = ir.aliases[name];
  if (!mapping) return name;
  for (const w of written) {
    const field = mapping[w];
    if (field !== undefined) return field;
  }
  return name;
}

/** String form of a group-by or value_count value; `null` = missing. */
export function stringForm(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Numeric form for value_sum/avg/percentile/median; `null` = not usable. */
export function numericForm(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function readValue(kind: ValueKind, event: Event, fields: readonly FieldRef[]): string | number | null {
  if (kind === 'number') {
    const [only] = fields;
    return only ? numericForm(lookupField(event, only.name, only.path)) : null;
  }
  const forms: string[] = [];
  for (const f of fields) {
    const s = stringForm(lookupField(event, f.name, f.path));
    if (s === null) return null;
    forms.push(s);
  }
  return forms.length === 1 ? (forms[0] as string) : JSON.stringify(forms);
}

export function groupKeyOf(values: readonly string[]): string {
  if (values.length === 0) return '';
  return values.length === 1 ? (values[0] as string) : JSON.stringify(values);
}

/** The inverse of groupKeyOf for a correlation with `arity` group-by fields. */
export function groupValuesOf(key: string, arity: number): string[] {
  if (arity === 0) return [];
  return arity === 1 ? [key] : (JSON.parse(key) as string[]);
}

/**
 * The entries of one event for correlation `c`: `matched` are ids that matched it (any order, may hold ids `c`
 * does not reference). `[]` when none is usable.
 */
export function entriesOf(
  c: PreparedCorrelation,
  event: Event,
  matched: readonly string[],
  at: { readonly time: number; readonly tick: number; readonly order: OrderKey | null },
  origin: Origin | null,
  innerEvents: readonly Origin[] | null,
): Entry[] {
  let out: Entry[] | null = null;
  for (const id of c.referenced) {
    if (!matched.includes(id)) continue;
    const view = c.views.get(id);
    if (!view) continue;
    const groupValues: string[] = [];
    for (const f of view.group) {
      const s = stringForm(lookupField(event, f.name, f.path));
      if (s === null) break;
      groupValues.push(s);
    }
    if (groupValues.length !== view.group.length) continue;
    const value = view.value ? readValue(c.valueKind, event, view.value) : null;
    if (c.valueKind !== 'none' && value === null) continue;
    const groupKey = groupKeyOf(groupValues);
    out ??= [];
    const same = out.findIndex((e) => e.groupKey === groupKey);
    const existing = same < 0 ? undefined : out[same];
    if (existing) out[same] = { ...existing, ruleIds: [...existing.ruleIds, id] };
    else out.push({ groupKey, time: at.time, tick: at.tick, order: at.order, ruleIds: c.single.get(id) ?? [id], value, origin, innerEvents });
  }
  return out ?? [];
}

export function holds(tests: readonly CountTest[], x: number): boolean {
  if (Number.isNaN(x)) return false;
  for (const t of tests) {
    const ok =
      t.op === 'gt' ? x > t.value
      : t.op === 'gte' ? x >= t.value
      : t.op === 'lt' ? x < t.value
      : t.op === 'lte' ? x <= t.value
      : t.op === 'eq' ? x === t.value
      : x !== t.value;
    if (!ok) return false;
  }
  return true;
}

/** `group` of an alert: group-by name (or alias) → string form. */
export function groupObject(c: PreparedCorrelation, groupKey: string): Record<string, string> {
  const values = groupValuesOf(groupKey, c.ir.groupBy.length);
  const group: Record<string, string> = {};
  c.ir.groupBy.forEach((name, i) => {
    Object.defineProperty(group, name, { value: values[i], enumerable: true, writable: true, configurable: true });
  });
  return group;
}
