/**
 * The correlation workload of `sigmatest bench`: correlation/workload.ts (N events through an event_count rule
 * grouped by a field with K distinct values) run in a child process, so its peak resident memory is the
 * correlation engine's alone and not that of the rule set and events the bench holds. Falls back to running in
 * this process (`isolated: false` in the figures) when the compiled workload module is not on disk (tests run
 * from TypeScript sources).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { poolSizeArgs } from '../cli/v8-pool.js';
import { correlationThroughput, type ThroughputResult } from '../correlation/index.js';

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

function runChild(moduleUrl: string, options: CorrelationBenchOptions): Promise<ThroughputResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...poolSizeArgs(process.execArgv), '--input-type=module', '-e', CHILD_SCRIPT, moduleUrl, JSON.stringify(options)], { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as ThroughputResult);
    });
  });
}

export async function measureCorrelation(options: CorrelationBenchOptions): Promise<CorrelationFigures> {
  const moduleUrl = new URL('../correlation/workload.js', import.meta.url);
  const timespanSeconds = options.timespanSeconds ?? 3600;
  const shown = { groups: options.groups, timespanSeconds };
  if (existsSync(fileURLToPath(moduleUrl))) {
    return { ...(await runChild(moduleUrl.href, { ...options, timespanSeconds })), ...shown, isolated: true };
  }
  return { ...correlationThroughput({ ...options, timespanSeconds }), ...shown, isolated: false };
}
