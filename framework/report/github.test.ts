import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotations } from './github.js';
import type { CaseResult, RunReport } from './model.js';
import { sampleReport } from './test-support/sample-report.js';

const LINE = /^::error file=[^,:\n]+,line=\d+,col=\d+,title=[^,:\n]+::[^\r\n]*$/;

function titleOf(annotation: string): string {
  return /title=([^:]*)::/.exec(annotation)?.[1] ?? '';
}

/** The sample report with `n` extra failing cases on the high rule. */
function manyFailures(n: number): RunReport {
  const r = sampleReport();
  const template = r.cases.find((c) => c.name === 'split flag variant') as CaseResult;
  const extra = Array.from({ length: n }, (_, i) => ({ ...template, name: `extra ${i}`, span: { ...template.span, line: 100 + i } }));
  return { ...r, cases: [...r.cases, ...extra] };
}

describe('githubAnnotations', () => {
  it('gives at most `limit` annotations, 10 by default', () => {
    expect(githubAnnotations(manyFailures(30))).toHaveLength(10);
    expect(githubAnnotations(sampleReport(), 3)).toHaveLength(3);
    expect(githubAnnotations(sampleReport())).toHaveLength(8);
    expect(githubAnnotations(sampleReport(), 0)).toEqual([]);
  });

  it('orders blocking problems, then cases by rule level (critical first), then other problems', () => {
    const titles = githubAnnotations(sampleReport()).map(titleOf);
    expect(titles[0]).toBe('sigmatest RULE_LOAD');
    expect(titles[1]).toBe('sigmatest CASE_RULE_NOT_FOUND');
    expect(titles[2]).toMatch(/^Evil <script>.*%3A hostile Evil/);
    expect(titles[3]).toMatch(/%3A evaluator disagreement$/);
    expect(titles.slice(4, 7)).toEqual([
      'Certutil Download With URLCache%3A split flag variant',
      'Certutil Download With URLCache%3A placeholder case',
      'Certutil Download With URLCache%3A regression%3A certutil.json',
    ]);
    expect(titles[7]).toBe('sigmatest CASE_EVENTS');
    expect(githubAnnotations(manyFailures(30)).map(titleOf)).not.toContain('sigmatest CASE_EVENTS');
  });

  it('writes one well-formed, escaped line per annotation, located at the case or problem', () => {
    const annotations = githubAnnotations(sampleReport());
    for (const a of annotations) expect(a).toMatch(LINE);
    expect(annotations[0]).toMatch(/^::error file=\/outside-of-cwd\/rules\/broken.yml,line=3,col=12,/);
    expect(annotations.join('\n')).not.toContain('\u0000');
    expect(annotations.find((a) => a.includes('placeholder case'))).toContain("'%25Admins%25'");
    expect(annotations.find((a) => a.includes('split flag variant'))).toMatch(
      /^::error file=cases\/certutil.yml,line=14,col=5,title=.*::expected a match on every event, got 0 of 1 event matched%0A/,
    );
  });

  it("escapes as GitHub's toolkit does", () => {
    expect(escapeData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeProperty('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab%3A c%2C d');
    expect(escapeData('nul\u0000here')).toBe('nulhere');
  });
});
