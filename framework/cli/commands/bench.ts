/**
 * `sigmatest bench`: throughput of the rule set matcher (W1 one rule on generated Sysmon 3 events, W2 the rule
 * set on events held in memory, W3 end to end from the same .jsonl.gz files beside a parse-only pass), the
 * reference interpreter in the same run, per-rule costs, load/compile time and peak memory; medians of --runs runs.
 * Writes reports/bench.json (canonical JSON) and reports/bench.md; prints a summary (or the JSON).
 * Defaults: rules = the SigmaHQ folders of ../shared/sigma when present, else the configured ./rules; events =
 * ../shared/corpora/*.jsonl.gz (W2 and W3 on all of them). With --baseline, compares ratios only (gate.ts).
 * Exit 0 ok; 1 a ratio or top rule regressed beyond --max-regression; 2 usage or input errors.
 * Also loads and compiles the rules cold in --runs fresh processes (bench/cold-load.ts; `coldLoad`, not with --shard).
 * `--workers N` also runs W2 on 1 and on N worker threads (framework/parallel/bench-w2.ts: start barrier, same run)
 * and adds `parallel` (events/s, speedup) to bench.json; `--shard i/n` benchmarks the rules of one shard.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { coldLoadSummary, measureColdLoad, type ColdLoadFigures } from '../../bench/cold-load.js';
import { gateBench, readBaseline, type GateResult } from '../../bench/gate.js';
import { renderBenchMarkdown, renderBenchText, renderGate } from '../../bench/render.js';
import { runBenchmarks } from '../../bench/run-bench.js';
import { templateNames } from '../../bench/events.js';
import { resolveRunSettings } from '../../harness/run-settings.js';
import { canonicalJson } from '../../report/json.js';
import { writeFileAtomic } from '../../report/write.js';
import { colorsFor, EXIT, renderDiagnostic } from '../output.js';
import { VERSION } from '../version.js';
import { benchW2Parallel, type ParallelW2Figures } from '../../parallel/bench-w2.js';
import { renderParallelMarkdown, renderParallelText } from '../../parallel/bench-render.js';
import { parallelW3Summary, type ParallelW3Figures } from '../../parallel/bench-w3.js';
import { measureParallelW3 } from '../../parallel/bench-w3-isolated.js';
import { formatShard, parseShard, parseWorkers, rulesOfShard } from '../../parallel/shard.js';

export interface BenchOptions {
  rules?: string[];
  events?: string[];
  generate?: string;
  logsource?: string;
  runs?: string;
  format?: 'text' | 'json';
  baseline?: string;
  maxRegression?: string;
  reports?: string;
  w1Events?: string;
  w1Rule?: string;
  referenceSample?: string;
  config?: string;
  placeholders?: string;
  logsourceMap?: string;
  workers?: string;
  shard?: string;
  correlationEvents?: string;
  correlationGroups?: string;
  /** Where ../shared is looked for (default: the current directory); for tests. */
  cwd?: string;
}

export const DEFAULT_W1_RULE = 'rules/windows/network_connection/net_connection_win_domain_portmap.yml';
const SIGMA_FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-placeholder', 'rules-compliance'];

export function benchCommand(): Command {
  return new Command('bench')
    .description('Measure matcher throughput (W1, W2, W3), per-rule cost, load time and memory; gate ratios against a baseline.')
    .option('--rules <paths...>', 'rule files or folders (default: ../shared/sigma SigmaHQ folders when present, else ./rules)')
    .option('--events <paths...>', 'events files for W2 (held in memory) and W3 (read from disk, one after the other) (default: ../shared/corpora/*.jsonl.gz)')
    .option('--generate <n>', 'instead of --events: N generated events (also the W1 event count)')
    .option('--logsource <template>', `event template for --generate (default sysmon-3)`)
    .option('--runs <n>', 'timed runs per figure (at least 5; medians are reported)', '5')
    .addOption(new Option('--format <format>', 'stdout format').choices(['text', 'json']).default('text'))
    .option('--baseline <file>', 'a previous bench.json: exit 1 when a ratio regressed beyond --max-regression')
    .option('--max-regression <pct>', 'largest tolerated regression of a ratio, percent', '20')
    .option('--reports <dir>', 'where bench.json and bench.md go (default: ./reports)')
    .option('--w1-events <n>', 'W1 event count (default 1000000, or the --generate count)')
    .option('--w1-rule <file>', 'the W1 rule', DEFAULT_W1_RULE)
    .option('--reference-sample <n>', 'events the reference interpreter is timed on (W2)', '500')
    .option('--config <file>', 'configuration file (default: ./sigmatest.config.yml when present)')
    .option('--placeholders <file>', 'YAML file with values for expand placeholders')
    .option('--logsource-map <file>', 'log-source mapping YAML (default: the built-in map)')
    .option('--correlation-events <n>', 'events through the correlation workload (an event_count rule; 0 skips it)', '1000000')
    .option('--correlation-groups <n>', 'distinct group-by values of the correlation workload', '100000')
    .option('--workers <n>', 'also run W2 on 1 and on N worker threads in the same run and report the speedup', '1')
    .option('--shard <i/n>', 'benchmark only the rules of shard i of n (by a hash of the rule file path)')
    .addHelpText('after', '\nExamples:\n  sigmatest bench\n  sigmatest bench --rules rules --generate 20000 --runs 5\n  sigmatest bench --baseline reports/bench-baseline.json --max-regression 20')
    .action(async (options: BenchOptions) => {
      process.exitCode = await runBench(options);
    });
}

function usage(message: string): number {
  process.stderr.write(`sigmatest bench: ${message}\n`);
  return EXIT.usage;
}

function intOption(value: string | undefined, name: string, min: number): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= min ? n : `${name} must be an integer ≥ ${min}, got '${value}'`;
}

function defaultRules(cwd: string): string[] | undefined {
  const sigma = path.join(cwd, '..', 'shared', 'sigma');
  const found = SIGMA_FOLDERS.map((f) => path.join(sigma, f)).filter((p) => existsSync(p));
  return found.length > 0 ? found : undefined;
}

function defaultEvents(cwd: string): string[] {
  const dir = path.join(cwd, '..', 'shared', 'corpora');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz')).sort().map((f) => path.join(dir, f));
}

export async function runBench(options: BenchOptions): Promise<number> {
  const err = colorsFor(process.stderr);
  const cwd = options.cwd ?? process.cwd();
  const runs = intOption(options.runs ?? '5', '--runs', 5);
  const generate = intOption(options.generate, '--generate', 1);
  const w1Events = intOption(options.w1Events, '--w1-events', 0);
  const referenceSample = intOption(options.referenceSample ?? '500', '--reference-sample', 1);
  const correlationEvents = intOption(options.correlationEvents ?? '1000000', '--correlation-events', 0);
  const correlationGroups = intOption(options.correlationGroups ?? '100000', '--correlation-groups', 1);
  const maxRegression = Number(options.maxRegression ?? '20');
  for (const v of [runs, generate, w1Events, referenceSample, correlationEvents, correlationGroups]) if (typeof v === 'string') return usage(v);
  const workers = parseWorkers(options.workers ?? '1');
  if (typeof workers === 'string') return usage(workers);
  const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
  if (typeof shard === 'string') return usage(shard);
  if (!Number.isFinite(maxRegression) || maxRegression < 0) return usage(`--max-regression must be a non-negative number, got '${options.maxRegression}'`);
  if (generate !== undefined && options.events) return usage('--events and --generate cannot be combined');
  if (options.logsource && generate === undefined) return usage('--logsource needs --generate');
  const template = options.logsource ?? 'sysmon-3';
  if (!templateNames().includes(template)) return usage(`no event template '${template}' (known: ${templateNames().join(', ')})`);
  const eventFiles = generate === undefined ? (options.events ?? defaultEvents(cwd)) : [];
  if (generate === undefined && eventFiles.length === 0) return usage('no events: pass --events PATHS or --generate N (../shared/corpora not found)');
  const missing = eventFiles.filter((f) => !existsSync(f));
  if (missing.length > 0) return usage(`events file not found: ${missing.join(', ')}`);

  let baseline;
  if (options.baseline) {
    baseline = await readBaseline(options.baseline);
    if (typeof baseline === 'string') return usage(baseline);
  }
  const rules = options.rules ?? defaultRules(cwd);
  const resolved = await resolveRunSettings({ ...(rules ? { rules } : {}), ...(options.config ? { config: options.config } : {}), ...(options.placeholders ? { placeholders: options.placeholders } : {}), ...(options.logsourceMap ? { logsourceMap: options.logsourceMap } : {}), ...(options.reports ? { reports: options.reports } : {}) });
  const bad = resolved.diagnostics.filter((d) => d.severity === 'error');
  for (const d of bad) process.stderr.write(renderDiagnostic(err, d) + '\n');
  if (bad.length > 0 || !resolved.settings) return EXIT.usage;
  const settings = resolved.settings;

  // First, while this process is small: an idle process with the bench's heap of events would collect it (V8's
  // memory reducer) on the other core while a child loads.
  let coldLoad: ColdLoadFigures | undefined;
  if (!shard) {
    process.stderr.write(err.dim(`bench: loading and compiling the rules cold, in ${runs} fresh processes\n`));
    const figures = await measureColdLoad({ rules: [...settings.rules], ...settings.settingsFiles }, runs as number);
    if ('error' in figures) return usage(figures.error);
    coldLoad = figures;
  }
  const report = await runBenchmarks({
    rulePaths: settings.rules,
    ruleset: settings.ruleset,
    eventFiles,
    ...(generate !== undefined ? { generate: { count: generate as number, template } } : {}),
    w1RulePath: path.resolve(cwd, options.w1Rule ?? DEFAULT_W1_RULE),
    w1Events: (w1Events as number | undefined) ?? (generate as number | undefined) ?? 1_000_000,
    runs: runs as number,
    referenceSample: referenceSample as number,
    correlationEvents: correlationEvents as number,
    correlationGroups: correlationGroups as number,
    version: VERSION,
    ...(shard ? { selectRules: (all) => rulesOfShard(all, shard) } : {}),
    onPhase: (m) => {
      process.stderr.write(err.dim(`bench: ${m}\n`));
    },
  });
  if ('error' in report) return usage(report.error);
  let parallel: ParallelW2Figures | undefined;
  if (workers > 1) {
    process.stderr.write(err.dim(`bench: W2 on 1 and on ${workers} worker threads (each loads and compiles the rules)\n`));
    const setup = { rulePaths: settings.rules, ruleset: settings.ruleset, eventFiles, ...(shard ? { shard } : {}), ...(generate !== undefined ? { generate: { count: generate as number, template, seed: 1 } } : {}) };
    const figures = await benchW2Parallel({ setup, workers, runs: runs as number });
    if ('error' in figures) return usage(figures.error);
    parallel = figures;
  }
  let parallelW3: ParallelW3Figures | undefined;
  if (workers > 1 && eventFiles.length > 0 && !shard) {
    process.stderr.write(err.dim(`bench: W3 on ${workers} worker threads beside the one-thread parse-only pass\n`));
    const figures = await measureParallelW3({ rules: [...settings.rules], ...settings.settingsFiles, files: eventFiles, workers, runs: runs as number });
    if ('error' in figures) return usage(figures.error);
    parallelW3 = figures;
  }
  const written = { ...report, ...(coldLoad ? { coldLoad } : {}), ...(parallel ? { parallel } : {}), ...(parallelW3 ? { parallelW3 } : {}), ...(shard ? { shard: formatShard(shard) } : {}) };

  const reportsDir = settings.reports;
  await mkdir(reportsDir, { recursive: true });
  await writeFileAtomic(path.join(reportsDir, 'bench.json'), canonicalJson(written));
  await writeFileAtomic(path.join(reportsDir, 'bench.md'), renderBenchMarkdown(report) + (coldLoad ? `\n${coldLoadSummary(coldLoad)}.\n` : '') + (parallel ? renderParallelMarkdown(parallel) : '') + (parallelW3 ? `\n${parallelW3Summary(parallelW3)}.\n` : ''));
  const gate: GateResult | undefined = baseline && typeof baseline !== 'string' ? gateBench(report, baseline, maxRegression) : undefined;
  if (options.format === 'json') process.stdout.write(JSON.stringify(gate ? { ...written, gate } : written) + '\n');
  else {
    const out = colorsFor(process.stdout);
    process.stdout.write(renderBenchText(report, out));
    if (coldLoad) process.stdout.write(coldLoadSummary(coldLoad) + '\n');
    if (parallel) process.stdout.write(renderParallelText(parallel));
    if (parallelW3) process.stdout.write(parallelW3Summary(parallelW3) + '\n');
    if (gate) process.stdout.write(renderGate(gate, out));
  }
  return gate && gate.regressions.length > 0 ? EXIT.failures : EXIT.ok;
}

