/**
 * `sigmatest merge-reports <dirs or report files...> --out DIR`: the reports of the shards of one `run` (and/or
 * one `fuzz`) → the report of the whole run, written with the same writers as `run` (results.json, junit.xml,
 * results.sarif, summary.md) and fuzz.json, and printed as `run`/`fuzz` print theirs. Refuses, with exit 2 and
 * the reason, reports that are not shards, shards of different rule sets, settings or shard counts, overlapping
 * or missing shards. Exit 0 when the merged run passed; 1 when it has failures, errors or error problems (or the
 * merged fuzz report has failures or disagreements), as `run` and `fuzz` would have exited unsharded.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { fuzzFailed } from '../../../generators/fuzz/run-fuzz.js';
import type { FuzzReport } from '../../../generators/fuzz/types.js';
import { mergeFuzzReports } from '../../parallel/merge-fuzz.js';
import { mergeRunReports } from '../../parallel/merge-run.js';
import { readReports } from '../../parallel/read-reports.js';
import { orderShards } from '../../parallel/shard-set.js';
import { canonicalJson } from '../../report/json.js';
import type { RunReport } from '../../report/model.js';
import { writeFileAtomic, writeReports } from '../../report/write.js';
import { colorsFor, EXIT } from '../output.js';
import { printFuzzReport } from './fuzz.js';
import { printRunReport } from './run-output.js';

interface MergeOptions {
  out: string;
  format: 'text' | 'json';
}

export function mergeReportsCommand(): Command {
  return new Command('merge-reports')
    .description('Merge the reports of `run --shard i/n` (and `fuzz --shard i/n`) into the report of the whole run.')
    .argument('<inputs...>', 'report folders (with results.json and/or fuzz.json) or report files')
    .requiredOption('--out <dir>', 'where the merged results.json, junit.xml, results.sarif, summary.md (and fuzz.json) go')
    .addOption(new Option('--format <format>', 'stdout format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nEvery shard of one run must be given exactly once; shards of different rule sets, settings or versions are refused.\n' +
        'Exit codes: 0 the merged run passed, 1 it has failures (as `run` would exit), 2 input errors (nothing written).\n' +
        'Example:\n  sigmatest run --shard 1/2 --reports r1 && sigmatest run --shard 2/2 --reports r2\n  sigmatest merge-reports r1 r2 --out reports',
    )
    .action(async (inputs: string[], options: MergeOptions) => {
      process.exitCode = await runMergeReports(inputs, options);
    });
}

function inputErrors(errors: readonly string[]): number {
  for (const e of errors) process.stderr.write(`sigmatest merge-reports: ${e}\n`);
  return EXIT.usage;
}

export async function runMergeReports(inputs: readonly string[], options: MergeOptions): Promise<number> {
  const read = await readReports(inputs);
  if (read.errors.length > 0) return inputErrors(read.errors);
  const run = read.run.length > 0 ? orderShards('run', read.run) : undefined;
  const fuzz = read.fuzz.length > 0 ? orderShards('fuzz', read.fuzz) : undefined;
  const errors = [...(run && 'errors' in run ? run.errors : []), ...(fuzz && 'errors' in fuzz ? fuzz.errors : [])];
  if (errors.length > 0) return inputErrors(errors);
  const merged: { results?: RunReport; fuzz?: FuzzReport } = {};
  if (run && 'ordered' in run) merged.results = mergeRunReports(run.ordered.map((r) => r.report));
  if (fuzz && 'ordered' in fuzz) merged.fuzz = mergeFuzzReports(fuzz.ordered.map((r) => r.report));
  const written = merged.results ? await writeReports(merged.results, options.out, { env: process.env }) : { written: [] };
  if (merged.fuzz) {
    await mkdir(options.out, { recursive: true });
    await writeFileAtomic(path.join(options.out, 'fuzz.json'), canonicalJson(merged.fuzz));
  }
  if (options.format === 'json') process.stdout.write(JSON.stringify(merged) + '\n');
  else {
    const c = colorsFor(process.stdout);
    process.stdout.write(`merged ${run && 'ordered' in run ? `${run.ordered.length} run shard(s)` : ''}${run && fuzz ? ' and ' : ''}${fuzz && 'ordered' in fuzz ? `${fuzz.ordered.length} fuzz shard(s)` : ''} into ${options.out}\n`);
    if (merged.results) printRunReport(merged.results, written.written, c);
    if (merged.fuzz) printFuzzReport(merged.fuzz, c);
  }
  for (const line of written.annotations ?? []) process.stdout.write(line + '\n');
  const failed = (merged.results?.exitCode ?? 0) > 0 || (merged.fuzz ? fuzzFailed(merged.fuzz) : false);
  return failed ? EXIT.failures : EXIT.ok;
}
