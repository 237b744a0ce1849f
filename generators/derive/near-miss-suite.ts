/**
 * Near misses for every detection item of a rule (issue 4 part 3 at rule level). One positive cannot reach
 * every item (an item in a branch the positive did not take cannot stop it matching), so for each item a
 * positive is derived with that item forced true, then false (tight choices make it decisive), and the item's
 * near misses are taken from it until one is a no-match. Out: the positives used, their near misses, and the
 * items for which no near miss was a no-match. Deterministic for a seed.
 */
import type { IrRule } from '../../framework/ir/types.js';
import { listItems, refKey } from './items.js';
import { deriveNearMisses, type NearMiss } from './near-miss.js';
import { derivePositives } from './positive.js';
import { createRng } from './rng.js';
import type { BaseEvent, DeriveOptions, DerivedEvent, ItemRef } from './types.js';

export interface NearMissSuiteOptions extends DeriveOptions {
  /** Base event per variant (default: `{}`). */
  readonly base?: BaseEvent;
  /** Forced positives tried per item (default 4: true, false, true, false). */
  readonly attempts?: number;
}

export interface NearMissSuite {
  readonly positives: DerivedEvent[];
  readonly nearMisses: NearMiss[];
  /** Items without a near miss that the reference decides as no-match. */
  readonly uncovered: ItemRef[];
}

export function nearMissSuite(rule: IrRule, options: NearMissSuiteOptions = {}): NearMissSuite {
  const rng = options.random ?? createRng(options.seed ?? 1);
  const base = options.base ?? (() => ({}));
  const positives: DerivedEvent[] = [];
  const nearMisses: NearMiss[] = [];
  const covered = new Set<string>();
  const first = derivePositives(rule, base, { ...options, random: rng }).events[0];
  const cover = (misses: NearMiss[]): void => {
    nearMisses.push(...misses);
    for (const m of misses) if (m.expect === 'no-match' && m.target.kind === 'detection') covered.add(refKey({ identifier: m.target.identifier, path: m.target.itemPath }));
  };
  if (first) {
    positives.push(first);
    cover(deriveNearMisses(rule, first.event, { random: rng }));
  }
  const items = listItems(rule);
  for (const { ref } of items) {
    for (let attempt = 0; attempt < (options.attempts ?? 4) && !covered.has(refKey(ref)); attempt++) {
      const force = { ...ref, truth: attempt % 2 === 0 };
      const positive = derivePositives(rule, base, { ...options, random: rng, maxAttempts: 4, force }).events[0];
      if (!positive) continue;
      positives.push(positive);
      cover(deriveNearMisses(rule, positive.event, { random: rng, items: [ref], logsource: false }));
    }
  }
  return { positives, nearMisses, uncovered: items.filter((i) => !covered.has(refKey(i.ref))).map((i) => i.ref) };
}
