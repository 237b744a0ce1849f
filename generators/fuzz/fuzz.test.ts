/**
 * The fuzzer finds real engine bugs: a deliberately wrong matcher (endswith treated as contains) fails on the
 * portmap rule within 200 runs, and the failure shrinks to a short hostname. The real engine passes on every
 * bundled rule, and the same seed gives the same report.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../../framework/engine/compile.js';
import type { IrDetection, IrMatcher, IrRule } from '../../framework/ir/types.js';
import { defaultLogsourceMap } from '../../framework/logsource/index.js';
import { buildRuleset, type PreparedRule } from '../../framework/ruleset/build-ruleset.js';
import { loadPlaceholders } from '../../framework/ruleset/placeholders.js';
import { fuzzRule } from './fuzz-rule.js';
import { fuzzRules } from './run-fuzz.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = Number(process.env['SIGMATEST_SEED'] ?? 20261204);

async function bundled(): Promise<PreparedRule[]> {
  const { placeholders } = await loadPlaceholders(path.join(root, 'cases/_placeholders.yml'));
  const ruleset = await buildRuleset([path.join(root, 'rules')], { logsourceMap: defaultLogsourceMap().map, placeholders });
  return [...ruleset.rules];
}

/** endswith (`*x`) turned into contains (`*x*`): the bug the fuzzer must find. */
function endswithAsContains(m: IrMatcher): IrMatcher {
  if (m.kind !== 'string' || m.pattern.length < 2 || m.pattern[0]?.t !== 'any' || m.pattern[m.pattern.length - 1]?.t === 'any') return m;
  return { ...m, pattern: [...m.pattern, { t: 'any' }] };
}

function breakDetection(d: IrDetection): IrDetection {
  if (d.kind !== 'item') return { ...d, children: d.children.map(breakDetection) };
  return { ...d, item: { ...d.item, values: d.item.values.map((v) => ({ ...v, alternatives: v.alternatives.map(endswithAsContains) })) } };
}

function brokenMatcher(rule: IrRule): (event: Record<string, unknown>) => boolean {
  const detections = Object.fromEntries(Object.entries(rule.detections).map(([k, d]) => [k, breakDetection(d)]));
  return compileRule({ ...rule, detections }).matches;
}

describe('sigmatest fuzz', () => {
  it(`finds and shrinks an endswith-as-contains bug on the portmap rule within 200 runs (seed ${SEED})`, async () => {
    const portmap = (await bundled()).find((r) => r.ir.id === '07837ab9-60e1-481f-a74d-c31fb496a94c')!;
    const wrong = brokenMatcher(portmap.ir);
    const result = fuzzRule(portmap, { runs: 200, seed: SEED, decide: (_rule, event) => wrong(event) });
    expect(result.failures).toHaveLength(1);
    const failure = result.failures[0]!;
    expect(failure).toMatchObject({ engine: true, reference: false, expected: false });
    const host = String(failure.event['DestinationHostname']);
    console.log(`shrunk failing event: ${JSON.stringify(failure.event)} (from ${String(failure.originalEvent['DestinationHostname'])})`);
    expect(host.toLowerCase()).toContain('.portmap.io');
    expect(host.toLowerCase().endsWith('.portmap.io')).toBe(false);
    expect(host.length).toBeLessThanOrEqual('.portmap.io'.length + 3);
    expect(failure.replay).toContain(`--seed ${SEED} --replay `);
    const replayed = fuzzRule(portmap, { runs: 200, seed: SEED, path: failure.path, decide: (_rule, event) => wrong(event) });
    expect(replayed.failures[0]?.originalEvent).toEqual(failure.originalEvent);
  });

  it('passes every bundled rule on the real engine, with a positive and near misses for each', async () => {
    const report = fuzzRules(await bundled(), { runs: 20, seed: SEED, version: 'test' });
    expect(report.totals.failures, JSON.stringify(report.rules.flatMap((r) => r.failures), null, 1).slice(0, 3000)).toBe(0);
    expect(report.totals.disagreements).toBe(0);
    expect(report.totals.rulesWithPositive).toBe(report.totals.rules);
    expect(report.totals.itemsWithNearMiss / report.totals.items).toBeGreaterThanOrEqual(0.95);
  });

  it('produces the near-miss kinds of the issue on the portmap rule', async () => {
    const portmap = (await bundled()).find((r) => r.ir.id === '07837ab9-60e1-481f-a74d-c31fb496a94c')!;
    const result = fuzzRule(portmap, { runs: 200, seed: SEED });
    expect(Object.keys(result.operators)).toEqual(
      expect.arrayContaining(['endswith:append-suffix', 'endswith:drop-first-char', 'endswith:change-first-char', 'bool:flip', 'field:remove', 'field:null', 'field:empty', 'logsource:other-eventid', 'logsource:other-channel']),
    );
    expect(result.failures).toEqual([]);
  });

  it('gives the same report for the same seed', async () => {
    const rules = (await bundled()).slice(0, 4);
    const a = fuzzRules(rules, { runs: 10, seed: 7, version: 't', now: () => 0 });
    const b = fuzzRules(rules, { runs: 10, seed: 7, version: 't', now: () => 0 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
