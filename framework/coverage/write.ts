/**
 * Writes a CoverageReport under a reports folder: coverage.json (canonical JSON), coverage.md, index.html,
 * attack-layer.json (test status), attack-count-layer.json (rules per technique) — each atomically — and the
 * rule pages rules/<page>.md and rules/<page>.html (plain writes, many files), and the correlation rules' pages
 * beside them (same names: rule file stem and hash). Rule pages of earlier runs that
 * this run no longer produces (names `<stem>-<8 hex>.md|html`) are removed, nothing else. The top-level files
 * are rendered before anything is written; rule pages are rendered and written a batch at a time. Returns the written
 * top-level paths (sorted), the number of rule pages and of correlation pages.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../report/json.js';
import { renderIndexHtml } from '../report/html/index-page.js';
import { renderCorrelationPageHtml } from '../report/html/correlation-page.js';
import { renderRulePageHtml } from '../report/html/rule-page.js';
import { writeFileAtomic } from '../report/write.js';
import { countLayer, statusLayer } from './layers.js';
import { renderCorrelationPageMarkdown } from './correlation-page-markdown.js';
import { renderCoverageMarkdown, renderRulePageMarkdown } from './markdown.js';
import type { CoverageReport } from './model.js';

export const COVERAGE_FILES = {
  json: 'coverage.json',
  markdown: 'coverage.md',
  html: 'index.html',
  statusLayer: 'attack-layer.json',
  countLayer: 'attack-count-layer.json',
  rulePages: 'rules',
} as const;

const PAGE_FILE = /-[0-9a-f]{8}\.(md|html)$/;
const PARALLEL = 32;

export function renderCoverageFiles(report: CoverageReport): Map<string, string> {
  return new Map([
    [COVERAGE_FILES.json, canonicalJson(report)],
    [COVERAGE_FILES.markdown, renderCoverageMarkdown(report)],
    [COVERAGE_FILES.html, renderIndexHtml(report)],
    [COVERAGE_FILES.statusLayer, JSON.stringify(statusLayer(report), null, 2) + '\n'],
    [COVERAGE_FILES.countLayer, JSON.stringify(countLayer(report), null, 2) + '\n'],
  ]);
}

async function removeStalePages(dir: string, keep: ReadonlySet<string>): Promise<void> {
  const existing = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(existing.filter((f) => PAGE_FILE.test(f) && !keep.has(f)).map((f) => rm(join(dir, f), { force: true })));
}

/** Renders and writes the pages PARALLEL rules at a time (the corpus has thousands: never all in memory). */
async function writePages(dir: string, report: CoverageReport): Promise<void> {
  for (let i = 0; i < report.rules.length; i += PARALLEL) {
    const batch = report.rules.slice(i, i + PARALLEL);
    await Promise.all(
      batch.flatMap((rule) => [
        writeFile(join(dir, `${rule.page}.md`), renderRulePageMarkdown(rule, report), 'utf8'),
        writeFile(join(dir, `${rule.page}.html`), renderRulePageHtml(rule, report), 'utf8'),
      ]),
    );
  }
  for (let i = 0; i < report.correlations.length; i += PARALLEL) {
    const batch = report.correlations.slice(i, i + PARALLEL);
    await Promise.all(
      batch.flatMap((c) => [
        writeFile(join(dir, `${c.page}.md`), renderCorrelationPageMarkdown(c), 'utf8'),
        writeFile(join(dir, `${c.page}.html`), renderCorrelationPageHtml(c), 'utf8'),
      ]),
    );
  }
}

export async function writeCoverageReports(report: CoverageReport, dir: string): Promise<{ written: string[]; rulePages: number; correlationPages: number }> {
  const files = renderCoverageFiles(report);
  const pagesDir = join(dir, COVERAGE_FILES.rulePages);
  await mkdir(pagesDir, { recursive: true });
  const pages = [...report.rules, ...report.correlations].map((r) => r.page);
  await removeStalePages(pagesDir, new Set(pages.flatMap((p) => [`${p}.md`, `${p}.html`])));
  await writePages(pagesDir, report);
  for (const [name, text] of files) await writeFileAtomic(join(dir, name), text);
  return { written: [...files.keys()].map((f) => join(dir, f)).sort(), rulePages: report.rules.length, correlationPages: report.correlations.length };
}
