/**
 * `sigmatest scan --rules PATHS --events PATHS`: every rule on every event, one output record per match.
 * jsonl (default off a terminal): {rule_id, rule_title, rule_path, level, source, event_index} per match, where
 * event_index counts every record of the file, malformed ones included. A summary goes to stderr.
 * Exit 0; 1 when an events file could not be read or (--strict) a rule failed to load; 2 on usage errors.
 * Parallelism (framework/parallel/): `--workers N` parses and matches batches of raw records on N worker threads
 * (stdout identical to one thread); `--shard i/n` keeps the records whose index mod n is i-1 (default) or, with
 * `--shard-by rules`, the rules whose file hashes to shard i, so the shards' outputs together are the whole output.
 */
import { compileRuleset, type RulesetMatcher } from '../../engine/ruleset-matcher.js';
import { Command, Option } from 'commander';
import type { Diagnostic } from '../../diagnostics.js';
import { readEvents } from '../../events/index.js';
import { buildRuleset, type PreparedRule } from '../../ruleset/build-ruleset.js';
import { colorsFor, EXIT, renderDiagnostic, type Colors } from '../output.js';
import { ProgressLine } from '../progress.js';
import { readSharedSettings, rulesetOptions } from '../../ruleset/settings.js';
import { ScanCorrelations } from './scan-correlations.js';
import { WorkerPool } from '../../parallel/pool.js';
import { packBatch } from '../../parallel/packed-batch.js';
import { MatchRecordFormatter } from '../../report/match-record.js';
import { matchBatch, scanRuleOrder } from '../../parallel/scan-batch.js';
import { decideOnWorkers, scanFileBatched, type BatchedScanSink, type DecideBatch } from '../../parallel/scan-batched.js';
import type { ScanSetup, ScanTask, ScanTaskResult } from '../../parallel/scan-worker.js';
import { formatShard, parseShard, parseWorkers, recordInShard, type Shard } from '../../parallel/shard.js';

interface ScanOptions {
  rules: string[];
  events: string[];
  format?: 'jsonl' | 'table';
  logsourceMap?: string;
  placeholders?: string;
  gating: boolean;
  strict?: boolean;
  workers?: string;
  shard?: string;
  shardBy?: 'events' | 'rules';
  timestampField?: string;
  lateness?: string;
  allMatches?: boolean;
}

/** Parsed --workers / --shard / --shard-by. */
interface Parallelism {
  readonly workers: number;
  readonly shard?: Shard;
  readonly shardBy: 'events' | 'rules';
}

interface ScanStats {
  events: number;
  malformed: number;
  matches: number;
  unreadable: number;
  /** Matches left out of the output: their rule is referenced by a correlation with generate: false. */
  suppressed: number;
}

type MatchWriter = (rule: PreparedRule, source: string, index: number) => void;

/**
 * stdout in pieces of about 64 KB: one write per piece instead of one per match (each is a system call when
 * stdout is a file, which otherwise dominates a busy scan). Flushed before every stderr line and at the end.
 */
class BufferedStdout {
  private parts: string[] = [];
  private size = 0;

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 65_536) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    process.stdout.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

const stdout = new BufferedStdout();

function jsonlWriter(): MatchWriter {
  const formatter = new MatchRecordFormatter();
  return (rule, source, index) => stdout.write(formatter.line(rule.ir, source, index));
}

function tableWriter(c: Colors): MatchWriter {
  stdout.write(c.bold(`${'EVENT'.padEnd(40)} ${'LEVEL'.padEnd(13)} RULE\n`));
  return (rule, source, index) => {
    const where = `${source}#${index}`.padEnd(40);
    stdout.write(`${where} ${(rule.ir.level ?? '-').padEnd(13)} ${rule.ir.title} ${c.dim(rule.ir.id)}\n`);
  };
}

function reportDiagnostic(err: Colors, d: Diagnostic, progress: ProgressLine): void {
  stdout.flush();
  progress.clear();
  process.stderr.write(renderDiagnostic(err, d) + '\n');
}

async function scanFile(file: string, rules: readonly PreparedRule[], matcher: RulesetMatcher, write: MatchWriter, stats: ScanStats, ui: { err: Colors; progress: ProgressLine; started: number }, correlations?: ScanCorrelations): Promise<void> {
  const referenced: string[] = [];
  for await (const record of readEvents(file)) {
    if (record.kind === 'error') {
      if (record.diagnostic.code === 'IO_ERROR') stats.unreadable++;
      else stats.malformed++;
      reportDiagnostic(ui.err, record.diagnostic, ui.progress);
      continue;
    }
    stats.events++;
    referenced.length = 0;
    for (const index of matcher.match(record.event)) {
      const rule = rules[index]!;
      stats.matches++;
      if (correlations?.isReferenced(rule.ir.id)) referenced.push(rule.ir.id);
      if (correlations?.isSuppressed(rule.ir.id)) stats.suppressed++;
      else write(rule, file, record.index);
    }
    if (correlations && referenced.length > 0) correlations.push(record.event, file, record.index, referenced);
    ui.progress.update(() => `${stats.events} events, ${stats.matches} matches, ${rate(stats.events, ui.started)} events/s`);
  }
}

function recordInShardOf(shard: Shard): (index: number) => boolean {
  return (index) => recordInShard(index, shard);
}

function inThread(matcher: RulesetMatcher): DecideBatch {
  return async (source, records) => matchBatch(matcher, source, records);
}

/** The warm-up answers: every worker must index the same rule list as this thread. */
async function checkWorkers(warm: Promise<ScanTaskResult[]>, ruleCount: number): Promise<void> {
  for (const r of await warm) if (r.rules !== ruleCount) throw new Error(`scan worker loaded ${r.rules} rules, the main thread ${ruleCount}`);
}

/** Batch results → the same output and stats as scanFile produces record by record. */
function batchSink(file: string, rules: readonly PreparedRule[], write: MatchWriter, stats: ScanStats, ui: { err: Colors; progress: ProgressLine; started: number }): BatchedScanSink {
  return {
    batch(result) {
      for (const e of result.errors) {
        stats.malformed++;
        reportDiagnostic(ui.err, e.diagnostic, ui.progress);
      }
      stats.events += result.events;
      const hits = result.hits;
      for (let i = 0; i < hits.length; i += 2) {
        stats.matches++;
        write(rules[hits[i + 1] as number]!, file, hits[i] as number);
      }
      ui.progress.update(() => `${stats.events} events, ${stats.matches} matches, ${rate(stats.events, ui.started)} events/s`);
    },
    ioError(diagnostic) {
      stats.unreadable++;
      reportDiagnostic(ui.err, diagnostic, ui.progress);
    },
  };
}

function rate(events: number, started: number): number {
  const seconds = (performance.now() - started) / 1000;
  return seconds > 0 ? Math.round(events / seconds) : 0;
}

function parallelism(options: ScanOptions): Parallelism | string {
  const workers = parseWorkers(options.workers ?? '1');
  if (typeof workers === 'string') return workers;
  if (options.shard === undefined) return options.shardBy ? '--shard-by needs --shard i/n' : { workers, shardBy: 'events' };
  const shard = parseShard(options.shard);
  return typeof shard === 'string' ? shard : { workers, shard, shardBy: options.shardBy ?? 'events' };
}

export async function runScan(options: ScanOptions): Promise<number> {
  const err = colorsFor(process.stderr);
  const par = parallelism(options);
  if (typeof par === 'string') {
    process.stderr.write(`sigmatest scan: ${par}\n`);
    return EXIT.usage;
  }
  const setup: ScanSetup = { rules: options.rules, gating: options.gating !== false, ...(options.logsourceMap ? { logsourceMap: options.logsourceMap } : {}), ...(options.placeholders ? { placeholders: options.placeholders } : {}), ...(par.shard && par.shardBy === 'rules' ? { ruleShard: par.shard } : {}) };
  // Worker threads load their rule set while this thread loads its own.
  const pool = par.workers > 1 ? new WorkerPool('scan-worker.js', par.workers) : undefined;
  const warm = pool?.warm<ScanTaskResult>({ setup, source: '', batch: packBatch([]) } satisfies ScanTask);
  warm?.catch(() => undefined);
  try {
    return await scanWith(options, par, setup, err, pool && warm ? { pool, warm } : undefined);
  } finally {
    stdout.flush();
    await pool?.destroy();
  }
}

async function scanWith(options: ScanOptions, par: Parallelism, setup: ScanSetup, err: Colors, workers?: { pool: WorkerPool; warm: Promise<ScanTaskResult[]> }): Promise<number> {
  const settings = await readSharedSettings(options);
  settings.diagnostics.forEach((d) => process.stderr.write(renderDiagnostic(err, d) + '\n'));
  if (settings.diagnostics.some((d) => d.severity === 'error')) return EXIT.usage;
  const ruleset = await buildRuleset(options.rules, { ...rulesetOptions(settings), unresolvedPlaceholder: 'error' });
  ruleset.diagnostics.filter((d) => d.severity !== 'warning').forEach((d) => process.stderr.write(renderDiagnostic(err, d) + '\n'));
  if (ruleset.diagnostics.some((d) => d.code === 'IO_ERROR' || d.code === 'NO_RULE_FILES')) return EXIT.usage;
  const correlated = ruleset.correlations.length > 0;
  if (correlated && par.shard) {
    process.stderr.write('sigmatest scan: --shard cannot be combined with correlation rules (a correlation needs every event and every rule it references)\n');
    return EXIT.usage;
  }
  const lateness = options.lateness === undefined ? 0 : Number(options.lateness);
  if (!Number.isFinite(lateness) || lateness < 0) {
    process.stderr.write(`sigmatest scan: --lateness must be a non-negative number of seconds, got '${options.lateness}'\n`);
    return EXIT.usage;
  }
  if (correlated && par.workers > 1) process.stderr.write(err.yellow('scan: correlation rules are evaluated on one thread, in input order: --workers is not used\n'));
  const rules = scanRuleOrder(ruleset.rules, setup.ruleShard);
  const format = options.format ?? (process.stdout.isTTY ? 'table' : 'jsonl');
  const write = format === 'jsonl' ? jsonlWriter() : tableWriter(colorsFor(process.stdout));
  const stats: ScanStats = { events: 0, malformed: 0, matches: 0, unreadable: 0, suppressed: 0 };
  const correlations = correlated
    ? new ScanCorrelations(ruleset.correlations, (line) => stdout.write(line), { ...(options.timestampField ? { timestampField: options.timestampField } : {}), lateness, allMatches: options.allMatches === true })
    : undefined;
  if (workers && !correlated) await checkWorkers(workers.warm, rules.length);
  const ui = { err, progress: new ProgressLine(), started: performance.now() };
  // One whole-ruleset matcher (log-source routing + literal prefilter); decides exactly like every rule's test.
  // plainEvents: readEvents yields JSON data only (own enumerable keys), so the faster key listing is exact.
  const compile = (): RulesetMatcher => compileRuleset(rules.map((r) => r.ir), { compiled: rules.map((r) => r.compiled), plainEvents: true });
  if (correlated || (par.workers === 1 && (!par.shard || par.shardBy === 'rules'))) {
    const matcher = compile();
    for (const file of options.events) await scanFile(file, rules, matcher, write, stats, ui, correlations);
  } else {
    const decide = workers ? decideOnWorkers(workers.pool, setup, rules.length) : inThread(compile());
    const keep = par.shard && par.shardBy === 'events' ? recordInShardOf(par.shard) : undefined;
    for (const file of options.events) await scanFileBatched(file, decide, batchSink(file, rules, write, stats, ui), { inFlight: 2 * par.workers + 1, bytes: workers !== undefined, ...(keep ? { keep } : {}) });
  }
  const correlationCounts = correlations?.finish();
  stdout.flush();
  ui.progress.clear();
  const seconds = (performance.now() - ui.started) / 1000;
  if (correlations && correlationCounts) {
    const late = correlationCounts.late > 0 ? `, ${correlationCounts.late} late events dropped (see --lateness)` : '';
    const untimed = correlationCounts.untimed > 0 ? `, ${correlationCounts.untimed} matched events without a timestamp ignored (see --timestamp-field)` : '';
    process.stderr.write(`scan: ${ruleset.correlations.length} correlation rules, ${correlations.alerts} alerts, ${stats.suppressed} matches of referenced rules not printed (generate: false)${late}${untimed}\n`);
  }
  const sharding = par.shard ? ` (shard ${formatShard(par.shard)} of the ${par.shardBy})` : '';
  process.stderr.write(
    `scan: ${stats.events} events read (${stats.malformed} malformed skipped), ${rules.length} rules loaded${sharding}, ` +
      `${ruleset.failedRules} rules failed, ${stats.matches} matches, ${seconds.toFixed(2)} s, ${rate(stats.events, ui.started)} events/s\n`,
  );
  if (stats.unreadable > 0) return EXIT.failures;
  return options.strict && ruleset.failedRules > 0 ? EXIT.failures : EXIT.ok;
}

export function scanCommand(): Command {
  return new Command('scan')
    .description('Evaluate every rule on every event and print the matches.')
    .requiredOption('--rules <paths...>', 'rule files or folders (recursive)')
    .requiredOption('--events <paths...>', 'event files: .json (object, array or concatenated objects), .jsonl/.ndjson, optionally .gz')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, jsonl otherwise)').choices(['jsonl', 'table']))
    .option('--logsource-map <file>', 'log-source mapping file replacing the default')
    .option('--no-gating', 'evaluate every rule on every event, ignoring log sources')
    .option('--placeholders <file>', 'YAML map of placeholder values for the expand modifier')
    .option('--strict', 'exit 1 when a rule fails to load')
    .option('--workers <n>', 'worker threads that parse and match batches of records (output identical to 1)', '1')
    .option('--shard <i/n>', 'only shard i of n: records whose index mod n is i-1 (or rules, see --shard-by)')
    .option('--timestamp-field <field>', 'event field holding the time, for correlation rules (default: System.TimeCreated SystemTime, UtcTime, @timestamp, timestamp, eventTime)')
    .option('--lateness <seconds>', 'correlation rules: accept events up to this many seconds out of time order (streaming); later ones are dropped and counted', '0')
    .option('--all-matches', 'also print the matches of rules referenced by correlations with generate: false')
    .addOption(new Option('--shard-by <what>', 'what --shard splits: events (by record index, default) or rules (by a hash of the rule file path)').choices(['events', 'rules']))
    .addHelpText(
      'after',
      '\njsonl records: {"rule_id", "rule_title", "rule_path", "level", "source", "event_index"} (event_index is 0-based and\n' +
        'counts every record of the file, malformed ones included). A summary goes to stderr.\n' +
        'Correlation rules: each alert is one more jsonl line {"correlation_id", "rule_title", "group", "time", "events":\n' +
        '[[source, event_index], ...]}; events must come in time order (or within --lateness). Rules a correlation\n' +
        'references with generate: false (the default) print no match lines of their own (--all-matches prints them).\n' +
        'Shards: the outputs of --shard 1/n … n/n together hold every match of the unsharded scan (event_index stays the\n' +
        'index in the whole file); each shard reports only its own malformed records.\n' +
        'Exit codes: 0 ok, 1 an events file could not be read (or --strict and a rule failed), 2 usage or input error.',
    )
    .action(async (options: ScanOptions) => {
      process.exitCode = await runScan(options);
    });
}
