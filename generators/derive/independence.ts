/**
 * Independence pairs (issue 4 part 6, MC/DC style): for every detection item, and every value of an OR list,
 * two events that differ in one field only, under which only that item changes its truth value (every other
 * item keeps its value: unique cause; else masking, when the decision follows that item alone) and the rule's
 * decision flips. Built from a positive where the item is forced to a
 * value (through the one value, for value pairs; tight choices make it decisive) and that item's near misses.
 * Items without a pair are listed: `unreachable` (not referenced by a condition, or no matching event with the
 * item at the needed value was found), `redundant` (the item flipped alone but the decision never followed, or
 * the value is covered by another value of the item),
 * `not-found` (anything else). Deterministic for a seed.
 */
import type { IrRule } from '../../framework/ir/types.js';
import { referencedNames } from '../../framework/ir/condition.js';
import { matchFieldValue } from '../../framework/engine/reference.js';
import { defaultFiller } from './filler.js';
import { decideFromTruths, itemTruths, listItems, matchingVariant, refKey, type LocatedItem } from './items.js';
import { deriveNearMisses } from './near-miss.js';
import { derivePositives } from './positive.js';
import { createRng, type Rng } from './rng.js';
import { satisfy } from './solve.js';
import type { BaseEvent, DeriveOptions, DerivedFields, ItemForce, ItemRef } from './types.js';

export interface PairTarget extends ItemRef {
  /** Set for a value pair: the index of the OR value that alone made the item hold. */
  readonly valueIndex?: number;
}

export interface IndependencePair {
  readonly target: PairTarget;
  /** The event field that differs between the two events. */
  readonly eventField: string;
  /** The near-miss operator that turned `match` into `noMatch`. */
  readonly operator: string;
  readonly match: DerivedFields;
  readonly noMatch: DerivedFields;
  /** The item's truth value in `match` (false for an item whose holding excludes the event, e.g. a filter). */
  readonly itemInMatch: boolean;
  /**
   * `unique-cause`: no other item changed. `masking`: other items on the same field changed too, but the
   * decision follows the target item alone (flipping only it flips the decision; the other changes alone do not).
   */
  readonly kind: 'unique-cause' | 'masking';
}

export interface MissingPair {
  readonly item: PairTarget;
  readonly reason: 'redundant' | 'unreachable' | 'not-found';
}

export interface IndependenceOptions extends DeriveOptions {
  /** Base event per variant (default: `{}`). */
  readonly base?: BaseEvent;
  /** Positives tried per target (default 8). */
  readonly attempts?: number;
  /** Also pairs per value of OR items with several values (default true), at most `maxValues` per item (64). */
  readonly values?: boolean;
  readonly maxValues?: number;
}

export interface IndependenceResult {
  readonly pairs: IndependencePair[];
  readonly missing: MissingPair[];
}

function targetsOf(items: readonly LocatedItem[], options: IndependenceOptions): { located: LocatedItem; valueIndex?: number }[] {
  return items.flatMap((located) => {
    const values = located.item.linking === 'or' && located.item.values.length > 1 && options.values !== false ? located.item.values.length : 0;
    const perValue = Array.from({ length: Math.min(values, options.maxValues ?? 64) }, (_, valueIndex) => ({ located, valueIndex }));
    return [{ located }, ...perValue];
  });
}

/**
 * The forced value of attempt n. An item: true, then false, alternately. A value: alternately the item holding
 * through that value only (to be broken), and the item not holding at all (to be satisfied through that value).
 */
function forces(located: LocatedItem, valueIndex: number | undefined, attempt: number): ItemForce {
  const { ref, item } = located;
  if (valueIndex === undefined) return { ...ref, truth: attempt % 2 === 0 };
  return attempt % 2 === 0 ? { ...ref, truth: !item.negated, valueIndex } : { ...ref, truth: item.negated };
}

/** Whether every sampled string of value `vi` is also matched by another value of the item (the value is covered). */
function valueCovered(located: LocatedItem, vi: number, rng: Rng): boolean {
  const values = located.item.values;
  const mine = values[vi]?.alternatives ?? [];
  const others = values.filter((_, i) => i !== vi).flatMap((v) => v.alternatives);
  const ctx = { rng, filler: defaultFiller, mixCase: false, lookup: () => undefined };
  const samples = mine.flatMap((m) => [0, 1, 2].map(() => satisfy(m, ctx))).flatMap((p) => ('value' in p ? [p.value] : []));
  return samples.length > 0 && samples.every((v) => others.some((m) => matchFieldValue(m, v, {})));
}

type Search = { pair: IndependencePair } | { built: boolean; flippedAlone: boolean };
type Truths = Map<string, boolean>;

/** How B relates to A for the target: null when it is no independence evidence. */
function pairKind(rule: IrRule, key: string, before: Truths, after: Truths): 'unique-cause' | 'masking' | null {
  if (after.get(key) === before.get(key)) return null;
  if ([...before].every(([k, v]) => k === key || after.get(k) === v)) return 'unique-cause';
  const onlyTarget = new Map(before).set(key, after.get(key) ?? false);
  const onlyOthers = new Map(after).set(key, before.get(key) ?? false);
  const decided = decideFromTruths(rule, before);
  return decideFromTruths(rule, onlyTarget) !== decided && decideFromTruths(rule, onlyOthers) === decided ? 'masking' : null;
}

function searchPair(rule: IrRule, items: readonly LocatedItem[], located: LocatedItem, valueIndex: number | undefined, options: IndependenceOptions, rng: Rng): Search {
  const base = options.base ?? (() => ({}));
  let built = false;
  let flippedAlone = false;
  let masking: IndependencePair | undefined;
  const key = refKey(located.ref);
  const target: PairTarget = { ...located.ref, ...(valueIndex !== undefined ? { valueIndex } : {}) };
  for (let attempt = 0; attempt < (options.attempts ?? 8); attempt++) {
    const force = forces(located, valueIndex, attempt);
    const positive = derivePositives(rule, base, { ...options, random: rng, count: 1, maxAttempts: 4, force }).events[0];
    const variant = positive && matchingVariant(rule, positive.event);
    if (!positive || !variant) continue;
    built = true;
    const before = itemTruths(items, positive.event, variant);
    const only = valueIndex !== undefined ? { valueIndex } : {};
    for (const miss of deriveNearMisses(rule, positive.event, { random: rng, items: [located.ref], logsource: false, ...only })) {
      const kind = pairKind(rule, key, before, itemTruths(items, miss.event, variant));
      if (kind === null) continue;
      if (miss.expect === 'match') {
        flippedAlone ||= kind === 'unique-cause';
        continue;
      }
      const pair: IndependencePair = { target, eventField: miss.target.eventField, operator: miss.operator, match: positive.event, noMatch: miss.event, itemInMatch: before.get(key) ?? false, kind };
      if (kind === 'unique-cause') return { pair };
      masking ??= pair;
    }
  }
  return masking ? { pair: masking } : { built, flippedAlone };
}

export function independencePairs(rule: IrRule, options: IndependenceOptions = {}): IndependenceResult {
  const rng = options.random ?? createRng(options.seed ?? 1);
  const items = listItems(rule);
  const used = new Set<string>();
  rule.conditions.forEach((c) => referencedNames(c, used));
  const pairs: IndependencePair[] = [];
  const missing: MissingPair[] = [];
  for (const { located, valueIndex } of targetsOf(items, options)) {
    const item: PairTarget = { ...located.ref, ...(valueIndex !== undefined ? { valueIndex } : {}) };
    if (!used.has(located.ref.identifier)) {
      missing.push({ item, reason: 'unreachable' });
      continue;
    }
    const found = searchPair(rule, items, located, valueIndex, options, rng);
    if ('pair' in found) pairs.push(found.pair);
    else if (valueIndex !== undefined && valueCovered(located, valueIndex, rng)) missing.push({ item, reason: 'redundant' });
    else missing.push({ item, reason: !found.built ? 'unreachable' : found.flippedAlone ? 'redundant' : 'not-found' });
  }
  return { pairs, missing };
}
