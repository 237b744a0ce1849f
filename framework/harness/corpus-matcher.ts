/**
 * Test support: the whole-ruleset matcher (engine/ruleset-matcher.ts) against per-rule compiled evaluation on
 * every event of one corpus file, with the SigmaHQ corpus rules and the default log-source map. Any difference
 * in the matching rule set of an event is a disagreement. Enabled like the other corpus tests
 * (corpus-differential.ts: SIGMATEST_CORPUS=1 and ../shared present).
 */
import path from 'node:path';
import { EventView } from '../engine/event-view.js';
import { compileRuleset, type RulesetMatcherStats } from '../engine/ruleset-matcher.js';
import { readEvents } from '../events/index.js';
import { defaultLogsourceMap } from '../logsource/index.js';
import { buildRuleset } from '../ruleset/build-ruleset.js';
import { CORPUS_RULE_DIRS, SHARED } from './corpus-differential.js';

export interface CorpusMatcherResult {
  readonly events: number;
  readonly rules: number;
  readonly matches: number;
  readonly disagreements: readonly string[];
  readonly stats: RulesetMatcherStats;
}

export async function runCorpusMatcher(corpus: string): Promise<CorpusMatcherResult> {
  const ruleset = await buildRuleset(CORPUS_RULE_DIRS, { logsourceMap: defaultLogsourceMap().map });
  const rules = ruleset.rules;
  const matcher = compileRuleset(
    rules.map((r) => r.ir),
    { compiled: rules.map((r) => r.compiled), plainEvents: true },
  );
  const disagreements: string[] = [];
  let events = 0;
  let matches = 0;
  for await (const record of readEvents(path.join(SHARED, 'corpora', corpus))) {
    if (record.kind === 'error') throw new Error(record.diagnostic.message);
    events++;
    const got = matcher.match(record.event).join(',');
    const view = new EventView(record.event);
    const want = rules.flatMap((r, i) => (r.compiled.test(view) ? [i] : []));
    matches += want.length;
    if (got !== want.join(',') && disagreements.length < 20) {
      disagreements.push(`event #${record.index}: matcher [${got}] per-rule [${want.join(',')}]`);
    }
  }
  return { events, rules: rules.length, matches, disagreements, stats: matcher.stats() };
}
