/**
 * Both evaluators agree on every SigmaHQ corpus rule for every event of windows-attack-samples.jsonl.gz.
 * Minutes long: runs under `npm run test:corpus` (CI does), skipped loudly otherwise or without ../shared.
 */
import { describe, expect, it } from 'vitest';
import { corpusTestsEnabled, runCorpusDifferential } from './corpus-differential.js';

const CORPUS = 'windows-attack-samples.jsonl.gz';

describe.skipIf(!corpusTestsEnabled(CORPUS))(`compiled ≡ reference on the SigmaHQ corpus × ${CORPUS}`, () => {
  it('agrees on every rule for every event', async () => {
    const result = await runCorpusDifferential(CORPUS);
    console.log(`${CORPUS}: ${result.events} events × ${result.rules} rules, ${result.matches} matches, ${result.disagreements.length} disagreements`);
    expect(result.rules).toBeGreaterThan(3700);
    expect(result.events).toBeGreaterThan(20_000);
    expect(result.disagreements).toEqual([]);
  }, 3_600_000);
});
