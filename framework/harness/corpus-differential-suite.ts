/**
 * Test support: the vitest suite "compiled ≡ reference on every corpus rule for every event of CORPUS", shared
 * by one test file per corpus file (so vitest runs them in parallel). Skipped loudly unless SIGMATEST_CORPUS=1.
 */
import { describe, expect, it } from 'vitest';
import { corpusTestsEnabled, runCorpusDifferential } from './corpus-differential.js';

export function describeCorpusDifferential(corpus: string): void {
  describe.skipIf(!corpusTestsEnabled(corpus))(`compiled ≡ reference on the SigmaHQ corpus × ${corpus}`, () => {
    it('agrees on every rule for every event', async () => {
      const result = await runCorpusDifferential(corpus);
      console.log(`${corpus}: ${result.events} events × ${result.rules} rules, ${result.matches} matches, ${result.disagreements.length} disagreements`);
      expect(result.rules).toBeGreaterThan(3700);
      expect(result.events).toBeGreaterThan(20_000);
      expect(result.disagreements).toEqual([]);
    }, 3_600_000);
  });
}
