/**
 * `sigmatest baseline --rules PATHS --events PATHS --out FILE`: record which events each rule matches
 * (framework/baseline) and write the baseline file atomically (temp file + rename). A summary goes to stderr.
 * Exit 0 written; 2 usage or input errors (unreadable rules path, events file or settings file, the output
 * cannot be written): nothing is written then. Also exports the helpers `regress` shares.
 */
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { recordBaseline, type RecordProgress, type RecordResult, type RecordSettings } from '../../baseline/record.js';
import { serializeBaseline, type Baseline } from '../../baseline/types.js';
import type { Diagnostic } from '../../diagnostics.js';
import { colorsFor, EXIT, renderDiagnostic, type Colors } from '../output.js';
import { ProgressLine } from '../progress.js';
import { readSharedSettings, rulesetOptions } from '../../ruleset/settings.js';

export interface BaselineOptions {
  rules: string[];
  events: string[];
  out: string;
  logsourceMap?: string;
  placeholders?: string;
}

function printDiagnostics(err: Colors, diagnostics: readonly Diagnostic[], progress?: ProgressLine): void {
  progress?.clear();
  for (const d of diagnostics) if (d.severity === 'error') process.stderr.write(renderDiagnostic(err, d) + '\n');
}

/** --logsource-map / --placeholders → RecordSettings, or null after printing the problems (exit 2). */
export async function loadRecordSettings(err: Colors, values: { logsourceMap?: string; placeholders?: string }): Promise<RecordSettings | null> {
  const shared = await readSharedSettings(values);
  printDiagnostics(err, shared.diagnostics);
  if (shared.diagnostics.some((d) => d.severity === 'error')) return null;
  return {
    ...rulesetOptions(shared),
    ...(values.logsourceMap !== undefined ? { logsourceMapPath: values.logsourceMap } : {}),
    ...(values.placeholders !== undefined ? { placeholdersPath: values.placeholders } : {}),
  };
}

/** Progress on a terminal: events, matches, events/s. */
export function progressReporter(progress: ProgressLine): (p: RecordProgress) => void {
  return (p) => progress.update(() => `${p.events} events, ${p.matches} matches, ${p.seconds > 0 ? Math.round(p.events / p.seconds) : 0} events/s`);
}

/** The record's rule/event problems printed; true when the run cannot be used (input error). */
export function recordFailed(err: Colors, result: RecordResult, progress: ProgressLine): boolean {
  printDiagnostics(err, result.diagnostics, progress);
  return result.baseline === null || result.stats.unreadable > 0;
}

/** Write `text` to `file` through a temp file in the same folder and a rename; an error message or null. */
export async function writeFileAtomic(file: string, text: string): Promise<string | null> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
    return null;
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    return `${file}: cannot write the baseline file (${e instanceof Error ? e.message : String(e)})`;
  }
}

export function countMatches(baseline: Baseline): { matches: number; matchingRules: number } {
  const rules = Object.values(baseline.matches);
  return { matches: rules.reduce((n, r) => n + r.events.length, 0), matchingRules: rules.filter((r) => r.events.length > 0).length };
}

export function runSummary(result: RecordResult): string {
  const s = result.stats;
  const { matches, matchingRules } = result.baseline ? countMatches(result.baseline) : { matches: 0, matchingRules: 0 };
  return (
    `${s.rules} rules (${s.failedRules} failed to load), ${s.events} events (${s.malformed} malformed skipped), ` +
    `${matches} matches by ${matchingRules} rules, ${s.seconds.toFixed(1)} s`
  );
}

export async function runBaseline(options: BaselineOptions): Promise<number> {
  const err = colorsFor(process.stderr);
  const settings = await loadRecordSettings(err, options);
  if (!settings) return EXIT.usage;
  const progress = new ProgressLine();
  const result = await recordBaseline({ rules: options.rules, events: options.events, settings, onProgress: progressReporter(progress) });
  progress.clear();
  if (recordFailed(err, result, progress) || !result.baseline) {
    process.stderr.write(err.red(`baseline: not written (${result.baseline ? 'an events file could not be read' : 'the rules could not be read'})`) + '\n');
    return EXIT.usage;
  }
  const problem = await writeFileAtomic(options.out, serializeBaseline(result.baseline));
  if (problem) {
    process.stderr.write(err.red(problem) + '\n');
    return EXIT.usage;
  }
  process.stderr.write(`baseline: ${runSummary(result)} → ${options.out}\n`);
  return EXIT.ok;
}

export function baselineCommand(): Command {
  return new Command('baseline')
    .description('Record which events each rule matches in a corpus, for `sigmatest regress`.')
    .requiredOption('--rules <paths...>', 'rule files or folders (recursive)')
    .requiredOption('--events <paths...>', 'event files: .json, .jsonl/.ndjson, optionally .gz')
    .requiredOption('--out <file>', 'baseline file to write (JSON)')
    .option('--logsource-map <file>', 'log-source mapping file replacing the default')
    .option('--placeholders <file>', 'YAML map of placeholder values for the expand modifier')
    .addHelpText(
      'after',
      '\nThe baseline lists, per rule id, the events it matches as {source, index, hash} (hash: 12 hex digits of the\n' +
        'sha256 of the event with its keys sorted), plus the paths given, so `regress` can re-run the same thing.\n' +
        'The file is deterministic (sorted keys, no timestamps); a summary goes to stderr.\n\n' +
        'Example:\n' +
        '  sigmatest baseline --rules ../shared/sigma/rules --events ../shared/corpora/windows-attack-samples.jsonl.gz --out baseline.json\n\n' +
        'Exit codes: 0 written, 2 usage or input error (unreadable rules, events or settings file; nothing written).',
    )
    .action(async (options: BaselineOptions) => {
      process.exitCode = await runBaseline(options);
    });
}
