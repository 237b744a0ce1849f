/**
 * Property: the compiled matcher and the reference interpreter decide identically on random (rule, event)
 * pairs — at least 100,000 pairs per run, adversarial strings included. The seed is printed; replay a failure
 * with SIGMATEST_SEED=<seed> npx vitest run framework/engine/differential.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerRule } from '../ir/lower.js';
import { compileRule } from './compile.js';
import { referenceDecide } from './reference.js';
import { event, PLACEHOLDERS, sigmaRule } from './test-support/arbitrary-rule.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20261204);
const RULES = Number(process.env['SIGMATEST_DIFF_RULES'] ?? 3000);
const EVENTS_PER_RULE = 40;

describe('compiled matcher ≡ reference interpreter', () => {
  it(`agrees on at least 100,000 random (rule, event) pairs (seed ${seed})`, () => {
    console.log(`differential seed: ${seed} (set SIGMATEST_SEED to replay)`);
    let pairs = 0;
    let matches = 0;
    let lowered = 0;
    fc.assert(
      fc.property(sigmaRule, fc.array(event, { minLength: EVENTS_PER_RULE, maxLength: EVENTS_PER_RULE }), (rule, events) => {
        const result = lowerRule(rule, { placeholders: PLACEHOLDERS });
        if (!result.rule) return true;
        lowered++;
        const compiled = compileRule(result.rule);
        for (const e of events) {
          const want = referenceDecide(result.rule, e);
          pairs++;
          if (want) matches++;
          if (compiled.matches(e) !== want) return false;
        }
        return true;
      }),
      { seed, numRuns: RULES, verbose: 1 },
    );
    console.log(`differential: ${lowered} rules lowered, ${pairs} pairs, ${matches} matches`);
    expect(pairs).toBeGreaterThanOrEqual(100_000);
    expect(matches).toBeGreaterThan(pairs * 0.02);
    expect(pairs - matches).toBeGreaterThan(pairs * 0.2);
  });
});
