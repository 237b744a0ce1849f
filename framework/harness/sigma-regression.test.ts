/**
 * Every SigmaHQ regression test in ../shared/sigma/regression_data against the corpus rules, with the default
 * log-source mapping, on both evaluators: each rule reaches its match_count (at least 1 when unset).
 * Skipped loudly when ../shared is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceDecide } from '../engine/reference.js';
import { readEvents } from '../events/index.js';
import { defaultLogsourceMap } from '../logsource/index.js';
import { buildRuleset, type PreparedRule, type Ruleset } from '../ruleset/build-ruleset.js';
import { readRegressionTests, type RegressionTest } from './sigma-regression.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sigma = path.resolve(root, '../shared/sigma');
const RULE_DIRS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-placeholder', 'rules-compliance'];
const have = existsSync(path.join(sigma, 'regression_data'));
if (!have) console.warn(`SKIPPED: SigmaHQ regression data not found at ${sigma} (../shared is absent)`);

async function countMatches(rule: PreparedRule, file: string): Promise<{ compiled: number; reference: number; events: number; errors: string[] }> {
  const result = { compiled: 0, reference: 0, events: 0, errors: [] as string[] };
  for await (const r of readEvents(file)) {
    if (r.kind === 'error') {
      result.errors.push(`${r.diagnostic.span.file}:${r.diagnostic.span.line} ${r.diagnostic.message}`);
      continue;
    }
    result.events++;
    if (rule.compiled.matches(r.event)) result.compiled++;
    if (referenceDecide(rule.ir, r.event)) result.reference++;
  }
  return result;
}

describe.skipIf(!have)('SigmaHQ regression data (../shared/sigma/regression_data)', async () => {
  let ruleset: Ruleset;
  const byId = new Map<string, PreparedRule>();
  const { tests, errors } = have ? await readRegressionTests(path.join(sigma, 'regression_data')) : { tests: [], errors: [] };
  const evtxTests = tests.filter((t) => t.type === 'evtx');

  beforeAll(async () => {
    ruleset = await buildRuleset(
      RULE_DIRS.map((d) => path.join(sigma, d)),
      { logsourceMap: defaultLogsourceMap().map },
    );
    for (const r of ruleset.rules) byId.set(r.ir.id, r);
  });

  it('reads every info.yml', () => {
    expect(errors).toEqual([]);
    expect(evtxTests.length).toBeGreaterThanOrEqual(150);
  });

  it.each(evtxTests.map((t): [string, RegressionTest] => [path.relative(sigma, t.infoFile), t]))('%s', async (_name, test) => {
    const rules = test.ruleIds.map((id) => byId.get(id)).filter((r): r is PreparedRule => r !== undefined);
    expect(rules.length, `rule(s) ${test.ruleIds.join(', ')} loaded`).toBe(test.ruleIds.length);
    for (const rule of rules) {
      const counts = await countMatches(rule, test.eventsFile);
      expect(counts.errors).toEqual([]);
      expect(counts.compiled, `compiled matches of ${rule.ir.path} on ${test.eventsFile}`).toBeGreaterThanOrEqual(test.matchCount);
      expect(counts.reference, 'reference agrees with compiled').toBe(counts.compiled);
    }
  });
});
