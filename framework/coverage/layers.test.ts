import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { countLayer, STATUS_STYLE, statusLayer, techniqueStatus } from './layers.js';
import type { CoverageReport, RuleCoverage, TestStatus } from './model.js';
import { bundledCoverage } from './test-support/fixtures.js';

const schema = JSON.parse(readFileSync(new URL('./test-support/navigator-layer-4.5.schema.json', import.meta.url), 'utf8')) as object;
const Ajv = AjvModule.default;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function valid(layer: unknown): string[] {
  return validate(layer) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

function withStatuses(report: CoverageReport, statuses: readonly TestStatus[]): CoverageReport {
  const base = report.rules[0]!;
  const rules: RuleCoverage[] = statuses.map((s, i) => ({ ...base, id: `r${i}`, testStatus: s, techniques: [{ tag: 'attack.t1105', id: 'T1105', name: 'Ingress Tool Transfer' }] }));
  return { ...report, rules };
}

describe('ATT&CK Navigator layers', () => {
  it('both layers of the bundled rules validate against the layer 4.5 schema', async () => {
    const report = await bundledCoverage();
    for (const layer of [statusLayer(report), countLayer(report)]) {
      expect(valid(layer)).toEqual([]);
      expect(valid(JSON.parse(JSON.stringify(layer)))).toEqual([]);
    }
    expect(valid({ name: 'x', domain: 'enterprise-attack', versions: { layer: '4.4' }, techniques: [] })).not.toEqual([]);
    expect(valid({ name: 'x', domain: 'enterprise-attack', versions: { layer: '4.5' }, techniques: [{ techniqueID: '1105' }] })).not.toEqual([]);
  });

  it('scores the count layer with the number of rules per technique, like SigmaHQ\'s heatmap', async () => {
    const report = await bundledCoverage();
    const layer = countLayer(report);
    const t1105 = report.rules.filter((r) => r.techniques.some((t) => t.id === 'T1105')).length;
    expect(t1105).toBeGreaterThan(1);
    expect(layer.techniques.find((t) => t.techniqueID === 'T1105')?.score).toBe(t1105);
    expect(layer.gradient).toEqual({ colors: ['#66b1ffff', '#ff66f4ff'], minValue: 0, maxValue: 20 });
    expect(layer.techniques.map((t) => t.techniqueID)).toEqual([...new Set(report.rules.flatMap((r) => r.techniques.map((t) => t.id)))].sort());
  });

  it('colours the status layer by the rules\' test status, failing first, with a legend', async () => {
    const report = await bundledCoverage();
    const cases: [TestStatus[], TestStatus][] = [
      [['tested', 'untested'], 'tested'],
      [['partly-tested', 'untested'], 'partly-tested'],
      [['untested'], 'untested'],
      [['tested', 'failing'], 'failing'],
    ];
    for (const [statuses, expected] of cases) {
      expect(techniqueStatus(withStatuses(report, statuses).rules)).toBe(expected);
      const t = statusLayer(withStatuses(report, statuses)).techniques[0]!;
      expect([t.techniqueID, t.score, t.color]).toEqual(['T1105', STATUS_STYLE[expected].score, STATUS_STYLE[expected].color]);
    }
    const layer = statusLayer(report);
    expect(layer.legendItems.map((l) => l.color)).toEqual(['tested', 'partly-tested', 'untested', 'failing'].map((s) => STATUS_STYLE[s as TestStatus].color));
    expect(layer.techniques.every((t) => t.comment.includes('rule(s)'))).toBe(true);
  });
});
