/**
 * Meta filters on the coverage model and the rule pages: a filtered rule's RuleCoverage lists the filters applied
 * (title, id, path, condition, selection prefix), its selections include the filter's (prefixed) with their
 * evidence, and the HTML and Markdown rule pages show them with the usual escaping of hostile text.
 */
import { describe, expect, it } from 'vitest';
import { renderRulePageHtml } from '../report/html/rule-page.js';
import { renderRulePageMarkdown } from './markdown.js';
import type { CoverageReport, RuleCoverage } from './model.js';
import { coverageOf, HOSTILE, kase, prepare, SYSMON_1 } from './test-support/fixtures.js';

const FILTER_ID = '4c1e0f3a-8d2b-4e6f-9a7c-1b2d3e4f5a6b';
const YAML = `title: Whoami
id: 6a1f4e0c-5b1e-4c1b-9b0e-1d2c3b4a5f60
logsource: {product: windows, category: process_creation}
detection:
  selection:
    Image|endswith: '\\whoami.exe'
  condition: selection
---
title: Not the admins
id: ${FILTER_ID}
logsource: {product: windows}
filter:
  rules: [6a1f4e0c-5b1e-4c1b-9b0e-1d2c3b4a5f60]
  admins:
    User|startswith: 'adm_'
  condition: not admins
`;

const hit = { ...SYSMON_1, Image: 'C:\\Windows\\System32\\whoami.exe', User: 'jdoe' };
const REPORT = { sources: { rules: [], cases: [], regression: [] } } as unknown as CoverageReport;

function covered(): RuleCoverage {
  return coverageOf(prepare(YAML), [
    kase('whoami by a user', { kind: 'match' }, [hit]),
    kase('whoami by an admin is filtered', { kind: 'no-match' }, [{ ...hit, User: 'adm_jdoe' }]),
    kase('hostname', { kind: 'no-match' }, [{ ...hit, Image: 'C:\\Windows\\System32\\hostname.exe' }]),
  ]);
}

describe('filters on coverage and rule pages', () => {
  it('lists the filters applied and covers their selections like the rule\'s own', () => {
    const cov = covered();
    const prefix = `~filter:${FILTER_ID}:`;
    expect(cov.filters).toEqual([{ id: FILTER_ID, title: 'Not the admins', path: 'rules/test.yml', condition: 'not admins', prefix }]);
    expect(cov.conditions).toEqual(['selection']);
    expect(cov.selections.map((s) => [s.name, s.referenced, s.madeTrue, s.madeFalse, s.independent])).toEqual([
      ['selection', true, true, true, true],
      [`${prefix}admins`, true, true, true, true],
    ]);
    expect(cov.testStatus).toBe('tested');
  });

  it('has no filters entry for a rule without filters', () => {
    const plain = coverageOf(prepare(YAML.split('---')[0]!), [kase('hit', { kind: 'match' }, [hit])]);
    expect(plain.filters).toBeUndefined();
    expect(renderRulePageHtml(plain, REPORT)).not.toContain('Filters applied');
    expect(renderRulePageMarkdown(plain, REPORT)).not.toContain('Filters applied');
  });

  it('shows them on the HTML and Markdown rule pages, escaped', () => {
    const cov = covered();
    const page = renderRulePageHtml(cov, REPORT);
    expect(page).toContain('<table class="filters">');
    expect(page).toContain(`<td>Not the admins<br><code>${FILTER_ID}</code></td><td><code>rules/test.yml</code></td><td><code>not admins</code></td>`);
    const md = renderRulePageMarkdown(cov, REPORT);
    expect(md).toContain(`| Not the admins (\`${FILTER_ID}\`) | \`rules/test.yml\` | \`not admins\` | \`~filter:${FILTER_ID}:\` |`);

    const hostile: RuleCoverage = { ...cov, filters: cov.filters!.map((f) => ({ ...f, title: HOSTILE, id: HOSTILE, path: HOSTILE, condition: HOSTILE, prefix: HOSTILE })) };
    const hostilePage = renderRulePageHtml(hostile, REPORT);
    expect(hostilePage).not.toMatch(/<img\b|<b>bold/i);
    expect(hostilePage).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    const hostileMd = renderRulePageMarkdown(hostile, REPORT).replace(/(`+)[\s\S]*?\1/g, '');
    expect(hostileMd).not.toMatch(/(^|[^\\])<[a-z/]/i);
    expect(hostileMd).toContain('\\<img src=x onerror=alert(1)\\>');
  });
});
