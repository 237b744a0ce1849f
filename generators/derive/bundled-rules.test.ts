/**
 * Every bundled detection rule (rules/: 19 rules, every modifier family): a verified positive, near misses confirmed by the
 * reference for at least 95 % of detection items, independence pairs that really differ in one field and flip
 * the decision, and determinism (same seed, same events).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { IrRule } from '../../framework/ir/types.js';
import { referenceDecide } from '../../framework/engine/reference.js';
import { deriveNearMisses, derivePositives, independencePairs, listItems, nearMissSuite } from './index.js';
import { bundledRules } from './test-support/bundled.js';

let rules: IrRule[];

beforeAll(async () => {
  rules = await bundledRules();
});

const name = (rule: IrRule): string => rule.path.split('/').pop() ?? rule.path;

describe('derivation over the bundled rules', () => {
  it('loads the 19 bundled detection rules', () => {
    expect(rules.length).toBe(19);
  });

  it('derives a verified positive for every rule, also with random letter case', () => {
    for (const rule of rules) {
      for (const mixCase of [false, true]) {
        const { events, reason } = derivePositives(rule, () => ({}), { seed: 42, count: 5, mixCase });
        expect(reason, name(rule)).toBeUndefined();
        expect(events.length, name(rule)).toBe(5);
        for (const e of events) expect(referenceDecide(rule, e.event), name(rule)).toBe(true);
      }
    }
  });

  it('has a confirmed no-match near miss for at least 95 % of detection items', () => {
    let items = 0;
    let uncovered = 0;
    for (const rule of rules) {
      const suite = nearMissSuite(rule, { seed: 9 });
      items += listItems(rule).length;
      uncovered += suite.uncovered.length;
      for (const m of suite.nearMisses) expect(m.expect, name(rule)).toBe(referenceDecide(rule, m.event) ? 'match' : 'no-match');
    }
    expect(items).toBeGreaterThan(60);
    expect((items - uncovered) / items).toBeGreaterThanOrEqual(0.95);
  });

  it('builds independence pairs that differ in one field and flip the decision', () => {
    let pairs = 0;
    for (const rule of rules) {
      const result = independencePairs(rule, { seed: 4 });
      pairs += result.pairs.length;
      const itemPairs = new Set(result.pairs.filter((p) => p.target.valueIndex === undefined).map((p) => `${p.target.identifier}/${p.target.path.join('.')}`));
      expect(itemPairs.size / listItems(rule).length, name(rule)).toBeGreaterThanOrEqual(0.8);
      for (const p of result.pairs) {
        expect(referenceDecide(rule, p.match)).toBe(true);
        expect(referenceDecide(rule, p.noMatch)).toBe(false);
        const keys = new Set([...Object.keys(p.match), ...Object.keys(p.noMatch)]);
        expect([...keys].filter((k) => JSON.stringify(p.match[k]) !== JSON.stringify(p.noMatch[k]))).toEqual([p.eventField]);
      }
    }
    expect(pairs).toBeGreaterThan(150);
  });

  it('reports a value covered by another value of its list as redundant', () => {
    const rule = rules.find((r) => r.path.includes('base64_script_or_reverse_shell')) as IrRule;
    const { missing } = independencePairs(rule, { seed: 4 });
    // 'openssl base64 -d' always contains 'base64 -d': that value can never decide alone.
    expect(missing).toContainEqual({ item: { identifier: 'selection_decoder', path: [0], valueIndex: 2 }, reason: 'redundant' });
  });

  it('is deterministic for a seed', () => {
    for (const rule of rules) {
      const run = (): string => {
        const positives = derivePositives(rule, () => ({}), { seed: 77, count: 3 });
        const misses = positives.events[0] ? deriveNearMisses(rule, positives.events[0].event, { seed: 77 }) : [];
        return JSON.stringify([positives, misses]);
      };
      expect(run(), name(rule)).toBe(run());
    }
    const rule = rules[0] as IrRule;
    expect(JSON.stringify(independencePairs(rule, { seed: 5 }))).toBe(JSON.stringify(independencePairs(rule, { seed: 5 })));
    expect(JSON.stringify(derivePositives(rule, () => ({}), { seed: 5, count: 3 }))).not.toBe(JSON.stringify(derivePositives(rule, () => ({}), { seed: 6, count: 3 })));
  });
});
