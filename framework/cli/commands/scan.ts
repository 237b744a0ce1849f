/**
 * `sigmatest scan --rules PATHS --events PATHS`: every rule on every event, one output record per match.
 * jsonl (default off a terminal): {rule_id, rule_title, rule_path, level, source, event_index} per match, where
 * event_index counts every record of the file, malformed ones included. A summary goes to stderr.
 * Exit 0; 1 when an events file could not be read or (--strict) a rule failed to load; 2 on usage errors.
 */
import { compileRuleset, type RulesetMatcher } from '../../engine/ruleset-matcher.js';
import { Command, Option } from 'commander';
import type { Diagnostic } from '../../diagnostics.js';
import { readEvents } from '../../events/index.js';
import { buildRuleset, type PreparedRule } from '../../ruleset/build-ruleset.js';
import { colorsFor, EXIT, renderDiagnostic, type Colors } from '../output.js';
import { ProgressLine } from '../progress.js';
import { readSharedSettings } from '../../ruleset/settings.js';

interface ScanOptions {
  rules: string[];
  events: string[];
  format?: 'jsonl' | 'table';
  logsourceMap?: string;
  placeholders?: string;
  gating: boolean;
  strict?: boolean;
}

interface ScanStats {
  events: number;
  malformed: number;
  matches: number;
  unreadable: number;
}

type MatchWriter = (rule: PreparedRule, source: string, index: number) => void;

function jsonlWriter(): MatchWriter {
  return (rule, source, index) => {
    const record = { rule_id: rule.ir.id, rule_title: rule.ir.title, rule_path: rule.ir.path, level: rule.ir.level ?? null, source, event_index: index };
    process.stdout.write(JSON.stringify(record) + '\n');
  };
}

function tableWriter(c: Colors): MatchWriter {
  process.stdout.write(c.bold(`${'EVENT'.padEnd(40)} ${'LEVEL'.padEnd(13)} RULE\n`));
  return (rule, source, index) => {
    const where = `${source}#${index}`.padEnd(40);
    process.stdout.write(`${where} ${(rule.ir.level ?? '-').padEnd(13)} ${rule.ir.title} ${c.dim(rule.ir.id)}\n`);
  };
}

function reportDiagnostic(err: Colors, d: Diagnostic, progress: ProgressLine): void {
  progress.clear();
  process.stderr.write(renderDiagnostic(err, d) + '\n');
}

async function scanFile(file: string, rules: readonly PreparedRule[], matcher: RulesetMatcher, write: MatchWriter, stats: ScanStats, ui: { err: Colors; progress: ProgressLine; started: number }): Promise<void> {
  for await (const record of readEvents(file)) {
    if (record.kind === 'error') {
      if (record.diagnostic.code === 'IO_ERROR') stats.unreadable++;
      else stats.malformed++;
      reportDiagnostic(ui.err, record.diagnostic, ui.progress);
      continue;
    }
    stats.events++;
    for (const index of matcher.match(record.event)) {
      stats.matches++;
      write(rules[index]!, file, record.index);
    }
    ui.progress.update(() => `${stats.events} events, ${stats.matches} matches, ${rate(stats.events, ui.started)} events/s`);
  }
}

function rate(events: number, started: number): number {
  const seconds = (performance.now() - started) / 1000;
  return seconds > 0 ? Math.round(events / seconds) : 0;
}

export async function runScan(options: ScanOptions): Promise<number> {
  const err = colorsFor(process.stderr);
  const settings = await readSharedSettings(options);
  settings.diagnostics.forEach((d) => process.stderr.write(renderDiagnostic(err, d) + '\n'));
  if (settings.diagnostics.some((d) => d.severity === 'error')) return EXIT.usage;
  const ruleset = await buildRuleset(options.rules, {
    logsourceMap: settings.logsourceMap,
    ...(settings.placeholders ? { placeholders: settings.placeholders } : {}),
    unresolvedPlaceholder: 'error',
  });
  ruleset.diagnostics.filter((d) => d.severity !== 'warning').forEach((d) => process.stderr.write(renderDiagnostic(err, d) + '\n'));
  if (ruleset.diagnostics.some((d) => d.code === 'IO_ERROR' || d.code === 'NO_RULE_FILES')) return EXIT.usage;
  const rules = [...ruleset.rules].sort((a, b) => (a.ir.path < b.ir.path ? -1 : a.ir.path > b.ir.path ? 1 : 0));
  const format = options.format ?? (process.stdout.isTTY ? 'table' : 'jsonl');
  const write = format === 'jsonl' ? jsonlWriter() : tableWriter(colorsFor(process.stdout));
  const stats: ScanStats = { events: 0, malformed: 0, matches: 0, unreadable: 0 };
  const ui = { err, progress: new ProgressLine(), started: performance.now() };
  // One whole-ruleset matcher (log-source routing + literal prefilter); decides exactly like every rule's test.
  // plainEvents: readEvents yields JSON data only (own enumerable keys), so the faster key listing is exact.
  const matcher = compileRuleset(rules.map((r) => r.ir), { compiled: rules.map((r) => r.compiled), plainEvents: true });
  for (const file of options.events) await scanFile(file, rules, matcher, write, stats, ui);
  ui.progress.clear();
  const seconds = (performance.now() - ui.started) / 1000;
  process.stderr.write(
    `scan: ${stats.events} events read (${stats.malformed} malformed skipped), ${rules.length} rules loaded, ` +
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
    .addHelpText(
      'after',
      '\njsonl records: {"rule_id", "rule_title", "rule_path", "level", "source", "event_index"} (event_index is 0-based and\n' +
        'counts every record of the file, malformed ones included). A summary goes to stderr.\n' +
        'Exit codes: 0 ok, 1 an events file could not be read (or --strict and a rule failed), 2 usage or input error.',
    )
    .action(async (options: ScanOptions) => {
      process.exitCode = await runScan(options);
    });
}
