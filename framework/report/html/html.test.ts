import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderRulePageMarkdown, renderCoverageMarkdown } from '../../coverage/markdown.js';
import { bundledCoverage, HOSTILE, hostileCoverage } from '../../coverage/test-support/fixtures.js';
import { escapeHtml, html, raw, safeHref } from './escape.js';
import { renderIndexHtml } from './index-page.js';
import { renderRulePageHtml } from './rule-page.js';

/** Markup the hostile text would create if it were not escaped: tags, event-handler attributes, script links. */
const INJECTED = [/<img\b/i, /<\/script>\s*<img/i, /<b>bold/i, /<[a-z]+(\s+[a-z-]+(="[^"]*")?)*\s+on[a-z]+=/i, /href="javascript:/i];

function injected(text: string): RegExp[] {
  return INJECTED.filter((re) => re.test(text));
}

/** Markdown outside code spans (code spans render their content as text). */
function outsideCode(md: string): string {
  return md.replace(/(`+)[\s\S]*?\1/g, '');
}

function decode(text: string): string {
  return text.replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}

describe('HTML escaping', () => {
  it('escapes every interpolated value unless it is raw HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>\u0000`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html`<td title="${'"><script>'}">${'<i>'}${raw('<b>ok</b>')}${['<', raw('&amp;')]}</td>`.html).toBe('<td title="&quot;&gt;&lt;script&gt;">&lt;i&gt;<b>ok</b>&lt;&amp;</td>');
    expect(html`${undefined}${null}${false}${0}`.html).toBe('0');
  });

  it('only links http(s), mailto and relative references', () => {
    expect(safeHref('https://attack.mitre.org/techniques/T1105/')).toBe('https://attack.mitre.org/techniques/T1105/');
    expect(safeHref(' JavaScript:alert(1)')).toBe('#');
    expect(safeHref('data:text/html,<script>')).toBe('#');
    expect(safeHref('rules/x.html')).toBe('rules/x.html');
  });

  it('renders a hostile rule inert in the index and on its page', async () => {
    expect(injected(`<td data-x="1">${HOSTILE}</td>`).length).toBeGreaterThanOrEqual(3);
    const report = hostileCoverage(await bundledCoverage());
    const index = renderIndexHtml(report);
    const rulePage = renderRulePageHtml(report.rules[0]!, report);
    for (const doc of [index, rulePage]) {
      expect(injected(doc)).toEqual([]);
      expect(doc).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
      expect(doc.match(/<script>/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(doc).not.toMatch(/<(link|iframe|object|embed)\b|src="http|url\(http/i);
    }
    expect(rulePage).toContain('href="#"');
  });

  it('allows only the report\'s own inline script, by hash, and no network', async () => {
    const index = renderIndexHtml(await bundledCoverage());
    const script = /<script>([\s\S]*)<\/script>/.exec(index)?.[1] ?? '';
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(decode(index)).toContain(`script-src 'sha256-${hash}'`);
    expect(decode(index)).toContain("default-src 'none'");
    const rulePage = renderRulePageHtml((await bundledCoverage()).rules[0]!, await bundledCoverage());
    expect(decode(rulePage)).toContain("script-src 'none'");
    expect(rulePage).not.toContain('<script>');
  });

  it('escapes hostile text in the Markdown report and rule pages', async () => {
    const report = hostileCoverage(await bundledCoverage());
    for (const md of [renderCoverageMarkdown(report), renderRulePageMarkdown(report.rules[0]!, report)]) {
      expect(outsideCode(md)).not.toMatch(/(^|[^\\])<[a-z/]/i);
      expect(outsideCode(md)).not.toMatch(/(^|[^\\])\]\(javascript:/);
      expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    }
    expect(HOSTILE).toContain('<img');
  });
});
