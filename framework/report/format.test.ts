import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decidingOutcomes,
  describeItem,
  describeValue,
  displayPath,
  failureKind,
  levelRank,
} from './format.js';
import type { CaseResult } from './model.js';
import { sampleReport } from './test-support/sample-report.js';

const byName = (name: string): CaseResult => sampleReport().cases.find((c) => c.name === name) as CaseResult;

describe('report text helpers', () => {
  it('shows paths relative to the cwd when inside it, else as given, with forward slashes', () => {
    expect(displayPath(join('/repo', 'cases', 'a.yml'), '/repo')).toBe('cases/a.yml');
    expect(displayPath('/elsewhere/a.yml', '/repo')).toBe('/elsewhere/a.yml');
    expect(displayPath('/repo-sibling/a.yml', '/repo')).toBe('/repo-sibling/a.yml');
    expect(displayPath('cases/a.yml', '/repo')).toBe('cases/a.yml');
    expect(displayPath('/repo', '/repo')).toBe('/repo');
  });

  it('picks the deciding events of each kind of failure', () => {
    expect(decidingOutcomes(byName('split flag variant')).map((o) => o.index)).toEqual([0]);
    expect(decidingOutcomes(byName('regression: certutil.json')).map((o) => o.index)).toEqual([1]);
    expect(decidingOutcomes(byName('evaluator disagreement')).map((o) => o.index)).toEqual([0]);
    expect(decidingOutcomes(byName('downloads with urlcache'))).toEqual([]);
    const tooMany: CaseResult = { ...byName('regression: certutil.json'), expect: { kind: 'count', count: 1, atLeast: false }, matches: 2 };
    expect(decidingOutcomes(tooMany).map((o) => o.index)).toEqual([0, 2]);
  });

  it('names failure kinds and ranks levels', () => {
    const kinds = sampleReport().cases.filter((c) => c.status !== 'pass').map(failureKind);
    expect(kinds).toEqual(['positive-case-missed', 'case-error', 'match-count-mismatch', 'negative-case-matched', 'evaluator-disagreement']);
    expect(['critical', 'high', 'medium', 'low', 'informational', undefined, 'bogus'].map(levelRank)).toEqual([0, 1, 2, 3, 4, 5, 5]);
  });

  it('describes items and event values, bounded', () => {
    const item = { field: 'A', modifiers: ['contains'], values: ["'1'", "'2'", "'3'", "'4'", "'5'", "'6'", "'7'"], held: false, span: { file: 'r.yml', line: 1, col: 1 } };
    expect(describeItem(item)).toBe("A|contains: '1', '2', '3', '4', '5', … (+2 more) (event: absent)");
    expect(describeItem({ ...item, field: null, values: ["'x'"] })).toBe("(keywords)|contains: 'x'");
    expect(describeValue('x'.repeat(500))).toHaveLength(200);
    expect(describeValue({ a: [1, null] })).toBe('{"a":[1,null]}');
    expect(describeValue(10n)).toBe('10');
  });
});
