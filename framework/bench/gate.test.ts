import { describe, expect, it } from 'vitest';
import { gateBench, type GateInput } from './gate.js';

const baseline: GateInput = {
  ratios: { 'w1.perParse': 20, 'w1.perReference': 500, 'w2.perParse': 2, 'w2.perReference': 400, 'w3.perReference': 60, 'w3.timeOverParse': 1.2 },
  ruleCosts: { top: [{ id: 'slow', relative: 10 }, { id: 'slower', relative: 12 }], relative: { slow: 10, slower: 12, cheap: 1 } },
};

function worse(name: string, factor: number): GateInput {
  return { ...baseline, ratios: { ...baseline.ratios, [name]: (baseline.ratios[name] as number) * factor } };
}

describe('bench gate', () => {
  it('passes on the baseline itself', () => {
    const g = gateBench(baseline, baseline, 20);
    expect(g.regressions).toEqual([]);
    expect(g.checks.map((c) => c.name)).toContain('rule:slow');
  });

  it('a higher-is-better ratio 30 % worse fails at 20 %, passes at 40 %', () => {
    const current = worse('w2.perReference', 0.7);
    const failing = gateBench(current, baseline, 20);
    expect(failing.regressions.map((c) => c.name)).toEqual(['w2.perReference']);
    expect(failing.regressions[0]?.worsePct).toBeCloseTo(30, 5);
    expect(gateBench(current, baseline, 40).regressions).toEqual([]);
  });

  it('a lower-is-better ratio 30 % worse fails at 20 %, passes at 40 %; improvements never fail', () => {
    const current = worse('w3.timeOverParse', 1.3);
    expect(gateBench(current, baseline, 20).regressions.map((c) => c.name)).toEqual(['w3.timeOverParse']);
    expect(gateBench(current, baseline, 40).regressions).toEqual([]);
    expect(gateBench(worse('w3.timeOverParse', 0.5), baseline, 20).regressions).toEqual([]);
    expect(gateBench(worse('w1.perParse', 3), baseline, 20).regressions).toEqual([]);
  });

  it('a top rule 30 % costlier relative to the median fails at 20 %, also when it newly enters the top', () => {
    const slower: GateInput = { ...baseline, ruleCosts: { top: [{ id: 'slow', relative: 13 }, { id: 'slower', relative: 12 }], relative: { slow: 13, slower: 12, cheap: 1 } } };
    expect(gateBench(slower, baseline, 20).regressions.map((c) => c.name)).toEqual(['rule:slow']);
    expect(gateBench(slower, baseline, 40).regressions).toEqual([]);
    const newcomer: GateInput = { ...baseline, ruleCosts: { top: [{ id: 'cheap', relative: 1.3 }, ...baseline.ruleCosts.top], relative: { ...baseline.ruleCosts.relative, cheap: 1.3 } } };
    expect(gateBench(newcomer, baseline, 20).regressions.map((c) => c.name)).toEqual(['rule:cheap']);
  });

  it('skips ratios missing on either side (e.g. no W1)', () => {
    const { 'w1.perParse': _a, 'w1.perReference': _b, ...rest } = baseline.ratios;
    const g = gateBench({ ...baseline, ratios: rest }, baseline, 20);
    expect(g.checks.some((c) => c.name.startsWith('w1.'))).toBe(false);
    expect(g.regressions).toEqual([]);
  });
});
