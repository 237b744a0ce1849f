/**
 * `bench --workers N`, W3 on worker threads, measured in a child process. Why: the parse-only pass it is compared
 * with runs on the main thread, and after the bench's other workloads (a million W1 events, the W2 events) that
 * thread's heap is large, which slows its parsing (garbage collection) while the workers' heaps are fresh — the
 * ratio would flatter W3 (1.66–1.73× measured that way against 1.86–2.0× in a fresh process). A child process
 * gives both passes the heap they would have on their own. In: rule paths and settings files as given to bench, the
 * .jsonl.gz files (read one after the other), workers, runs. Out: the figures of bench-w3.ts, `isolated` saying whether a child measured them
 * (false when the compiled module is not on disk — tests run from TypeScript sources — and this process did).
 */
import { compiledModule, runNodeJson, startedAsScript } from '../bench/child-process.js';
import { buildRuleset } from '../ruleset/build-ruleset.js';
import { readSharedSettings, rulesetOptions } from '../ruleset/settings.js';
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
  const ruleset = await buildRuleset(setup.rules, { ...rulesetOptions(shared), unresolvedPlaceholder: 'error' });
  const rules = scanRuleOrder(ruleset.rules).map((r) => ({ id: r.ir.id, title: r.ir.title, path: r.ir.path, ...(r.ir.level ? { level: r.ir.level } : {}) }));
  return benchW3Parallel({ setup, rules, files: request.files, workers: request.workers, runs: request.runs });
}

/**
 * The child: this module run as a script (`node bench-w3-isolated.js REQUEST_JSON`) prints the figures as JSON. A
 * file, not `node -e`: the worker threads it starts inherit its node options, and `--input-type` (needed by -e
 * with ESM) is refused for the worker files.
 */
export async function measureParallelW3(request: ParallelW3Request): Promise<IsolatedW3Result> {
  const modulePath = compiledModule('./bench-w3-isolated.js', import.meta.url);
  const result = modulePath !== null ? await runNodeJson<ParallelW3Figures>([modulePath, JSON.stringify(request)], 'W3 on workers') : await parallelW3(request);
  return 'error' in result ? result : { ...result, isolated: modulePath !== null };
}

if (startedAsScript(import.meta.url)) {
  const figures = await parallelW3(JSON.parse(process.argv[2] ?? '{}') as ParallelW3Request);
  process.stdout.write(JSON.stringify(figures));
}
