/**
 * Test support: run every corpus rule on every event of one corpus file with both evaluators and collect
 * disagreements. Used by the corpus differential tests (one file per corpus so vitest runs them in parallel).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventView } from '../engine/event-view.js';
import { referenceDecide } from '../engine/reference.js';
import { readEvents } from '../events/index.js';
import { defaultLogsourceMap } from '../logsource/index.js';
import { buildRuleset } from '../ruleset/build-ruleset.js';

export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
export const CORPUS_RULE_DIRS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-placeholder', 'rules-compliance'].map((d) =>
  path.join(SHARED, 'sigma', d),
);

/** Whether the corpus-wide tests can and should run; prints why not, loudly, when they cannot. */
export function corpusTestsEnabled(corpus: string): boolean {
  const file = path.join(SHARED, 'corpora', corpus);
  if (!existsSync(file) || !existsSync(CORPUS_RULE_DIRS[0] ?? '')) {
    console.warn(`SKIPPED: corpus differential test needs ${file} and ${SHARED}/sigma (../shared is absent)`);
    return false;
  }
  if (process.env['SIGMATEST_CORPUS'] !== '1') {
    console.warn(`SKIPPED: corpus-wide differential test on ${corpus} (minutes long); run it with: npm run test:corpus`);
    return false;
  }
  return true;
}

export interface CorpusDifferential {
  readonly events: number;
  readonly rules: number;
  readonly matches: number;
  readonly disagreements: readonly string[];
}

export async function runCorpusDifferential(corpus: string): Promise<CorpusDifferential> {
  const ruleset = await buildRuleset(CORPUS_RULE_DIRS, { logsourceMap: defaultLogsourceMap().map });
  const disagreements: string[] = [];
  let events = 0;
  let matches = 0;
  for await (const record of readEvents(path.join(SHARED, 'corpora', corpus))) {
    if (record.kind === 'error') throw new Error(record.diagnostic.message);
    events++;
    const view = new EventView(record.event);
    for (const rule of ruleset.rules) {
      const compiled = rule.compiled.test(view);
      if (compiled) matches++;
      if (compiled !== referenceDecide(rule.ir, record.event) && disagreements.length < 20) {
        disagreements.push(`${rule.ir.path} on event #${record.index}: compiled=${compiled}`);
      }
    }
  }
  return { events, rules: ruleset.rules.length, matches, disagreements };
}
