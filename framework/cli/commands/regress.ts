/**
 * `sigmatest regress --baseline FILE`: re-run the rules of a baseline on its events and report, per rule, the
 * events newly matched and no longer matched (with the values of the fields the rule reads), events whose
 * content changed, rules added to or removed from the set and events files that changed.
 * --rules / --events / --logsource-map / --placeholders default to what the baseline recorded. Only the events
 * that differ are kept in memory. Text goes to stdout (one block per rule), `--format json` prints exactly one
 * object; a summary goes to stderr. Exit 0 no difference, 1 differences (0 with --update, which rewrites the
 * baseline), 2 usage or input errors (missing or corrupt baseline, unreadable rules/events/settings).
 */
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { compareBaselines, differingEventFilter, type Comparison, type EventSnapshot, type FieldValues } from '../../baseline/compare.js';
import { recordBaseline, type ObservedEvent } from '../../baseline/record.js';
import { eventKey, parseBaseline, serializeBaseline, type Baseline } from '../../baseline/types.js';
import { colorsFor, EXIT, type Colors } from '../output.js';
import { ProgressLine } from '../progress.js';
import { loadRecordSettings, progressReporter, recordFailed, runSummary, writeFileAtomic } from './baseline.js';

export interface RegressOptions {
  baseline: string;
  rules?: string[];
  events?: string[];
  update?: boolean;
  format?: 'text' | 'json';
  logsourceMap?: string;
  placeholders?: string;
}

const MAX_TEXT_VALUE = 80;

async function readBaselineFile(file: string): Promise<{ baseline: Baseline } | { message: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { message: `${file}: cannot read the baseline file (${code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)})` };
  }
  const parsed = parseBaseline(text, file);
  return parsed.ok ? { baseline: parsed.baseline } : { message: parsed.message };
}

function showValue(value: unknown): string {
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/\r?\n/g, '⏎');
  return text.length > MAX_TEXT_VALUE ? `${text.slice(0, MAX_TEXT_VALUE)}…` : text;
}

function showFields(fields: FieldValues): string {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${showValue(v)}`);
  return parts.length > 0 ? parts.join(', ') : '(no field of the rule in this event)';
}

function ruleHeader(c: Colors, r: Comparison['rules'][number]): string {
  const counts = [`+${r.added.length} newly matched`, `-${r.removed.length} no longer matched`];
  if (r.changedHash.length > 0) counts.push(`${r.changedHash.length} events changed`);
  return `${c.bold(r.path)} ${c.dim(`(${r.id})`)}: ${counts.join(', ')}`;
}

function ruleLines(c: Colors, r: Comparison['rules'][number]): string[] {
  const lines = [ruleHeader(c, r)];
  for (const e of r.added) lines.push(`  ${c.green('+')} ${e.source}#${e.index}  ${showFields(e.fields)}`);
  for (const e of r.removed) lines.push(`  ${c.red('-')} ${e.source}#${e.index}  ${showFields(e.fields)}`);
  for (const e of r.changedHash) {
    const what = e.newHash === null ? 'event no longer in the file' : `event changed (${e.oldHash} → ${e.newHash}), ${e.status}`;
    lines.push(`  ${c.yellow('~')} ${e.source}#${e.index}  ${what}  ${showFields(e.fields)}`);
  }
  return lines;
}

function textReport(c: Colors, cmp: Comparison): string {
  const lines = cmp.rules.flatMap((r) => ruleLines(c, r));
  for (const r of cmp.rulesAdded) lines.push(`${c.green('rule added')}: ${c.bold(r.path)} ${c.dim(`(${r.id})`)}: ${r.matches} matches`);
  for (const r of cmp.rulesRemoved) lines.push(`${c.red('rule removed')}: ${c.bold(r.path)} ${c.dim(`(${r.id})`)}: had ${r.matches} matches`);
  for (const s of cmp.sources) {
    const counts = s.oldCount === null ? 'not in the baseline' : s.newCount === null ? 'not read by this run' : `${s.oldCount} events in the baseline, ${s.newCount} now`;
    const content = s.digestChanged && s.oldCount !== null && s.newCount !== null ? ', content changed' : '';
    lines.push(`${c.yellow('events file')}: ${s.source}: ${counts}${content}`);
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

function summary(cmp: Comparison): string {
  const added = cmp.rules.reduce((n, r) => n + r.added.length, 0);
  const removed = cmp.rules.reduce((n, r) => n + r.removed.length, 0);
  const changed = cmp.rules.reduce((n, r) => n + r.changedHash.length, 0);
  return (
    `${cmp.compared} rules compared, ${cmp.rules.length} with different decisions (+${added} -${removed}, ${changed} on changed events), ` +
    `${cmp.rulesAdded.length} rules added, ${cmp.rulesRemoved.length} removed, ${cmp.sources.length} events files changed`
  );
}

/** What to re-run: the options given, else what the baseline recorded. */
function runInputs(options: RegressOptions, old: Baseline): Required<Pick<RegressOptions, 'rules' | 'events'>> & { logsourceMap?: string; placeholders?: string } {
  const logsourceMap = options.logsourceMap ?? old.logsourceMap;
  const placeholders = options.placeholders ?? old.placeholders;
  return {
    rules: options.rules ?? [...old.rules],
    events: options.events ?? [...old.events],
    ...(logsourceMap !== undefined ? { logsourceMap } : {}),
    ...(placeholders !== undefined ? { placeholders } : {}),
  };
}

function keeper(old: Baseline, kept: Map<string, EventSnapshot>): (keys: readonly string[]) => (e: ObservedEvent) => void {
  return (keys) => {
    const differs = differingEventFilter(old, keys);
    return (e) => {
      if (differs(e)) kept.set(eventKey(e.source, e.index), { hash: e.hash, event: e.event });
    };
  };
}

export async function runRegress(options: RegressOptions): Promise<number> {
  const err = colorsFor(process.stderr);
  const loaded = await readBaselineFile(options.baseline);
  if ('message' in loaded) {
    process.stderr.write(err.red(`regress: ${loaded.message}`) + '\n');
    return EXIT.usage;
  }
  const old = loaded.baseline;
  const inputs = runInputs(options, old);
  const settings = await loadRecordSettings(err, inputs);
  if (!settings) return EXIT.usage;
  const progress = new ProgressLine();
  const kept = new Map<string, EventSnapshot>();
  const result = await recordBaseline({ rules: inputs.rules, events: inputs.events, settings, onProgress: progressReporter(progress), observer: keeper(old, kept) });
  progress.clear();
  if (recordFailed(err, result, progress) || !result.baseline) {
    process.stderr.write(err.red(`regress: ${result.baseline ? 'an events file could not be read' : 'the rules could not be read'}`) + '\n');
    return EXIT.usage;
  }
  const cmp = compareBaselines(old, result.baseline, (source, index) => kept.get(eventKey(source, index)));
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify({ baseline: options.baseline, updated: Boolean(options.update), ...cmp }) + '\n');
  } else {
    process.stdout.write(textReport(colorsFor(process.stdout), cmp));
  }
  process.stderr.write(`regress: ${runSummary(result)}\nregress: ${summary(cmp)}\n`);
  if (!options.update) return cmp.differences ? EXIT.failures : EXIT.ok;
  const problem = await writeFileAtomic(options.baseline, serializeBaseline(result.baseline));
  process.stderr.write(problem ? err.red(problem) + '\n' : `regress: baseline ${options.baseline} updated\n`);
  return problem ? EXIT.usage : EXIT.ok;
}

export function regressCommand(): Command {
  return new Command('regress')
    .description("Re-run a baseline's rules on its events and report which events each rule newly matches or no longer matches.")
    .requiredOption('--baseline <file>', 'baseline file written by `sigmatest baseline`')
    .option('--rules <paths...>', 'rule files or folders (default: the paths stored in the baseline)')
    .option('--events <paths...>', 'event files (default: the paths stored in the baseline)')
    .option('--update', 'rewrite the baseline with the results of this run (exit 0)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--logsource-map <file>', 'log-source mapping file (default: the one stored in the baseline, else the built-in map)')
    .option('--placeholders <file>', 'YAML map of placeholder values (default: the one stored in the baseline)')
    .addHelpText(
      'after',
      '\nRules are paired by id, events by (events file as given, record index). Text output, per rule with differences:\n' +
        '  rule-path (id): +N newly matched, -M no longer matched\n' +
        '    + events-file#index  Field=value, Field=value      (the values of the fields the rule reads)\n' +
        'An event whose content (hash) changed since the baseline is shown with ~ as an event change, not a rule change.\n' +
        '--format json prints one object: {baseline, updated, rules, rulesAdded, rulesRemoved, sources, compared, differences}.\n\n' +
        'Example (after editing a rule in a copy of the rules folder):\n' +
        '  sigmatest baseline --rules rules --events corpus.jsonl.gz --out baseline.json\n' +
        '  sigmatest regress --baseline baseline.json --rules rules-edited\n\n' +
        'Exit codes: 0 no difference (or --update), 1 differences, 2 usage or input error (missing or corrupt baseline file,\n' +
        'unreadable rules, events or settings file).',
    )
    .action(async (options: RegressOptions) => {
      process.exitCode = await runRegress(options);
    });
}
