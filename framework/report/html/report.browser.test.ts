/**
 * End-to-end: the HTML coverage report of the bundled rules in a real browser (Debian's `chromium`, driven by
 * playwright-core over file://). Checks that the rules table lists every rule, that filtering and sorting work,
 * that a rule page shows its indicators table, that the correlation table lists every correlation rule and its
 * pages link to and from the referenced rules' pages, that a hostile rule or correlation title renders as inert
 * text, and that no page logs a console error; saves a screenshot as reports/coverage-report.png. Without chromium (or playwright-core)
 * the suite is skipped with a `SKIPPED:` warning; CI installs chromium with apt-get.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runCoverage } from '../../cli/commands/coverage.js';
import { bundledCoverage, HOSTILE, hostileCoverage } from '../../coverage/test-support/fixtures.js';
import { writeCoverageReports } from '../../coverage/write.js';

function findChromium(): string | undefined {
  const given = process.env['CHROMIUM_PATH'];
  if (given) return existsSync(given) ? given : undefined;
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim().split('\n')[0] : undefined;
}

const executablePath = findChromium();
const playwright = await import('playwright-core').catch(() => undefined);
const missing = !executablePath ? 'chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)' : !playwright ? 'playwright-core is not installed' : undefined;
if (missing) console.warn(`SKIPPED: HTML report browser test: ${missing}`);

/**
 * Rule files under `dir` of a kind: detection rules (not `mf_*.yml` meta filters nor `mr_*.yml` correlation rules:
 * those have no row in #rules), or correlation rules (`mr_*.yml`, one correlation each: a row in #correlations).
 */
async function ruleFiles(dir: string, kind: 'detection' | 'correlation' = 'detection'): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true });
  const wanted = (name: string): boolean => /\.ya?ml$/.test(name) && (kind === 'correlation' ? name.startsWith('mr_') : !name.startsWith('mf_') && !name.startsWith('mr_'));
  const counts = await Promise.all(entries.map((e) => (e.isDirectory() ? ruleFiles(path.join(dir, e.name), kind) : Promise.resolve(wanted(e.name) ? 1 : 0))));
  return counts.reduce((a, b) => a + b, 0);
}

describe.skipIf(missing !== undefined)('HTML coverage report in chromium', () => {
  let browser: Browser;
  let dir: string;
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];

  async function open(file: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${file}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${file}: ${e.message}`));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    return page;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sigmatest-coverage-'));
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runCoverage({ reports: path.join(dir, 'bundled') })).toBe(0);
    } finally {
      quiet.mockRestore();
    }
    await writeCoverageReports(hostileCoverage(await bundledCoverage()), path.join(dir, 'hostile'));
    const root = process.getuid?.() === 0;
    browser = await playwright!.chromium.launch({ executablePath: executablePath!, args: root ? ['--no-sandbox'] : [] });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists every rule, filters by text and status, and sorts by a column', async () => {
    const page = await open(path.join(dir, 'bundled', 'index.html'));
    const rows = page.locator('#rules tbody tr');
    const coverage = JSON.parse(await readFile(path.join(dir, 'bundled', 'coverage.json'), 'utf8')) as { rules: { title: string }[] };
    expect(await rows.count()).toBe(await ruleFiles('rules'));
    expect(await rows.count()).toBe(coverage.rules.length);
    for (const r of coverage.rules) expect(await page.locator('#rules tbody tr', { hasText: r.title }).count()).toBe(1);

    await page.fill('#filter', 'PORTMAP');
    expect(await page.locator('#rules tbody tr:visible').count()).toBe(1);
    expect(await page.textContent('#shown')).toBe('1');
    await page.fill('#filter', '');
    await page.selectOption('#status-filter', 'untested');
    expect(await page.locator('#rules tbody tr:visible').count()).toBe(0);
    await page.selectOption('#status-filter', 'tested');
    expect(await page.locator('#rules tbody tr:visible').count()).toBe(coverage.rules.length);

    await page.click('#rules thead th:has-text("Rule")');
    await page.click('#rules thead th:has-text("Rule")');
    const titles = [...coverage.rules.map((r) => r.title)].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? 1 : -1));
    expect((await rows.first().locator('a').textContent())?.trim()).toBe(titles[0]);

    await mkdir('reports', { recursive: true });
    await page.fill('#filter', '');
    await page.screenshot({ path: path.join('reports', 'coverage-report.png') });
    await page.close();
  });

  it('opens a rule page that shows its indicators table', async () => {
    const page = await open(path.join(dir, 'bundled', 'index.html'));
    await page.click('#rules a:has-text("Portmap.IO")');
    await page.waitForSelector('table.indicators');
    expect(page.url()).toMatch(/rules\/net_connection_win_domain_portmap-[0-9a-f]{8}\.html$/);
    const indicators = page.locator('table.indicators tbody tr');
    expect(await indicators.count()).toBe(2);
    expect(await indicators.first().textContent()).toContain('Initiated');
    expect(await page.locator('table.indicators', { hasText: "'.portmap.io'" }).count()).toBe(1);
    expect(await page.locator('table.attack', { hasText: 'T1090.002' }).count()).toBe(1);
    expect(await page.locator('table.events', { hasText: 'Network connection' }).count()).toBe(1);
    await page.close();
  });

  it('lists every correlation rule and opens its page from the index and from a referenced rule\'s page', async () => {
    const page = await open(path.join(dir, 'bundled', 'index.html'));
    const coverage = JSON.parse(await readFile(path.join(dir, 'bundled', 'coverage.json'), 'utf8')) as { correlations: { title: string }[]; filters: { title: string }[] };
    expect(coverage.correlations.length).toBe(await ruleFiles('rules', 'correlation'));
    expect(await page.locator('#correlations tbody tr').count()).toBe(coverage.correlations.length);
    for (const c of coverage.correlations) expect(await page.locator('#correlations tbody tr', { hasText: c.title }).count()).toBe(1);
    expect(await page.locator('table.filter-index tbody tr').count()).toBe(coverage.filters.length);
    await page.click('#correlations a:has-text("Many Failed Logons Of One Account")');
    await page.waitForSelector('table.correlation');
    expect(page.url()).toMatch(/rules\/mr_many_failed_logons-[0-9a-f]{8}\.html$/);
    expect(await page.locator('table.correlation', { hasText: 'event_count' }).count()).toBe(1);
    expect(await page.locator('table.situations tbody tr', { hasText: 'missing-group-by' }).count()).toBe(1);
    expect(await page.locator('table.sequence-cases tbody tr').count()).toBeGreaterThan(0);
    await page.click('table.references a:has-text("Failed Logon Of A User Account")');
    await page.waitForSelector('ul.referenced-by');
    await page.click('ul.referenced-by a:has-text("Password Spraying From One Source Address")');
    await page.waitForSelector('table.correlation');
    expect(await page.textContent('h1')).toBe('Password Spraying From One Source Address');
    await page.close();
  });

  it('renders a hostile rule title as inert text', async () => {
    const page = await open(path.join(dir, 'hostile', 'index.html'));
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#rules tbody a', { hasText: '</script><img src=x onerror=alert(1)>' }).count()).toBe(1);
    await page.click('#rules tbody a >> nth=0');
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    await page.goBack();
    expect(await page.locator('#correlations tbody a', { hasText: '</script><img src=x onerror=alert(1)>' }).count()).toBe(1);
    await page.click('#correlations tbody a >> nth=0');
    await page.waitForSelector('table.correlation');
    expect(await page.textContent('h1')).toBe(HOSTILE);
    expect(await page.locator('table.correlation code', { hasText: '<b>bold</b>' }).count()).toBeGreaterThan(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('logged no console error on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
