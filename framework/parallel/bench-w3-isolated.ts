/**
 * `bench --workers N`, W3 on worker threads, measured in a child process. Why: the parse-only pass it is compared
 * with runs on the main thread, and after the bench's other workloads (a million W1 events, the W2 events) that
 * thread's heap is large, which slows its parsing (garbage collection) while the workers' heaps are fresh — the
 * ratio would flatter W3 (1.66–1.73× measured that way against 1.86–2.0× in a fresh process). A child process
 * gives both passes the heap they would have on their own. In: rule paths and settings files as given to bench, the
 * .jsonl.gz files (read one after the other), workers, runs. Out: the figures of bench-w3.ts, `isolated` saying whether a child measured them
 * (false when the compiled module is not on disk — tests run from TypeScript sources — and this process did).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { poolSizeArgs } from '../cli/v8-pool.js';
import { buildRuleset } from '../ruleset/build-ruleset.js';
import { readSharedSettings } from '../ruleset/settings.js';
import { benchW3Parallel, type ParallelW3Figures } from './bench-w3.js';
import { scanRuleOrder } from './scan-batch.js';

export interface ParallelW3Request {
  readonly rules: readonly string[];
  readonly logsourceMap?: string;
  readonly placeholders?: string;
  readonly files: readonly string[];
  readonly workers: number;
  readonly runs: number;
}

export type IsolatedW3Result = (ParallelW3Figures & { readonly isolated: boolean }) | { readonly error: string };

/** W3 through scan's worker pipeline in this process; the match records name the rules the workers index. */
export async function parallelW3(request: ParallelW3Request): Promise<ParallelW3Figures | { error: string }> {
  const setup = { rules: [...request.rules], gating: true, ...(request.logsourceMap ? { logsourceMap: request.logsourceMap } : {}), ...(request.placeholders ? { placeholders: request.placeholders } : {}) };
  const shared = await readSharedSettings(setup);
  const ruleset = await buildRuleset(setup.rules, { logsourceMap: shared.logsourceMap, ...(shared.placeholders ? { placeholders: shared.placeholders } : {}), unresolvedPlaceholder: 'error' });
  const rules = scanRuleOrder(ruleset.rules).map((r) => ({ id: r.ir.id, title: r.ir.title, path: r.ir.path, ...(r.ir.level ? { level: r.ir.level } : {}) }));
  return benchW3Parallel({ setup, rules, files: request.files, workers: request.workers, runs: request.runs });
}

/**
 * The child: this module run as a script (`node bench-w3-isolated.js REQUEST_JSON`) prints the figures as JSON. A
 * file, not `node -e`: the worker threads it starts inherit its node options, and `--input-type` (needed by -e
 * with ESM) is refused for the worker files.
 */
function runChild(modulePath: string, request: ParallelW3Request): Promise<ParallelW3Figures | { error: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...poolSizeArgs(process.execArgv), modulePath, JSON.stringify(request)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const problem = (stderr || error?.message || '').trim().split('\n').find((l) => /error/i.test(l)) ?? '';
      if (error) resolve({ error: `W3 on workers (child process) failed: ${problem}` });
      else resolve(JSON.parse(stdout) as ParallelW3Figures | { error: string });
    });
  });
}

export async function measureParallelW3(request: ParallelW3Request): Promise<IsolatedW3Result> {
  const modulePath = fileURLToPath(new URL('./bench-w3-isolated.js', import.meta.url));
  const compiled = !import.meta.url.endsWith('.ts') && existsSync(modulePath);
  const result = compiled ? await runChild(modulePath, request) : await parallelW3(request);
  return 'error' in result ? result : { ...result, isolated: compiled };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await parallelW3(JSON.parse(process.argv[2] ?? '{}') as ParallelW3Request);
  process.stdout.write(JSON.stringify(figures));
}
