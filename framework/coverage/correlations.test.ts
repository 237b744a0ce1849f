/**
 * Correlation rules and filters in the coverage model and in the Markdown report: a record per correlation with
 * its definition, referenced rules (pages, cases, status), what its sequence cases did (fired / silent) and the
 * situations they cover; uncovered correlations; chains; links from rule pages; failing sequence cases; the
 * filter index; coverage.md and the correlation pages, with hostile text escaped; the pages written beside the
 * rule pages.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCorrelationPageMarkdown } from './correlation-page-markdown.js';
import { renderCoverageMarkdown, renderRulePageMarkdown } from './markdown.js';
import type { CorrelationCoverage, CoverageReport, RuleCoverage } from './model.js';
import { situationCoverage } from './situations.js';
import { correlationCoverageReport } from './test-support/correlation-fixture.js';
import { HOSTILE, hostileCorrelation } from './test-support/fixtures.js';
import { writeCoverageReports } from './write.js';

const report = await correlationCoverageReport();

function correlation(r: CoverageReport, name: string): CorrelationCoverage {
  const found = r.correlations.find((c) => c.name === name);
  if (!found) throw new Error(`no correlation ${name}`);
  return found;
}

function rule(r: CoverageReport, title: string): RuleCoverage {
  const found = r.rules.find((x) => x.title === title);
  if (!found) throw new Error(`no rule ${title}`);
  return found;
}

/** Markdown outside code spans (code spans render their content as text). */
function outsideCode(md: string): string {
  return md.replace(/(`+)[\s\S]*?\1/g, '');
}

describe('correlation rules in the coverage model', () => {
  it('reports every correlation of the run apart from the detection rules, with its definition', () => {
    expect(report.rules.map((r) => r.title).sort()).toEqual(['Account locked out', 'Failed logon', 'Successful logon']);
    expect(report.correlations.map((c) => c.name)).toEqual(['many_failed', 'failed_then_success', 'lockout_burst']);
    const c = correlation(report, 'many_failed');
    expect(c).toMatchObject({ type: 'event_count', window: 'sliding', timespan: '5m', timespanSeconds: 300, groupBy: ['TargetUserName'], condition: [{ op: 'gte', value: 3 }], generate: false, status: 'test', author: 'tester', level: 'medium' });
    expect(c.techniques.map((t) => t.id)).toEqual(['T1110']);
    expect(correlation(report, 'lockout_burst').generate).toBe(true);
    expect(new Set(report.correlations.map((x) => x.page)).size).toBe(3);
    expect(report.correlations.every((x) => !report.rules.some((r) => r.page === x.page))).toBe(true);
  });

  it('counts the cases that fired and stayed silent and the situations they cover; a failing case is not coverage', () => {
    const c = correlation(report, 'many_failed');
    expect(c.cases).toEqual({ total: 4, passed: 3, failed: 1, errors: 0, positives: 2, negatives: 2, fired: 1, silent: 3 });
    expect(c.testStatus).toBe('failing');
    expect(c.caseRows.map((r) => [r.name, r.kind, r.status, r.alerts])).toEqual([
      ['three failures fire', 'positive', 'pass', 1],
      ['two failures are one too few', 'negative', 'pass', 0],
      ['the third failure one second outside the window', 'negative', 'pass', 0],
      ['two accounts wrongly expected to fire', 'positive', 'fail', 0],
    ]);
    expect(c.caseRows[0]!.groups).toEqual([{ TargetUserName: 'alice' }]);
    expect(c.situations.map((s) => [s.tag, s.expected, s.cases, s.passed])).toEqual([
      ['positive', true, 2, 1],
      ['negative', true, 2, 2],
      ['near-miss', true, 1, 1],
      ['window-edge', true, 1, 1],
      ['group-by', true, 1, 0],
      ['missing-group-by', true, 0, 0],
    ]);
    expect(c.situationFigures).toEqual({ covered: 4, total: 6 });
  });

  it('lists a failing sequence case among the report failures, linked to the correlation page', () => {
    const c = correlation(report, 'many_failed');
    expect(report.failures.map((f) => [f.name, f.page])).toEqual([['two accounts wrongly expected to fire', c.page]]);
    const f = report.failures[0]!;
    expect(f.outcome).toBe('expected 1 alert, got 0 alerts');
    expect(f.events.map((e) => e.heading)).toEqual([
      'correlation: event_count, sliding window of 5m',
      'event #0 at 2026-03-02T09:00:00.000Z: matched failed_logon',
      'event #1 at 2026-03-02T09:01:00.000Z: matched failed_logon',
      'event #2 at 2026-03-02T09:02:00.000Z: matched failed_logon',
    ]);
  });

  it('marks a correlation without sequence cases untested, and a referenced rule without cases', () => {
    const c = correlation(report, 'lockout_burst');
    expect(c.testStatus).toBe('untested');
    expect(c.cases.total).toBe(0);
    expect(c.situationFigures).toEqual({ covered: 0, total: 4 });
    expect(c.situations.map((s) => s.tag)).toEqual(['positive', 'negative', 'near-miss', 'window-edge']);
    expect(c.rules).toEqual([{ reference: 'lonely_rule', id: '00000000-0000-4000-8000-0000000000f3', kind: 'rule', title: 'Account locked out', page: rule(report, 'Account locked out').page, cases: 0, testStatus: 'untested' }]);
    expect(c.referencesHaveCases).toBe(false);
    expect(correlation(report, 'many_failed').referencesHaveCases).toBe(true);
  });

  it('follows chains: an inner correlation is a reference of kind correlation, and links back to the outer one', () => {
    const outer = correlation(report, 'failed_then_success');
    const inner = correlation(report, 'many_failed');
    expect(outer.rules.map((r) => [r.reference, r.kind, r.page, r.cases, r.testStatus])).toEqual([
      ['many_failed', 'correlation', inner.page, 4, 'failing'],
      ['successful_logon', 'rule', rule(report, 'Successful logon').page, 2, 'tested'],
    ]);
    expect(inner.correlations).toEqual([{ id: outer.id, title: outer.title, page: outer.page, type: 'temporal_ordered', generate: false }]);
    expect(outer.situations.filter((s) => s.expected).map((s) => [s.tag, s.passed > 0])).toEqual([
      ['positive', true], ['negative', true], ['near-miss', false], ['window-edge', false], ['group-by', false], ['missing-group-by', false], ['order', true], ['chain', true],
    ]);
    expect(outer.testStatus).toBe('tested');
  });

  it('links each detection rule to the correlations that reference it directly', () => {
    const links = (title: string): string[] | undefined => rule(report, title).correlations?.map((l) => l.title);
    expect(links('Failed logon')).toEqual(['Many failed logons']);
    expect(links('Successful logon')).toEqual(['Failed logons then a success']);
    expect(links('Account locked out')).toEqual(['Lockout burst']);
  });

  it('totals the correlations apart from the rule figures', () => {
    expect(report.totals.correlations).toEqual({ correlations: 3, tested: 1, partlyTested: 0, untested: 1, failing: 1, cases: 6, fired: 2, silent: 4, situations: { covered: 8, total: 18 }, withUntestedReferences: 1 });
    expect(report.totals.rules).toBe(3);
    expect(report.totals.cases).toBe(11);
  });

  it('decides positive and negative situations by expectation, other situations by tag, and lists unknown tags', () => {
    const subject = { type: 'value_count' as const, groupBy: [], aliases: {}, chained: false };
    const got = situationCoverage(subject, [
      { tags: ['negative', 'zeta'], expectedAlerts: 1, passed: true },
      { tags: ['alpha', 'near-miss'], expectedAlerts: 0, passed: false },
    ]);
    expect(got.map((s) => [s.tag, s.expected, s.cases, s.passed])).toEqual([
      ['positive', true, 1, 1], ['negative', true, 1, 0], ['near-miss', true, 1, 0], ['window-edge', true, 0, 0], ['alpha', false, 1, 0], ['zeta', false, 1, 1],
    ]);
  });
});

describe('filters in the coverage model', () => {
  it('lists every filter with the rules it was applied to and how their cases exercised it', () => {
    const failed = rule(report, 'Failed logon');
    expect(report.filters.map((f) => [f.title, f.targets, f.condition, f.logsource])).toEqual([
      ['Not the scanner account', ['failed_logon'], 'not svc', { product: 'windows' }],
      ['Orphan filter', ['no_such_rule'], 'not sel', { product: 'windows' }],
    ]);
    expect(report.filters[0]!.appliesTo).toEqual([{ id: failed.id, title: 'Failed logon', page: failed.page, testStatus: 'tested', selections: { covered: 1, total: 1 } }]);
    expect(report.filters[1]!.appliesTo).toEqual([]);
  });
});

describe('correlations and filters in Markdown', () => {
  it('adds a correlation table and a filter table to coverage.md, linked to the pages', () => {
    const md = renderCoverageMarkdown(report);
    const c = correlation(report, 'many_failed');
    expect(md).toContain('## Correlation rules');
    expect(md).toContain(`| [Many failed logons](rules/${c.page}.md) | \`event_count\` | events ≥ 3 | sliding \`5m\` | TargetUserName | failing | 3/4 | 1 / 3 | 4/6 (66.7%) | ✓ |`);
    expect(md).toContain('| [Lockout burst](rules/');
    expect(md).toContain('3 correlation rules: 1 tested, 0 partly tested, 1 untested, 1 failing; 6 sequence cases: fired on 2, silent on 4');
    expect(md).toContain('## Filters');
    expect(md).toMatch(/\| Not the scanner account \(`00000000-0000-4000-8000-0000000000a1`\) \| .* \| product: windows \| `failed_logon` \| `not svc` \| \[Failed logon\]\(rules\/failed-[0-9a-f]{8}\.md\) \(tested; filter selections made true and false 1\/1 \(100\.0%\)\) \|/);
    expect(md).toContain('| no reported rule |');
    expect(md).toContain('### two accounts wrongly expected to fire');
  });

  it('renders a correlation page with its definition, references, situations and cases', () => {
    const c = correlation(report, 'many_failed');
    const md = renderCorrelationPageMarkdown(c);
    expect(md).toContain('# Many failed logons');
    expect(md).toContain('| condition | events ≥ 3 |');
    expect(md).toContain('| window | sliding \\[t − 5m, t\\]: fires on the record that meets the condition, then resets the group |');
    expect(md).toContain('| group-by | `TargetUserName` |');
    expect(md).toContain(`| [Failed logon](${rule(report, 'Failed logon').page}.md) | \`failed_logon\` | rule | 3 | tested |`);
    expect(md).toContain('✓ Every referenced rule has cases.');
    expect(md).toContain(`- [Failed logons then a success](${correlation(report, 'failed_then_success').page}.md)`);
    expect(md).toContain('| an event without a group-by field | `missing-group-by` | yes | 0 | 0 | ✗ |');
    expect(md).toContain('| events of different groups counted apart | `group-by` | yes | 1 | 0 | ✗ |');
    expect(md).toMatch(/\| three failures fire \(`.*many_failed\.yml:3`\) \| `positive` \| positive \| 1 alert \\\[\{TargetUserName: alice\}\\\] \| fired 1×: `\{TargetUserName: alice\}` \| pass \|/);
    expect(md).toContain('| fail — expected 1 alert, got 0 alerts |');
    expect(renderCorrelationPageMarkdown(correlation(report, 'lockout_burst'))).toContain('No sequence cases: the correlation is untested.');
    expect(renderCorrelationPageMarkdown(correlation(report, 'lockout_burst'))).toContain('✗ Some referenced rule has no cases in this run.');
  });

  it('links a rule page to the correlations that reference it', () => {
    const r = rule(report, 'Failed logon');
    const md = renderRulePageMarkdown(r, report);
    expect(md).toContain('## Referenced by correlations');
    expect(md).toContain(`- [Many failed logons](${correlation(report, 'many_failed').page}.md) (\`event_count\`, generate: false`);
    expect(renderRulePageMarkdown(rule(report, 'Account locked out'), report)).toContain('(`event_count`, generate: true)');
  });

  it('escapes hostile titles, group-by names, tags and alert groups', () => {
    const hostile = hostileCorrelation(correlation(report, 'many_failed'));
    const page = renderCorrelationPageMarkdown(hostile);
    const index = renderCoverageMarkdown({ ...report, correlations: [hostile], filters: report.filters.map((f) => ({ ...f, title: HOSTILE, condition: HOSTILE, targets: [HOSTILE] })) });
    for (const md of [page, index]) {
      expect(outsideCode(md)).not.toMatch(/(^|[^\\])<[a-z/]/i);
      expect(outsideCode(md)).not.toMatch(/(^|[^\\])\]\(javascript:/);
      expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    }
    expect(page).toContain('| group-by | ``</script><img src=x onerror=alert(1)> <b>bold</b> & "quotes" \'single\' \\| pipe `tick` [link](javascript:alert(2))`` |');
  });
});

describe('correlation pages on disk', () => {
  it('writes a Markdown and an HTML page per correlation beside the rule pages, and keeps them on the next run', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-corr-pages-'));
    const first = await writeCoverageReports(report, dir);
    expect([first.rulePages, first.correlationPages]).toEqual([3, 3]);
    const pages = path.join(dir, 'rules');
    writeFileSync(path.join(pages, 'stale-0123abcd.html'), 'old');
    await writeCoverageReports(report, dir);
    const files = readdirSync(pages).sort();
    expect(files).toHaveLength(12);
    for (const c of report.correlations) for (const ext of ['md', 'html']) expect(existsSync(path.join(pages, `${c.page}.${ext}`))).toBe(true);
    expect(files).not.toContain('stale-0123abcd.html');
  });
});
