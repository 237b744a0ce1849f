/**
 * `sigmatest coverage`: run the suite (as `sigmatest run` does), then compute rule-logic coverage from the
 * hand-written cases, with fuzz findings beside them and catalog counts for the indicators, and write
 * coverage.json, coverage.md, index.html, rules/<page>.md|html, attack-layer.json and attack-count-layer.json
 * under --reports. stdout: a text summary, or with --format json|md|html the report in that format (the summary
 * then goes to stderr). Exit 0; 1 when logic coverage (items made true and false / all items) is below
 * --min-coverage; 2 on usage or input errors (bad option value, missing or empty rules or catalog path, unreadable
 * --fuzz file).
 * A failing case does not change the exit code: `sigmatest run` is the test gate.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { buildCoverage } from '../../coverage/build.js';
import { readFuzzReport, type FuzzIndex } from '../../coverage/fuzz-findings.js';
import { buildCatalogIndex, type CatalogIndex } from '../../coverage/indicators.js';
import type { CoverageReport } from '../../coverage/model.js';
import { summaryLines } from '../../coverage/summary.js';
import { renderCoverageFiles, writeCoverageReports, COVERAGE_FILES } from '../../coverage/write.js';
import type { Diagnostic } from '../../diagnostics.js';
import { prepareSuite, runPreparedSuite } from '../../harness/run.js';
import { resolveRunSettings, type RunSettings } from '../../harness/run-settings.js';
import { buildRuleset } from '../../ruleset/build-ruleset.js';
import { colorsFor, EXIT, renderDiagnostic } from '../output.js';
import { RuleProgress } from '../rule-progress.js';
import { VERSION } from '../version.js';

export interface CoverageCliOptions {
  rules?: string[];
  cases?: string[];
  regression?: string[];
  catalog?: string[];
  fuzz?: string;
  format?: 'text' | 'json' | 'md' | 'html';
  minCoverage?: string;
  reports?: string;
  config?: string;
  placeholders?: string;
  logsourceMap?: string;
  gating?: boolean;
}

export function coverageCommand(): Command {
  return new Command('coverage')
    .description('Run the test cases, then report rule-logic coverage, rule pages, ATT&CK layers and an HTML report.')
    .option('--rules <paths...>', 'rule files or folders (default: ./rules, or `rules` in sigmatest.config.yml)')
    .option('--cases <paths...>', 'case files or folders (default: ./cases)')
    .option('--regression <dirs...>', 'SigmaHQ regression_data folders whose tests run as cases')
    .option('--catalog <paths...>', 'rule folders to count, per indicator, the rules using the same field, operator and value')
    .option('--fuzz <file>', 'a `sigmatest fuzz` report shown beside the hand-written figures (default: <reports>/fuzz.json when present)')
    .addOption(new Option('--format <format>', 'stdout: a text summary, or the report as json, md or html').choices(['text', 'json', 'md', 'html']).default('text'))
    .option('--min-coverage <pct>', 'exit 1 when the logic coverage (items made true and false by cases, % of all items) is below PCT')
    .option('--reports <dir>', 'output folder (default: ./reports)')
    .option('--config <file>', 'configuration file (default: ./sigmatest.config.yml when present)')
    .option('--placeholders <file>', 'YAML file with values for expand placeholders')
    .option('--logsource-map <file>', 'log-source mapping YAML (default: the built-in map)')
    .option('--no-gating', 'evaluate every rule on every event, ignoring log sources')
    .addHelpText('after', '\nExamples:\n  sigmatest coverage --min-coverage 90\n  sigmatest coverage --catalog ../sigma/rules ../sigma/rules-emerging-threats\n  sigmatest coverage --rules ../sigma/rules --regression ../sigma/regression_data')
    .action(async (options: CoverageCliOptions) => {
      process.exitCode = await runCoverage(options);
    });
}

function usage(message: string): number {
  process.stderr.write(`sigmatest coverage: ${message}\n`);
  return EXIT.usage;
}

function inputErrors(diagnostics: readonly Diagnostic[]): number {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const err = colorsFor(process.stderr);
  for (const d of errors.slice(0, 20)) process.stderr.write(renderDiagnostic(err, d) + '\n');
  return errors.length;
}

function parseMinCoverage(value: string | undefined): number | undefined | string {
  if (value === undefined) return undefined;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100 ? n : `--min-coverage must be a percentage between 0 and 100, got '${value}'`;
}

interface CatalogInput {
  readonly paths: readonly string[];
  readonly index: CatalogIndex;
}

async function loadCatalog(paths: readonly string[], s: RunSettings): Promise<CatalogInput | string> {
  const ruleset = await buildRuleset(paths, { ...s.ruleset, unresolvedPlaceholder: 'error' });
  const missing = ruleset.diagnostics.find((d) => d.code === 'IO_ERROR' || d.code === 'NO_RULE_FILES');
  if (missing) return `--catalog: ${missing.message}`;
  return { paths, index: buildCatalogIndex(ruleset.rules.map((r) => r.ir)) };
}

/** The fuzz report: --fuzz FILE (an error when unreadable), else <reports>/fuzz.json when present (a warning). */
async function loadFuzz(explicit: string | undefined, reports: string): Promise<FuzzIndex | undefined | string> {
  const file = explicit ?? path.join(reports, 'fuzz.json');
  if (explicit === undefined && !existsSync(file)) return undefined;
  const read = await readFuzzReport(file);
  if (!('error' in read)) return read;
  if (explicit !== undefined) return `--fuzz: ${read.error}`;
  process.stderr.write(`sigmatest coverage: warning: ${read.error}; fuzz findings left out\n`);
  return undefined;
}

/** The run and its coverage; a message instead when a rules path is missing or empty (an input error). */
async function computeReport(s: RunSettings, extras: { catalog?: CatalogInput; fuzz?: FuzzIndex }): Promise<CoverageReport | string> {
  const progress = new RuleProgress(process.stderr);
  const started = performance.now();
  const suite = await prepareSuite(s);
  const run = runPreparedSuite(suite, { ...s, version: VERSION, onProgress: (done, total) => progress.update(done, total) });
  const report = { ...run, durationMs: Math.round(performance.now() - started) };
  progress.stop();
  const noRules = report.problems.find((p) => p.code === 'NO_RULES');
  if (noRules) return noRules.message;
  return buildCoverage({
    report,
    suite: suite.entries.map((e) => ({ rule: e.rule, cases: e.cases })),
    ruleset: suite.ruleset,
    sources: { rules: s.rules, cases: s.cases, regression: s.regression },
    ...(extras.fuzz ? { fuzz: extras.fuzz } : {}),
    ...(extras.catalog ? { catalog: extras.catalog } : {}),
  });
}

function printReport(report: CoverageReport, format: NonNullable<CoverageCliOptions['format']>, lines: readonly string[]): void {
  const c = colorsFor(format === 'text' ? process.stdout : process.stderr);
  const out = format === 'text' ? process.stdout : process.stderr;
  out.write(`${c.bold('sigmatest coverage')}: ${lines.join('\n')}\n`);
  if (format === 'text') return;
  const name = format === 'json' ? COVERAGE_FILES.json : format === 'md' ? COVERAGE_FILES.markdown : COVERAGE_FILES.html;
  process.stdout.write(renderCoverageFiles(report).get(name) ?? '');
}

export async function runCoverage(options: CoverageCliOptions): Promise<number> {
  const min = parseMinCoverage(options.minCoverage);
  if (typeof min === 'string') return usage(min);
  const { catalog: catalogPaths, fuzz: fuzzFile, format = 'text', gating = true, minCoverage: _min, ...flags } = options;
  const resolved = await resolveRunSettings({ ...flags, gating });
  if (inputErrors(resolved.diagnostics) > 0 || !resolved.settings) return EXIT.usage;
  const s = resolved.settings;
  const catalog = catalogPaths && catalogPaths.length > 0 ? await loadCatalog(catalogPaths, s) : undefined;
  if (typeof catalog === 'string') return usage(catalog);
  const fuzz = await loadFuzz(fuzzFile, s.reports);
  if (typeof fuzz === 'string') return usage(fuzz);
  const report = await computeReport(s, { ...(catalog ? { catalog } : {}), ...(fuzz ? { fuzz } : {}) });
  if (typeof report === 'string') return usage(report);
  const written = await writeCoverageReports(report, s.reports);
  printReport(report, format, summaryLines(report, written.written, written.rulePages));
  if (min !== undefined && report.totals.percent < min) {
    process.stderr.write(`sigmatest coverage: logic coverage ${report.totals.percent}% is below --min-coverage ${min}%\n`);
    return EXIT.failures;
  }
  return EXIT.ok;
}
