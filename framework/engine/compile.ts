/**
 * IrRule → CompiledRule: closures per item with pre-folded literals, per-field lookups resolved once, cheap
 * items first inside AND/OR (no side effects, so order is free, §8), built lazily on a rule's first test.
 * Decides exactly like reference.ts.
 */
import type { ConditionExpr, IrDetection, IrItem, IrMatcher, IrRule, IrVariant } from '../ir/types.js';
import type { Event } from './event.js';
import { EventView, fieldSlot } from './event-view.js';
import { fieldPath } from './field.js';
import { compileScalarTest, type ValueView, type ScalarTest } from './compile-matcher.js';
import { foldCase } from './fold.js';
import { stringForm } from './values.js';

/** A test of one event, through the event's shared view (see event-view.ts). */
export type Predicate = (view: EventView) => boolean;

export interface CompiledRule {
  readonly id: string;
  readonly rule: IrRule;
  /** Convenience for one rule on one event. */
  matches(event: Event): boolean;
  /** The hot path: many rules on one event share one EventView. */
  test(view: EventView): boolean;
}

type Renames = Readonly<Record<string, string>>;
/** A value test over the views of a field's elements (or the event's leaves, for keywords). */
type ViewsTest = (views: readonly ValueView[], event: EventView) => boolean;

function fieldrefTest(m: Extract<IrMatcher, { kind: 'fieldref' }>, renames: Renames): ViewsTest {
  const name = renames[m.field] ?? m.field;
  const path = fieldPath(name);
  const fold = (v: unknown): string => (m.cased ? stringForm(v) : foldCase(stringForm(v)));
  const relation =
    m.position === 'contains'
      ? (a: string, b: string) => a.includes(b)
      : m.position === 'startswith'
        ? (a: string, b: string) => a.startsWith(b)
        : m.position === 'endswith'
          ? (a: string, b: string) => a.endsWith(b)
          : (a: string, b: string) => a === b;
  return (views, event) => {
    const others = event.field(name, path).views.map((o) => fold(o.raw));
    return others.length > 0 && views.some((v) => others.some((o) => relation(fold(v.raw), o)));
  };
}

/** A matcher over the element views: true when some element satisfies it. */
function alternativeTest(m: IrMatcher, renames: Renames): ViewsTest {
  if (m.kind === 'fieldref') return fieldrefTest(m, renames);
  const test: ScalarTest = compileScalarTest(m);
  return (views) => {
    for (const v of views) if (test(v)) return true;
    return false;
  };
}

function presenceTest(m: IrMatcher): ((value: unknown) => boolean) | null {
  if (m.kind === 'exists') return m.value ? (v) => v !== undefined : (v) => v === undefined;
  if (m.kind === 'null') return (v) => v === undefined || v === null;
  return null;
}

function anyOf<T extends unknown[]>(tests: readonly ((...a: T) => boolean)[]): (...a: T) => boolean {
  if (tests.length === 1) return tests[0] as (...a: T) => boolean;
  return (...a) => tests.some((t) => t(...a));
}

function compileItem(item: IrItem, renames: Renames): Predicate {
  const valueTests = item.values.map((value) => {
    const parts = value.alternatives.map((m) => {
      const presence = presenceTest(m);
      return presence
        ? (_views: readonly ValueView[], _event: EventView, raw: unknown) => presence(raw)
        : ((t: ViewsTest) => (views: readonly ValueView[], event: EventView) => t(views, event))(alternativeTest(m, renames));
    });
    return anyOf(parts);
  });
  const combined =
    item.linking === 'and'
      ? (views: readonly ValueView[], event: EventView, raw: unknown) => valueTests.every((t) => t(views, event, raw))
      : (views: readonly ValueView[], event: EventView, raw: unknown) => valueTests.some((t) => t(views, event, raw));
  const read = itemReader(item, renames);
  const negated = item.negated;
  return (event) => {
    const { views, raw } = read(event);
    return combined(views, event, raw) !== negated;
  };
}

function itemReader(item: IrItem, renames: Renames): (event: EventView) => { views: readonly ValueView[]; raw: unknown } {
  if (item.field === null) {
    return (event) => ({ views: event.leaves(), raw: event.event });
  }
  const name = renames[item.field] ?? item.field;
  const path = fieldPath(name);
  const slot = fieldSlot(name);
  return (event) => event.fieldAt(slot, name, path);
}

/** Rough cost for ordering: field items with few cheap values first, keywords and regexes last. */
function cost(d: IrDetection): number {
  if (d.kind !== 'item') return d.children.reduce((s, c) => s + cost(c), 0);
  const kinds = d.item.values.flatMap((v) => v.alternatives.map((m) => m.kind));
  const base = d.item.field === null ? 100 : 1;
  return base * (kinds.length + 10 * kinds.filter((k) => k === 'regex' || k === 'fieldref').length);
}

function compileDetection(d: IrDetection, renames: Renames): Predicate {
  if (d.kind === 'item') return compileItem(d.item, renames);
  const children = [...d.children].sort((a, b) => cost(a) - cost(b)).map((c) => compileDetection(c, renames));
  return d.kind === 'allOf' ? (e) => children.every((c) => c(e)) : (e) => children.some((c) => c(e));
}

function compileCondition(expr: ConditionExpr, ids: ReadonlyMap<string, Predicate>): Predicate {
  const ref = (name: string): Predicate => ids.get(name) ?? (() => false);
  switch (expr.kind) {
    case 'and': {
      const args = expr.args.map((a) => compileCondition(a, ids));
      return (e) => args.every((a) => a(e));
    }
    case 'or': {
      const args = expr.args.map((a) => compileCondition(a, ids));
      return (e) => args.some((a) => a(e));
    }
    case 'not': {
      const arg = compileCondition(expr.arg, ids);
      return (e) => !arg(e);
    }
    case 'ref':
      return ref(expr.name);
    case 'of': {
      const args = expr.names.map(ref);
      return expr.quantifier === 'all' ? (e) => args.every((a) => a(e)) : (e) => args.some((a) => a(e));
    }
  }
}

function compileVariant(rule: IrRule, variant: IrVariant): Predicate {
  const gate = variant.gate.map((item) => compileItem(item, {}));
  const ids = new Map(Object.entries(rule.detections).map(([name, d]) => [name, compileDetection(d, variant.renames)]));
  const condition = anyOf(rule.conditions.map((c) => compileCondition(c, ids)));
  return (e) => gate.every((g) => g(e)) && condition(e);
}

/**
 * The rule's closures are built on its first `test` (a rule set holds thousands of rules, and most are never
 * evaluated on a given stream: see ruleset-matcher.ts), then reused; deciding is the same either way.
 */
export function compileRule(rule: IrRule): CompiledRule {
  let variants: Predicate | undefined;
  const test: Predicate = (view) => (variants ??= compileVariants(rule))(view);
  return { id: rule.id, rule, test, matches: (event) => test(new EventView(event)) };
}

function compileVariants(rule: IrRule): Predicate {
  return anyOf(rule.variants.map((v) => compileVariant(rule, v)));
}
