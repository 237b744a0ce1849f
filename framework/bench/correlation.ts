/**
 * The correlation workload of `sigmatest bench`: correlation/workload.ts (N events through an event_count rule
 * grouped by a field with K distinct values) run in a child process, so its peak resident memory is the
 * correlation engine's alone and not that of the rule set and events the bench holds. Falls back to running in
 * this process (`isolated: false` in the figures) when the compiled workload module is not on disk (tests run
 * from TypeScript sources).
 */
import { pathToFileURL } from 'node:url';
import { correlationThroughput, type ThroughputResult } from '../correlation/index.js';
import { compiledModule, runNodeJson } from './child-process.js';

export interface CorrelationFigures extends ThroughputResult {
  readonly groups: number;
  readonly timespanSeconds: number;
  /** Measured in a child process (peak RSS is the workload's own). */
  readonly isolated: boolean;
}

export interface CorrelationBenchOptions {
  readonly events: number;
  readonly groups: number;
  readonly timespanSeconds?: number;
}

const CHILD_SCRIPT = [
  'const [url, json] = process.argv.slice(1);',
  'const m = await import(url);',
  'process.stdout.write(JSON.stringify(m.correlationThroughput(JSON.parse(json))));',
].join('\n');

export async function measureCorrelation(options: CorrelationBenchOptions): Promise<CorrelationFigures> {
  const modulePath = compiledModule('../correlation/workload.js', import.meta.url);
  const timespanSeconds = options.timespanSeconds ?? 3600;
  const shown = { groups: options.groups, timespanSeconds };
  if (modulePath !== null) {
    const args = ['--input-type=module', '-e', CHILD_SCRIPT, pathToFileURL(modulePath).href, JSON.stringify({ ...options, timespanSeconds })];
    const result = await runNodeJson<ThroughputResult>(args, 'correlation workload');
    if ('error' in result) throw new Error(result.error);
    return { ...result, ...shown, isolated: true };
  }
  return { ...correlationThroughput({ ...options, timespanSeconds }), ...shown, isolated: false };
}
