/**
 * Properties over random rules (framework/engine/test-support/arbitrary-rule.ts: every modifier chain, keywords,
 * `1 of`/`all of`/`not`, adversarial strings): whatever derivePositives returns matches (referenceDecide is
 * true), whatever near miss says no-match does not match, and independence pairs flip the decision.
 * Replay with SIGMATEST_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerRule } from '../../framework/ir/lower.js';
import { referenceDecide } from '../../framework/engine/reference.js';
import { PLACEHOLDERS, sigmaRule } from '../../framework/engine/test-support/arbitrary-rule.js';
import { deriveNearMisses, derivePositives, independencePairs } from './index.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20260404);

describe('derivation on random rules', () => {
  it(`positives match and no-match near misses do not (seed ${seed})`, () => {
    let rules = 0;
    let derived = 0;
    let noMatch = 0;
    fc.assert(
      fc.property(sigmaRule, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (source, deriveSeed, mixCase) => {
        const rule = lowerRule(source, { placeholders: PLACEHOLDERS }).rule;
        if (!rule) return true;
        rules++;
        const { events } = derivePositives(rule, () => ({}), { seed: deriveSeed, count: 2, mixCase });
        for (const e of events) {
          derived++;
          if (!referenceDecide(rule, e.event)) return false;
          for (const miss of deriveNearMisses(rule, e.event, { seed: deriveSeed })) {
            if (miss.expect === 'no-match') noMatch++;
            if (referenceDecide(rule, miss.event) !== (miss.expect === 'match')) return false;
          }
        }
        return true;
      }),
      { seed, numRuns: 1500 },
    );
    expect(derived).toBeGreaterThan(rules * 0.9);
    expect(noMatch).toBeGreaterThan(derived);
  });

  it(`independence pairs flip the decision (seed ${seed})`, () => {
    fc.assert(
      fc.property(sigmaRule, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (source, deriveSeed) => {
        const rule = lowerRule(source, { placeholders: PLACEHOLDERS }).rule;
        if (!rule) return true;
        const { pairs } = independencePairs(rule, { seed: deriveSeed, attempts: 2, maxValues: 3 });
        return pairs.every((p) => referenceDecide(rule, p.match) && !referenceDecide(rule, p.noMatch));
      }),
      { seed, numRuns: 150 },
    );
  });
});
