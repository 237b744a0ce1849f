/**
 * The whole-ruleset matcher decides like per-rule compiled evaluation for every SigmaHQ corpus rule on every event
 * of both corpora, and evaluates few rules per event (issue 6: p95 ≤ 5 % of the rules).
 * Runs under `npm run test:corpus`, skipped loudly otherwise or without ../shared.
 */
import { describe, expect, it } from 'vitest';
import { corpusTestsEnabled } from './corpus-differential.js';
import { runCorpusMatcher } from './corpus-matcher.js';

const CORPORA = ['windows-attack-samples.jsonl.gz', 'windows-benign-samples.jsonl.gz'];

for (const corpus of CORPORA) {
  describe.skipIf(!corpusTestsEnabled(corpus))(`ruleset matcher ≡ per-rule compiled on the SigmaHQ corpus × ${corpus}`, () => {
    it('finds the same matching rules on every event, evaluating few', async () => {
      const r = await runCorpusMatcher(corpus);
      const { meanEvaluated, p95Evaluated, routedToNone } = r.stats;
      console.log(
        `${corpus}: ${r.events} events × ${r.rules} rules, ${r.matches} matches, ${r.disagreements.length} disagreements; ` +
          `rules evaluated per event: mean ${meanEvaluated.toFixed(2)}, p95 ${p95Evaluated}; routed to no rule: ${routedToNone}`,
      );
      expect(r.rules).toBeGreaterThan(3700);
      expect(r.events).toBeGreaterThan(20_000);
      expect(r.disagreements).toEqual([]);
      expect(p95Evaluated).toBeLessThanOrEqual(r.rules * 0.05);
    }, 600_000);
  });
}
