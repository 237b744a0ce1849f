/**
 * Writes every reporter of registry.ts into `dir` (created if needed). Contract: all files are rendered before
 * any is written; each is written atomically (temp file in the same folder, fsync, rename), so a reader sees
 * either the previous file or the complete new one and no temp file is left behind, even on failure.
 * `written` = the written paths (`join(dir, fileName)`), sorted. Under GitHub Actions (`env.GITHUB_ACTIONS ===
 * 'true'`) the result also carries the workflow annotations (the caller prints them) and, when
 * `env.GITHUB_STEP_SUMMARY` names a file, summary.md is appended to it (cut to GitHub's 1 MiB step limit).
 * `env` defaults to process.env.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { githubAnnotations } from './github.js';
import type { RunReport } from './model.js';
import { REPORTERS } from './registry.js';

export interface WriteOptions {
  readonly env?: NodeJS.ProcessEnv;
}

export interface WriteResult {
  readonly written: string[];
  /** Present only under GitHub Actions: `::error …` lines for the CLI to print on stdout. */
  readonly annotations?: string[];
}

/** GitHub rejects a step summary above 1 MiB; keep a margin for the truncation note. */
const STEP_SUMMARY_LIMIT = 1024 * 1024 - 1024;
const TRUNCATED_NOTE = '\n\n_Summary truncated: see summary.md in the report artifacts._\n';

/** Writes `text` to `path` through a temp file in the same folder, then renames it into place. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** `markdown` cut on a line boundary so that it fits in `limit` UTF-8 bytes, with a note when cut. */
export function fitStepSummary(markdown: string, limit: number = STEP_SUMMARY_LIMIT): string {
  if (Buffer.byteLength(markdown, 'utf8') <= limit) return markdown;
  const head = Buffer.from(markdown, 'utf8').subarray(0, limit).toString('utf8');
  const cut = head.lastIndexOf('\n');
  return (cut > 0 ? head.slice(0, cut) : head.replace(/\uFFFD$/, '')) + TRUNCATED_NOTE;
}

export async function writeReports(report: RunReport, dir: string, options: WriteOptions = {}): Promise<WriteResult> {
  const env = options.env ?? process.env;
  const rendered = REPORTERS.map((r) => ({ reporter: r, path: join(dir, r.fileName), text: r.render(report) }));
  await mkdir(dir, { recursive: true });
  for (const file of rendered) await writeFileAtomic(file.path, file.text);
  const written = rendered.map((f) => f.path).sort();
  if (env.GITHUB_ACTIONS !== 'true') return { written };
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  const markdown = rendered.find((f) => f.reporter.name === 'markdown')?.text;
  if (summaryFile !== undefined && summaryFile !== '' && markdown !== undefined) {
    await appendFile(summaryFile, fitStepSummary(markdown) + '\n', 'utf8');
  }
  return { written, annotations: githubAnnotations(report) };
}
