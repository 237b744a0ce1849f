import { describe, expect, it } from 'vitest';
import { mdCell, mdCode, mdText, renderSummaryMarkdown } from './markdown.js';
import { cleanReport, sampleReport } from './test-support/sample-report.js';
import { displayPath } from './format.js';

/** Column separators of a GFM table row: `|` not escaped by an odd run of backslashes. */
function separators(row: string): number {
  return [...row.matchAll(/(\\*)\|/g)].filter((m) => (m[1] ?? '').length % 2 === 0).length;
}

describe('renderSummaryMarkdown (summary.md)', () => {
  it('starts with a ❌ headline and the counts when the run failed, ✅ when it passed', () => {
    const failed = renderSummaryMarkdown(sampleReport()).split('\n')[0];
    expect(failed).toBe('# ❌ sigmatest: 8 cases, 3 passed, 4 failed, 1 error, 3 problems, 3 warnings (2 rules, 2 with cases)');
    const clean = renderSummaryMarkdown(cleanReport());
    expect(clean.split('\n')[0]).toMatch(/^# ✅ sigmatest: 3 cases, 3 passed, 0 failed, 0 errors, 0 problems/);
    expect(clean).not.toContain('## Failures');
  });

  it('has one table row per rule with cases, passed, failed, errors; hostile titles cannot break the table', () => {
    const md = renderSummaryMarkdown(sampleReport());
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Rule'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(separators(row)).toBe(6);
    expect(rows[0]).toMatch(/\| 4 \| 1 \| 2 \| 1 \|$/);
    expect(rows[1]).toMatch(/\| 4 \| 2 \| 2 \| 0 \|$/);
    expect(rows[1]).toContain('\\<script\\> \\& "quoted" \\]\\]\\> NUL \\| pipe newline');
  });

  it('lists every failing case with file:line, expected vs actual and the explanation', () => {
    const report = sampleReport();
    const md = renderSummaryMarkdown(report);
    const failures = md.slice(md.indexOf('## Failures'), md.indexOf('## Not run / problems'));
    for (const c of report.cases.filter((x) => x.status !== 'pass')) {
      expect(failures).toContain(`${mdText(c.ruleTitle)} — ${mdText(c.name)}`);
      expect(failures).toContain(`- case: \`${displayPath(c.span.file)}:${c.span.line}\``);
    }
    expect(failures).toContain('- expected a match on every event, got 0 of 1 event matched');
    expect(failures).toContain('- expected a match on every event, but the case could not run');
    expect(failures).toContain("    - ✗ `CommandLine|contains|all: '-urlcache', '-f' (event: \"certutil -split -f http://x/a.exe\")`");
    expect(failures).toContain('  - ✓ selection\\_img');
    expect(failures).toContain('event \\#0: matched (reference evaluator: not matched)');
    expect(report.cases.filter((c) => c.status === 'pass').some((c) => failures.includes(mdText(c.name)))).toBe(false);
  });

  it('lists every problem with file:line, and the warnings', () => {
    const report = sampleReport();
    const md = renderSummaryMarkdown(report);
    const problems = md.slice(md.indexOf('## Not run / problems'), md.indexOf('## Warnings'));
    for (const p of report.problems) {
      expect(problems).toContain(`\`${displayPath(p.span.file)}:${p.span.line}\` **${p.code}** ${mdText(p.message)}`);
    }
    const reversed = renderSummaryMarkdown({ ...report, problems: [...report.problems].reverse() });
    expect(reversed.indexOf('**RULE_LOAD**')).toBeLessThan(reversed.indexOf('**POLICY_NO_NEGATIVE**'));
    const warnings = md.slice(md.indexOf('## Warnings'));
    expect(warnings).toContain('`cases/hostile.yml:30` count with warning: expected at least 1 match');
    expect(warnings).toContain('**UNUSED_IDENTIFIER**');
  });

  it('never emits NUL or a raw newline from report text', () => {
    const md = renderSummaryMarkdown(sampleReport());
    expect(md).not.toContain('\u0000');
    expect(md).not.toMatch(/pipe\nnewline/);
    expect(md.endsWith('\n')).toBe(true);
  });

  it('escapes helpers as documented', () => {
    expect(mdText('a*b_[c]<d>&e\nf\u0000')).toBe('a\\*b\\_\\[c\\]\\<d\\>\\&e f');
    expect(mdCode('x`y')).toBe('``x`y``');
    expect(mdCode('`start')).toBe('`` `start ``');
    expect(mdCell(`${mdText('a\\|b')}`)).toBe('a\\\\\\|b');
    expect(mdCell('a\nb')).toBe('a<br>b');
  });
});
