/**
 * The reporters of `sigmatest run`: a frozen table, one entry per output format. Contract: every `render` is a
 * pure function of the RunReport returning the whole file's text; `fileName` is unique and relative to the
 * report folder. Adding a format = one renderer file + one entry here (write.ts writes every entry).
 */
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderSummaryMarkdown } from './markdown.js';
import type { RunReport } from './model.js';
import { renderSarif } from './sarif.js';

export interface Reporter {
  readonly name: string;
  readonly fileName: string;
  readonly render: (report: RunReport) => string;
}

function reporter(name: string, fileName: string, render: (report: RunReport) => string): Reporter {
  return Object.freeze({ name, fileName, render });
}

export const REPORTERS: readonly Reporter[] = Object.freeze([
  reporter('json', 'results.json', renderJson),
  reporter('junit', 'junit.xml', renderJunit),
  reporter('sarif', 'results.sarif', renderSarif),
  reporter('markdown', 'summary.md', renderSummaryMarkdown),
]);

export function reporterNamed(name: string): Reporter | undefined {
  return REPORTERS.find((r) => r.name === name);
}
