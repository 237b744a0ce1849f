/**
 * `sigmatest run`: pair case files (and SigmaHQ regression data) with rules, run every case on the compiled
 * matcher with the reference as a check, print a line per tested rule and an explanation per failure, write
 * results.json, junit.xml, results.sarif and summary.md under --reports. Exit 0 all passed; 1 any failing or
 * erroring case or any error problem (rule not loaded, unknown rule, empty rules path, policy); 2 usage/input.
 * Every case event is also decided by the whole-ruleset matcher (as scan decides it): a difference from the rule's
 * own compiled test is an ENGINE_DISAGREEMENT problem. `--shard i/n` runs the rules whose file hashes to shard i
 * (with their cases; results.json records the shard for merge-reports); `--workers N` evaluates the rules' cases on
 * N worker threads with the same report.
 */
import { Command, Option } from 'commander';
import type { Diagnostic } from '../../diagnostics.js';
import { prepareSuite } from '../../harness/run.js';
import { resolveRunSettings, type RunSettings } from '../../harness/run-settings.js';
import { rulesetFingerprint, settingsFingerprint } from '../../parallel/fingerprint.js';
import type { PrepareOptions } from '../../parallel/run-worker.js';
import { runSuiteParts } from '../../parallel/run-suite.js';
import { parseShard, parseWorkers, type Shard } from '../../parallel/shard.js';
import type { RunReport, ShardInfo } from '../../report/model.js';
import type { Ruleset } from '../../ruleset/build-ruleset.js';
import { writeReports } from '../../report/write.js';
import { changedFilesSince } from '../changed-files.js';
import { colorsFor, EXIT, renderDiagnostic } from '../output.js';
import { RuleProgress } from '../rule-progress.js';
import { printRunReport } from './run-output.js';
import { VERSION } from '../version.js';

interface RunCliOptions {
  rules?: string[];
  cases?: string[];
  regression?: string[];
  reports?: string;
  filter?: string;
  changedSince?: string;
  policy?: 'strict' | 'lenient';
  config?: string;
  format: 'text' | 'json';
  logsourceMap?: string;
  placeholders?: string;
  gating: boolean;
  workers: string;
  shard?: string;
  crossCheck: boolean;
}

export function runCommand(): Command {
  return new Command('run')
    .description('Run every rule\'s test cases (and SigmaHQ regression data) and write reports.')
    .option('--rules <paths...>', 'rule files or folders (default: ./rules, or `rules` in sigmatest.config.yml)')
    .option('--cases <paths...>', 'case files or folders (default: ./cases); folders starting with _ are skipped')
    .option('--regression <dirs...>', 'SigmaHQ regression_data folders whose tests run as cases')
    .option('--reports <dir>', 'where results.json, junit.xml, results.sarif and summary.md go (default: ./reports)')
    .option('--filter <pattern>', 'only rules whose id, title or path contains PATTERN (or cases whose name does)')
    .option('--changed-since <gitrev>', 'only rules whose rule file or case file changed since GITREV')
    .addOption(new Option('--policy <name>', 'strict: every rule needs a positive and a negative case; lenient: no requirement (default: strict for ./rules)').choices(['strict', 'lenient']))
    .option('--config <file>', 'configuration file (default: ./sigmatest.config.yml when present)')
    .addOption(new Option('--format <format>', 'stdout format').choices(['text', 'json']).default('text'))
    .option('--logsource-map <file>', 'log-source mapping YAML (default: the built-in map)')
    .option('--placeholders <file>', 'YAML file with values for expand placeholders (default: `placeholders` in sigmatest.config.yml)')
    .option('--no-gating', 'evaluate every rule on every event, ignoring log sources')
    .option('--workers <n>', 'worker threads that evaluate the rules\' cases (the report is the same for any N)', '1')
    .option('--shard <i/n>', 'only shard i of n: the rules whose file path hashes to i, with their cases (combine with merge-reports)')
    .option('--no-cross-check', 'do not also decide every case event with the whole-ruleset matcher')
    .addHelpText(
      'after',
      '\nExamples:\n  sigmatest run\n  sigmatest run --rules ../sigma/rules --regression ../sigma/regression_data --policy lenient\n  sigmatest run --filter portmap --reports out/\n' +
        '  sigmatest run --shard 1/2 --reports shard-1 && sigmatest run --shard 2/2 --reports shard-2 && sigmatest merge-reports shard-1 shard-2 --out reports',
    )
    .action(async (options: RunCliOptions) => {
      process.exitCode = await runRun(options);
    });
}

function inputErrors(diagnostics: readonly Diagnostic[]): number {
  const err = colorsFor(process.stderr);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) process.stderr.write(renderDiagnostic(err, d) + '\n');
  return errors.length;
}

export async function runRun(options: RunCliOptions): Promise<number> {
  const workers = parseWorkers(options.workers ?? '1');
  if (typeof workers === 'string') return usage(workers);
  const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
  if (typeof shard === 'string') return usage(shard);
  const { gating, workers: _w, shard: _s, crossCheck, ...flags } = options;
  const resolved = await resolveRunSettings({ ...flags, gating, ...(options.policy ? { policy: options.policy } : {}) });
  if (inputErrors(resolved.diagnostics) > 0 || !resolved.settings) return EXIT.usage;
  const s = resolved.settings;
  let changedFiles: Set<string> | undefined;
  if (options.changedSince) {
    const changed = await changedFilesSince(options.changedSince);
    if ('error' in changed) return usage(changed.error);
    changedFiles = changed.files;
  }
  const progress = new RuleProgress(process.stderr);
  const started = performance.now();
  const prepare: PrepareOptions = {
    rules: s.rules,
    cases: s.cases,
    regression: s.regression,
    policy: s.policy,
    ruleset: s.ruleset,
    ...(options.filter !== undefined ? { filter: options.filter } : {}),
    ...(changedFiles ? { changedFiles } : {}),
  };
  const suite = await prepareSuite(prepare);
  const report = await runSuiteParts(suite, {
    prepare,
    version: VERSION,
    workers,
    ...(shard ? { shard } : {}),
    crossCheck: crossCheck !== false,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.stop();
  const info = shard ? { shard: shardInfo(shard, suite.ruleset, s, options) } : {};
  return finish({ ...report, durationMs: Math.round(performance.now() - started), ...info }, s.reports, options.format);
}

/** What merge-reports checks: the same rule set and the same settings on every shard. */
function shardInfo(shard: Shard, ruleset: Ruleset, s: RunSettings, options: RunCliOptions): ShardInfo {
  const settings = { command: 'run', version: VERSION, count: shard.count, rules: s.rules, cases: s.cases, regression: s.regression, policy: s.policy, ruleset: s.ruleset, filter: options.filter ?? null, changedSince: options.changedSince ?? null, crossCheck: options.crossCheck !== false };
  return { index: shard.index, count: shard.count, rules: rulesetFingerprint(ruleset), config: settingsFingerprint(settings) };
}

async function finish(report: RunReport, reportsDir: string, format: 'text' | 'json'): Promise<number> {
  const written = await writeReports(report, reportsDir, { env: process.env });
  if (format === 'json') process.stdout.write(JSON.stringify(report) + '\n');
  else printRunReport(report, written.written, colorsFor(process.stdout));
  for (const line of written.annotations ?? []) process.stdout.write(line + '\n');
  return report.exitCode === 0 ? EXIT.ok : EXIT.failures;
}

function usage(message: string): number {
  process.stderr.write(`sigmatest run: ${message}\n`);
  return EXIT.usage;
}
