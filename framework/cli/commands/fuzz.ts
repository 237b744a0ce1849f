/**
 * `sigmatest fuzz`: for each rule, events derived from its own logic (positives, near misses, invariant
 * variants) decided by the compiled engine and the reference; failures shrunk and printed with the seed and the
 * replay path; for each correlation rule, generated sequences (a firing one and near misses) checked on the
 * streaming correlation engine and the brute-force reference (generators/fuzz/fuzz-correlations.ts);
 * reports/fuzz.json written. Exit 0 no failure, no disagreement and no correlation finding; 1 otherwise (or
 * rules that fail to load); 2 usage or input errors. The seed is printed first, so every run can be replayed.
 * `--shard i/n` fuzzes the rules and correlations whose file path hashes to shard i (framework/parallel/shard.ts);
 * fuzz.json then records the shard and fingerprints of the rule set and settings, and merge-reports combines the
 * shards. Correlations run on this thread (beside the worker threads with --workers): they are few and cheap.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { fuzzCorrelations } from '../../../generators/fuzz/fuzz-correlations.js';
import { fuzzFailed, fuzzRules, withCorrelations } from '../../../generators/fuzz/run-fuzz.js';
import type { CorrelationFuzzEntry, FuzzReport } from '../../../generators/fuzz/types.js';
import { resolveRunSettings } from '../../harness/run-settings.js';
import { canonicalJson } from '../../report/json.js';
import { writeFileAtomic } from '../../report/write.js';
import { buildRuleset } from '../../ruleset/build-ruleset.js';
import { colorsFor, EXIT, renderDiagnostic, type Colors } from '../output.js';
import { RuleProgress } from '../rule-progress.js';
import { VERSION } from '../version.js';
import { rulesetFingerprint, settingsFingerprint } from '../../parallel/fingerprint.js';
import { fileInShard, parseShard, rulesOfShard, type Shard } from '../../parallel/shard.js';
import type { ShardInfo } from '../../report/model.js';
import type { RunSettings } from '../../harness/run-settings.js';
import { saveFuzzCases } from './fuzz-save.js';
import { fuzzInWorkers } from './fuzz-workers.js';

export interface FuzzCliOptions {
  rules?: string[];
  cases?: string[];
  runs: string;
  seed: string;
  replay?: string;
  save?: boolean;
  workers: string;
  shard?: string;
  format: 'text' | 'json';
  reports?: string;
  filter?: string;
  config?: string;
  placeholders?: string;
  logsourceMap?: string;
}

export function fuzzCommand(): Command {
  return new Command('fuzz')
    .description('Generate events from each rule\'s logic (positives, near misses, invariants) and sequences for each correlation rule, and check the engines on them.')
    .option('--rules <paths...>', 'rule files or folders (default: ./rules or sigmatest.config.yml)')
    .option('--runs <n>', 'seeds per rule and per correlation', '100')
    .option('--seed <n>', 'seed of the run (printed; the same seed gives the same events)', '1')
    .option('--replay <path>', 'fast-check path of a failure to replay (with its --seed and --rules)')
    .option('--save', 'append failures, a positive and one near miss per operator to each rule\'s case file (correlations: the firing sequence and one per near-miss kind)')
    .option('--cases <dir>', 'the cases folder --save writes to (default: ./cases)')
    .option('--workers <n>', 'worker threads', '1')
    .option('--shard <i/n>', 'only shard i of n: the rules and correlations whose file path hashes to i (combine the fuzz.json files with merge-reports)')
    .addOption(new Option('--format <format>', 'stdout format').choices(['text', 'json']).default('text'))
    .option('--reports <dir>', 'where fuzz.json goes (default: ./reports)')
    .option('--filter <pattern>', 'only rules (and correlations) whose id, title or path (or name) contains PATTERN')
    .option('--config <file>', 'configuration file (default: ./sigmatest.config.yml when present)')
    .option('--placeholders <file>', 'YAML file with values for expand placeholders')
    .option('--logsource-map <file>', 'log-source mapping YAML (default: the built-in map)')
    .addHelpText('after', '\nExamples:\n  sigmatest fuzz --runs 200 --filter portmap\n  sigmatest fuzz --rules ../sigma/rules --runs 20 --seed 1 --format json --workers 2')
    .action(async (options: FuzzCliOptions) => {
      process.exitCode = await runFuzz(options);
    });
}

function positiveInt(value: string, name: string): number | string {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : `${name} must be a non-negative integer, got '${value}'`;
}

export async function runFuzz(options: FuzzCliOptions): Promise<number> {
  const err = colorsFor(process.stderr);
  const [runs, seed, workers] = [positiveInt(options.runs, '--runs'), positiveInt(options.seed, '--seed'), positiveInt(options.workers, '--workers')];
  for (const v of [runs, seed, workers]) if (typeof v === 'string') return usage(v);
  const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
  if (typeof shard === 'string') return usage(shard);
  const resolved = await resolveRunSettings({ ...options, ...(options.cases ? { cases: options.cases } : {}) });
  const bad = resolved.diagnostics.filter((d) => d.severity === 'error');
  for (const d of bad) process.stderr.write(renderDiagnostic(err, d) + '\n');
  if (bad.length > 0 || !resolved.settings) return EXIT.usage;
  const settings = resolved.settings;
  process.stderr.write(`sigmatest fuzz: seed ${seed as number}, ${runs as number} runs per rule\n`);
  const ruleset = await buildRuleset(settings.rules, { ...settings.ruleset, unresolvedPlaceholder: 'error' });
  // A rule that needs placeholder values nobody gave cannot be evaluated: listed as not fuzzed, not a failure.
  const notFuzzed = ruleset.diagnostics.filter((d) => d.severity === 'error' && d.code === 'UNRESOLVED_PLACEHOLDER');
  const loadErrors = ruleset.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'UNRESOLVED_PLACEHOLDER');
  for (const d of [...loadErrors, ...notFuzzed].slice(0, 20)) process.stderr.write(renderDiagnostic(err, d) + '\n');
  if (notFuzzed.length > 0) process.stderr.write(`not fuzzed: ${new Set(notFuzzed.map((d) => d.span.file)).size} rule(s) need placeholder values (--placeholders)\n`);
  const needle = options.filter?.toLowerCase();
  const hit = (...texts: (string | undefined)[]): boolean => !needle || texts.some((t) => t !== undefined && t.toLowerCase().includes(needle));
  const filtered = ruleset.rules.filter((r) => hit(r.ir.id, r.ir.title, r.ir.path));
  const filteredCorrelations = ruleset.correlations.filter((c) => hit(c.id, c.name, c.title, c.path));
  if (filtered.length + filteredCorrelations.length === 0) return usage(`no rules to fuzz in ${settings.rules.join(', ')}`);
  const rules = rulesOfShard(filtered, shard);
  const correlations = shard ? filteredCorrelations.filter((c) => fileInShard(c.path, shard)) : filteredCorrelations;
  const progress = new RuleProgress(process.stderr);
  const common = { runs: runs as number, seed: seed as number, collectExamples: Boolean(options.save), version: VERSION, ...(options.replay ? { replay: options.replay } : {}) };
  const started = performance.now();
  // Worker threads take the rules while this thread generates the correlations' sequences.
  const inWorkers =
    (workers as number) > 1 ? fuzzInWorkers(rules, { ...common, workers: workers as number, rules: settings.rules, ruleset: settings.ruleset, onProgress: (d, t) => progress.update(d, t) }) : undefined;
  const universe = { rules: ruleset.rules.map((r) => r.ir), correlations: ruleset.correlations };
  const correlationResults = fuzzCorrelations(correlations, universe, common);
  const ruleReport = inWorkers ? await inWorkers : fuzzRules(rules, { ...common, onProgress: (d, t) => progress.update(d, t) });
  progress.stop();
  const report = { ...withCorrelations(ruleReport, correlationResults), durationMs: Math.round(performance.now() - started) };
  const reportsDir = options.reports ?? settings.reports;
  await mkdir(reportsDir, { recursive: true });
  const info = shard ? { shard: fuzzShardInfo(shard, rulesetFingerprint(ruleset), settings, options, { runs: runs as number, seed: seed as number }) } : {};
  await writeFileAtomic(path.join(reportsDir, 'fuzz.json'), canonicalJson({ ...report, ...info }));
  if (options.save) await printSaved(await saveFuzzCases(report, { rules, correlations }, options.cases?.[0] ?? settings.cases[0] ?? 'cases'));
  if (options.format === 'json') process.stdout.write(JSON.stringify(report) + '\n');
  else printFuzzReport(report, colorsFor(process.stdout));
  return fuzzFailed(report) || loadErrors.length > 0 ? EXIT.failures : EXIT.ok;
}

/** What merge-reports checks: the same rule set and the same settings on every shard. */
function fuzzShardInfo(shard: Shard, rules: string, settings: RunSettings, options: FuzzCliOptions, numbers: { runs: number; seed: number }): ShardInfo {
  const config = { command: 'fuzz', version: VERSION, count: shard.count, ...numbers, replay: options.replay ?? null, rules: settings.rules, ruleset: settings.ruleset, filter: options.filter ?? null, save: Boolean(options.save) };
  return { index: shard.index, count: shard.count, rules, config: settingsFingerprint(config) };
}

async function printSaved(written: Map<string, number>): Promise<void> {
  for (const [file, n] of [...written].sort()) process.stderr.write(`saved ${n} case${n === 1 ? '' : 's'} to ${file}\n`);
}

function usage(message: string): number {
  process.stderr.write(`sigmatest fuzz: ${message}\n`);
  return EXIT.usage;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`;
}

export function printFuzzReport(report: FuzzReport, c: Colors): void {
  const lines: string[] = [];
  for (const r of report.rules) {
    const missing = r.items.filter((i) => !i.nearMiss);
    const bad = r.failures.length > 0 || r.disagreements > 0;
    if (!bad && r.positive.found && missing.length === 0) continue;
    lines.push(`${bad ? c.red('✗') : c.yellow('!')} ${r.title}  ${c.dim(r.path)}`);
    if (!r.positive.found) lines.push(`    no positive: ${r.positive.reason ?? ''}`);
    for (const i of missing) lines.push(`    no near miss for ${i.item}: ${i.reason ?? 'not found'}`);
    for (const f of r.failures) {
      lines.push(c.red(`    FAIL ${f.kind} ${f.operator}${f.target ? ` on ${f.target}` : ''}: expected ${f.expected ? 'match' : 'no match'}, engine ${f.engine ? 'match' : 'no match'}, reference ${f.reference ? 'match' : 'no match'}`));
      lines.push(`      minimal event: ${JSON.stringify(f.event)}`, `      replay: ${f.replay}`);
    }
  }
  for (const r of report.correlations ?? []) lines.push(...correlationLines(r, c));
  const t = report.totals;
  const verdict = fuzzFailed(report) ? c.red('FAIL') : c.green('PASS');
  const sequences = t.correlations > 0 ? `; ${t.correlations} correlations, sequences for ${t.correlationsWithSequences} (${pct(t.correlationsWithSequences, t.correlations)}), ${t.sequenceChecks} sequence checks, ${t.sequenceFindings} findings` : '';
  lines.push(`${verdict} seed ${report.seed}, ${report.runs} runs: ${t.rules} rules, positive for ${t.rulesWithPositive} (${pct(t.rulesWithPositive, t.rules)}), near miss for ${t.itemsWithNearMiss} of ${t.items} items (${pct(t.itemsWithNearMiss, t.items)}), independence pairs for ${pct(t.itemsWithPair, t.items)}; ${t.checks} checks, ${t.disagreements} disagreements, ${t.failures} failures${sequences} (${(report.durationMs / 1000).toFixed(1)} s)`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** A correlation's lines: nothing when every seed fired, every near-miss kind applied and nothing was found. */
function correlationLines(r: CorrelationFuzzEntry, c: Colors): string[] {
  const skipped = Object.entries(r.skipped);
  const bad = r.findings.length > 0;
  if (!bad && r.generated === r.runs && skipped.length === 0) return [];
  const lines = [`${bad ? c.red('✗') : c.yellow('!')} ${r.title}  ${c.dim(r.path)}  ${c.dim(`(${r.type})`)}`];
  if (r.generated === 0) lines.push(`    no firing sequence: ${r.reason ?? 'unknown reason'}`);
  else if (r.generated < r.runs) lines.push(`    firing sequences for ${r.generated} of ${r.runs} seeds; the others: ${r.reason ?? 'unknown reason'}`);
  for (const [kind, why] of skipped) lines.push(`    near miss ${kind} not generated: ${why}`);
  for (const f of r.findings) {
    lines.push(c.red(`    FAIL ${f.sequence} on ${f.engine}: ${f.message}`));
    lines.push(`      seed ${f.seed}; replay: ${f.replay}`);
  }
  return lines;
}
