/**
 * Both evaluators agree on every SigmaHQ corpus rule for every event of windows-attack-samples.jsonl.gz.
 * Minutes long: runs under `npm run test:corpus` (CI does), skipped loudly otherwise or without ../shared.
 */
import { describeCorpusDifferential } from './corpus-differential-suite.js';

describeCorpusDifferential('windows-attack-samples.jsonl.gz');
