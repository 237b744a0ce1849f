/**
 * Correlation rules and filters in the HTML report: the index's correlation table and filter table with links to
 * the pages, a correlation page (definition, referenced rules linked, situations, sequence cases, failures, no
 * script), the "referenced by" links of rule pages, and hostile titles, group-by names, tags and alert groups
 * rendered as inert text in every one of them.
 */
import { describe, expect, it } from 'vitest';
import type { CorrelationCoverage, CoverageReport } from '../../coverage/model.js';
import { correlationCoverageReport } from '../../coverage/test-support/correlation-fixture.js';
import { HOSTILE, hostileCorrelation } from '../../coverage/test-support/fixtures.js';
import { renderCorrelationPageHtml } from './correlation-page.js';
import { renderIndexHtml } from './index-page.js';
import { renderRulePageHtml } from './rule-page.js';

const report = await correlationCoverageReport();
const ESCAPED = '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';

function correlation(name: string): CorrelationCoverage {
  const found = report.correlations.find((c) => c.name === name);
  if (!found) throw new Error(`no correlation ${name}`);
  return found;
}

/** Markup the hostile text would create if it were not escaped. */
function injected(doc: string): string[] {
  return [/<img\b/i, /<b>bold/i, /<[a-z]+(\s+[a-z-]+(="[^"]*")?)*\s+on[a-z]+=/i, /href="javascript:/i].filter((re) => re.test(doc)).map(String);
}

function rowsOf(doc: string, tableId: string): string[] {
  const table = new RegExp(`<table id="${tableId}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(doc)?.[1] ?? '';
  return table.split('<tr ').slice(1);
}

describe('correlation rules and filters in the HTML report', () => {
  it('lists every correlation on the index, with its status and a link to its page', () => {
    const index = renderIndexHtml(report);
    const rows = rowsOf(index, 'correlations');
    expect(rows).toHaveLength(3);
    const many = correlation('many_failed');
    expect(rows[0]).toContain(`data-status="failing"`);
    expect(rows[0]).toContain(`<a href="rules/${many.page}.html">Many failed logons</a>`);
    expect(rows[0]).toContain('<td>events ≥ 3</td><td>sliding <code>5m</code></td><td>TargetUserName</td>');
    expect(rows[0]).toContain('<td class="num">1 / 3</td>');
    expect(rows[2]).toContain('data-status="untested"');
    expect(rows[2]).toContain('<span class="no">✗</span>');
    expect(index).toContain('<h2 id="correlations-table">Correlation rules (3)</h2>');
    expect(rowsOf(index, 'rules')).toHaveLength(3);
  });

  it('lists the filters with the rules each applies to', () => {
    const index = renderIndexHtml(report);
    const table = /<table class="filter-index">[\s\S]*?<\/table>/.exec(index)?.[0] ?? '';
    const failed = report.rules.find((r) => r.title === 'Failed logon')!;
    expect(table).toContain(`<a href="rules/${failed.page}.html">Failed logon</a> <span class="status tested">tested</span>`);
    expect(table).toContain('filter selections made true and false: 1/1 (100.0%)');
    expect(table).toContain('<td><code>not svc</code></td>');
    expect(table).toContain('<span class="muted">no reported rule</span>');
  });

  it('renders a correlation page: definition, linked references, situations, cases and failures, without script', () => {
    const c = correlation('many_failed');
    const doc = renderCorrelationPageHtml(c);
    const failed = report.rules.find((r) => r.title === 'Failed logon')!;
    expect(doc).toContain('<h1>Many failed logons</h1>');
    expect(doc).toContain('<tr><th>condition</th><td>events ≥ 3</td></tr>');
    expect(doc).toContain('<tr><th>group-by</th><td><code>TargetUserName</code></td></tr>');
    expect(doc).toContain(`<td><a href="${failed.page}.html">Failed logon</a></td><td><code>failed_logon</code></td><td>rule</td><td class="num">3</td>`);
    expect(doc).toContain(`<a href="${correlation('failed_then_success').page}.html">Failed logons then a success</a>`);
    expect(doc).toContain('<tr><td>an event without a group-by field</td><td><code>missing-group-by</code></td><td>yes</td><td class="num">0</td><td class="num">0</td><td><span class="no">✗</span></td></tr>');
    expect(doc).toContain('fired 1×: <code>{TargetUserName: alice}</code>');
    expect(doc).toContain('<h2 id="failures">Failing cases (1)</h2>');
    expect(doc).toContain(`rule <a href="${c.page}.html">Many failed logons</a>`);
    expect(doc).not.toContain('<script');
    expect(doc).toContain('script-src &#39;none&#39;');
    expect(renderCorrelationPageHtml(correlation('lockout_burst'))).toContain('No sequence cases: the correlation is untested.');
  });

  it('links a rule page to the correlations that reference it', () => {
    const r = report.rules.find((x) => x.title === 'Successful logon')!;
    const doc = renderRulePageHtml(r, report);
    expect(doc).toContain(`<ul class="referenced-by"><li><a href="${correlation('failed_then_success').page}.html">Failed logons then a success</a> <code>temporal_ordered</code>`);
  });

  it('renders hostile titles, group-by names, tags, alert groups and filters as inert text', () => {
    const hostile = hostileCorrelation(correlation('many_failed'));
    const hostileReport: CoverageReport = {
      ...report,
      correlations: [hostile, ...report.correlations.slice(1)],
      filters: report.filters.map((f) => ({ ...f, title: HOSTILE, id: HOSTILE, condition: HOSTILE, targets: [HOSTILE], logsource: { product: HOSTILE } })),
      rules: report.rules.map((r) => (r.correlations ? { ...r, correlations: r.correlations.map((l) => ({ ...l, title: HOSTILE })) } : r)),
    };
    const docs = [renderCorrelationPageHtml(hostile), renderIndexHtml(hostileReport), ...hostileReport.rules.map((r) => renderRulePageHtml(r, hostileReport))];
    for (const doc of docs) {
      expect(injected(doc)).toEqual([]);
      expect(doc).toContain(ESCAPED);
    }
    const page = docs[0]!;
    expect(page).toContain(`<tr><th>group-by</th><td><code>${ESCAPED} &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot; &#39;single&#39; | pipe \`tick\` [link](javascript:alert(2))</code></td></tr>`);
    expect(page).toContain('href="#"');
    expect(page.match(/<script/g)).toBeNull();
  });
});
