/**
 * IrRule → CompiledRule: closures per item with pre-folded literals (an item's values grouped into one test,
 * compile-any.ts), per-field lookups resolved once, cheap items first inside AND/OR (no side effects, so order is
 * free, §8), combined with loops, built lazily on a rule's first test. Decides exactly like reference.ts.
 */
import type { ConditionExpr, IrDetection, IrItem, IrMatcher, IrRule, IrVariant } from '../ir/types.js';
import type { Event } from './event.js';
import { EventView, fieldSlot } from './event-view.js';
import { fieldPath } from './field.js';
import { compileAnyScalar } from './compile-any.js';
import type { ValueView } from './compile-matcher.js';
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

/** An item's test over its field: the element views, the event (field references) and the raw value (presence). */
type ItemTest = (views: readonly ValueView[], event: EventView, raw: unknown) => boolean;

function presenceTest(m: IrMatcher): ((value: unknown) => boolean) | null {
  if (m.kind === 'exists') return m.value ? (v) => v !== undefined : (v) => v === undefined;
  if (m.kind === 'null') return (v) => v === undefined || v === null;
  return null;
}

/** True when some matcher holds: presence on the raw value, a scalar one on some element, or a field reference. */
function anyMatcherTest(matchers: readonly IrMatcher[], renames: Renames): ItemTest {
  const presence: ((value: unknown) => boolean)[] = [];
  const refs: ViewsTest[] = [];
  const scalars: IrMatcher[] = [];
  for (const m of matchers) {
    const p = presenceTest(m);
    if (p) presence.push(p);
    else if (m.kind === 'fieldref') refs.push(fieldrefTest(m, renames));
    else scalars.push(m);
  }
  const scalar = scalars.length > 0 ? compileAnyScalar(scalars) : null;
  return (views, event, raw) => {
    for (let i = 0; i < presence.length; i++) if ((presence[i] as (value: unknown) => boolean)(raw)) return true;
    if (scalar !== null) for (let i = 0; i < views.length; i++) if (scalar(views[i] as ValueView)) return true;
    for (let i = 0; i < refs.length; i++) if ((refs[i] as ViewsTest)(views, event)) return true;
    return false;
  };
}

/** Predicates combined with loops (no closure or argument array per call: this runs per evaluated rule). */
function anyOf(tests: readonly Predicate[]): Predicate {
  if (tests.length === 1) return tests[0] as Predicate;
  return (e) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as Predicate)(e)) return true;
    return false;
  };
}

function allOf(tests: readonly Predicate[]): Predicate {
  if (tests.length === 1) return tests[0] as Predicate;
  return (e) => {
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as Predicate)(e)) return false;
    return true;
  };
}

/**
 * `field|all: [a, b]` (linking and): every value holds; otherwise some alternative of some value does, which is
 * one OR over all of them (grouped by compileAnyScalar).
 */
function compileItem(item: IrItem, renames: Renames): Predicate {
  let test: ItemTest;
  if (item.linking === 'and' && item.values.length !== 1) {
    const each = item.values.map((value) => anyMatcherTest(value.alternatives, renames));
    test = (views, event, raw) => {
      for (let i = 0; i < each.length; i++) if (!(each[i] as ItemTest)(views, event, raw)) return false;
      return true;
    };
  } else test = anyMatcherTest(item.values.flatMap((value) => value.alternatives), renames);
  const read = itemReader(item, renames);
  const negated = item.negated;
  return (event) => {
    const { views, raw } = read(event);
    return test(views, event, raw) !== negated;
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
  return d.kind === 'allOf' ? allOf(children) : anyOf(children);
}

function compileCondition(expr: ConditionExpr, ids: ReadonlyMap<string, Predicate>): Predicate {
  const ref = (name: string): Predicate => ids.get(name) ?? (() => false);
  switch (expr.kind) {
    case 'and':
      return allOf(expr.args.map((a) => compileCondition(a, ids)));
    case 'or':
      return anyOf(expr.args.map((a) => compileCondition(a, ids)));
    case 'not': {
      const arg = compileCondition(expr.arg, ids);
      return (e) => !arg(e);
    }
    case 'ref':
      return ref(expr.name);
    case 'of': {
      const args = expr.names.map(ref);
      return expr.quantifier === 'all' ? allOf(args) : anyOf(args);
    }
  }
}

function compileVariant(rule: IrRule, variant: IrVariant): Predicate {
  const gate = variant.gate.map((item) => compileItem(item, {}));
  const ids = new Map(Object.entries(rule.detections).map(([name, d]) => [name, compileDetection(d, variant.renames)]));
  return allOf([...gate, anyOf(rule.conditions.map((c) => compileCondition(c, ids)))]);
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
