/**
 * Near misses (issue 4 part 3): from a positive, events that differ in exactly one field, each aimed at flipping
 * one detection item (a true item is broken with an operator of its matcher kind or by removing / nulling /
 * emptying the field; a false item, e.g. a filter's, is satisfied) or the log-source gate (another EventID,
 * Channel, ...). Every candidate is decided by the reference evaluator: `expect` is what it says, so a mutation
 * whose item is still covered by another value or item is kept with `expect: 'match'` (a masked value).
 * In: the rule and an event it matches. Out: near misses in item order, duplicates removed.
 */
import type { IrItem, IrMatcher, IrRule, IrVariant } from '../../framework/ir/types.js';
import { evaluateItem, matchFieldValue, referenceDecide } from '../../framework/engine/reference.js';
import { collectLeaves, lookupField } from '../../framework/engine/field.js';
import { defaultFiller } from './filler.js';
import { eventField, listItems, matchingVariant, refKey, type LocatedItem } from './items.js';
import { gateViolations } from './gate-mutations.js';
import { createRng, type Rng } from './rng.js';
import { satisfyAll } from './solve.js';
import type { DerivedFields, ItemRef } from './types.js';
import { fieldViolations, violate, type Violation } from './violate.js';

export interface NearMissTarget {
  /** `detection`: a detection item; `logsource`: an item of the variant's gate (identifier = variant label). */
  readonly kind: 'detection' | 'logsource';
  readonly identifier: string;
  /** Index path of the item in the detection tree (for `logsource`: `[index of the gate item]`). */
  readonly itemPath: readonly number[];
  /** The rule's field name (`null` for keywords). */
  readonly field: string | null;
  /** The event field that was changed. */
  readonly eventField: string;
  /** The item's value the operator worked on, when it worked on one. */
  readonly valueIndex?: number;
}

export interface NearMiss {
  readonly event: DerivedFields;
  readonly target: NearMissTarget;
  readonly operator: string;
  /** What the reference evaluator decides on `event`. */
  readonly expect: 'match' | 'no-match';
  /** Whether the targeted item's truth value changed (false = the mutation was masked within the item). */
  readonly flipped: boolean;
}

export interface NearMissOptions {
  readonly seed?: number;
  readonly random?: Rng;
  /** Only these items (default: every item); log-source near misses only when `logsource` is not false. */
  readonly items?: readonly ItemRef[];
  readonly logsource?: boolean;
  /** Only operators working on this value of each item (breaking it, or satisfying it). */
  readonly valueIndex?: number;
}

/** Where keyword samples go when a keyword item must be made to hold. */
const KEYWORD_FIELD = 'Message';

interface Candidate extends Violation {
  readonly valueIndex?: number;
  /** The event field changed, when not the item's own. */
  readonly field?: string;
}

/** Values of the item (index, matcher) that hold on `value`. */
function holdingMatchers(item: IrItem, value: unknown, event: DerivedFields, variant: IrVariant): { vi: number; m: IrMatcher }[] {
  return item.values.flatMap((v, vi) => v.alternatives.filter((m) => matchFieldValue(m, value, event, variant.renames)).map((m) => ({ vi, m })));
}

function breakInner(item: IrItem, value: unknown, event: DerivedFields, variant: IrVariant, rng: Rng, only?: number): Candidate[] {
  const held = holdingMatchers(item, value, event, variant).filter(({ vi }) => only === undefined || vi === only);
  const own = held.flatMap(({ vi, m }) => violate(m, value, rng).map((v) => ({ ...v, valueIndex: vi })));
  return [...own, ...fieldViolations()];
}

/** Matchers of the other items on the same event field that hold now (kept while satisfying the target). */
function siblingMatchers(items: readonly LocatedItem[], self: LocatedItem, field: string, event: DerivedFields, variant: IrVariant): IrMatcher[] {
  return items.flatMap((i) => {
    if (i === self || i.item.field === null || i.item.negated || eventField(variant, i.item.field) !== field) return [];
    const held = holdingMatchers(i.item, lookupField(event, field), event, variant);
    const perValue = i.item.values.flatMap((_, vi) => held.find((h) => h.vi === vi)?.m ?? []);
    return i.item.linking === 'and' ? perValue : perValue.slice(0, 1);
  });
}

/** `A|fieldref: B` made to hold by changing B instead of A: B takes A's value. */
function copyToReferenced(m: IrMatcher, field: string, event: DerivedFields, variant: IrVariant, vi: number): Candidate[] {
  const value = lookupField(event, field);
  if (m.kind !== 'fieldref' || m.position !== 'equals' || value === undefined || value === null) return [];
  return [{ operator: 'fieldref:copy-value', value, valueIndex: vi, field: eventField(variant, m.field) }];
}

function makeInner(item: IrItem, siblings: readonly IrMatcher[], field: string, event: DerivedFields, variant: IrVariant, rng: Rng, only?: number): Candidate[] {
  const ctx = { rng, filler: defaultFiller, mixCase: false, lookup: (f: string) => lookupField(event, variant.renames[f] ?? f) };
  const firsts = item.values.map((v) => v.alternatives[0] as IrMatcher);
  const indices = item.linking === 'and' ? [0] : only !== undefined ? [only] : [0, 1, 2];
  return indices.flatMap((vi) => {
    const first = firsts[vi];
    if (!first) return [];
    if (first.kind === 'fieldref') return copyToReferenced(first, field, event, variant, vi);
    const own = item.linking === 'and' ? firsts : [first];
    return [[...own, ...siblings], own].flatMap((ms) => {
      const proposal = satisfyAll(ms, ctx);
      return 'value' in proposal ? [{ operator: 'item:satisfy', value: proposal.value, ...(item.linking === 'and' ? {} : { valueIndex: vi }) }] : [];
    });
  });
}

/** The event field holding the leaf a keyword item finds (the first one). */
function keywordField(item: IrItem, event: DerivedFields): string | undefined {
  const matchers = item.values.flatMap((v) => v.alternatives);
  return Object.keys(event).find((k) => collectLeaves(event[k]).some((leaf) => matchers.some((m) => matchFieldValue(m, leaf, event))));
}

function withField(event: DerivedFields, field: string, value: unknown): DerivedFields {
  const out = { ...event };
  if (value === undefined) delete out[field];
  else out[field] = value;
  return out;
}

function itemNearMisses(rule: IrRule, positive: DerivedFields, all: readonly LocatedItem[], located: LocatedItem, variant: IrVariant, rng: Rng, only?: number): NearMiss[] {
  const { item, ref } = located;
  const inner = evaluateItem(item.negated ? { ...item, negated: false } : item, positive, variant.renames);
  const found = item.field === null ? keywordField(item, positive) : eventField(variant, item.field);
  if (found === undefined && inner) return [];
  const target = found ?? KEYWORD_FIELD;
  const candidates = inner
    ? breakInner(item, lookupField(positive, target), positive, variant, rng, only)
    : makeInner(item, item.field === null ? [] : siblingMatchers(all, located, target, positive, variant), target, positive, variant, rng, only);
  const before = evaluateItem(item, positive, variant.renames);
  return candidates.map((c) => {
    const changed = c.field ?? target;
    const event = withField(positive, changed, c.value);
    const flipped = evaluateItem(item, event, variant.renames) !== before;
    const t: NearMissTarget = { kind: 'detection', identifier: ref.identifier, itemPath: ref.path, field: item.field, eventField: changed, ...(c.valueIndex !== undefined ? { valueIndex: c.valueIndex } : {}) };
    return { event, target: t, operator: c.operator, expect: referenceDecide(rule, event) ? 'match' : 'no-match', flipped };
  });
}

function logsourceNearMisses(rule: IrRule, positive: DerivedFields, variant: IrVariant): NearMiss[] {
  return variant.gate.flatMap((item, index) => {
    if (item.field === null) return [];
    return gateViolations(rule, item, positive).map((v) => {
      const event = withField(positive, item.field as string, v.value);
      const target: NearMissTarget = { kind: 'logsource', identifier: variant.label, itemPath: [index], field: item.field, eventField: item.field as string };
      return { event, target, operator: v.operator, expect: referenceDecide(rule, event) ? ('match' as const) : ('no-match' as const), flipped: !evaluateItem(item, event) };
    });
  });
}

function dedupe(misses: NearMiss[], positive: DerivedFields): NearMiss[] {
  const unchanged = JSON.stringify(positive);
  const seen = new Set<string>();
  return misses.filter((m) => {
    const text = JSON.stringify(m.event);
    const key = `${m.target.kind}:${refKey({ identifier: m.target.identifier, path: m.target.itemPath })}|${text}`;
    if (text === unchanged || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function deriveNearMisses(rule: IrRule, positive: DerivedFields, options: NearMissOptions = {}): NearMiss[] {
  const variant = matchingVariant(rule, positive);
  if (!variant) return [];
  const rng = options.random ?? createRng(options.seed ?? 1);
  const wanted = options.items ? new Set(options.items.map(refKey)) : null;
  const items = listItems(rule).filter((i) => !wanted || wanted.has(refKey(i.ref)));
  const all = listItems(rule);
  const misses = items.flatMap((i) => itemNearMisses(rule, positive, all, i, variant, rng, options.valueIndex));
  if (options.logsource !== false) misses.push(...logsourceNearMisses(rule, positive, variant));
  return dedupe(misses, positive);
}
