/**
 * The inputs of `sigmatest merge-reports`: folders (their results.json and fuzz.json, whichever exist) or report
 * files, each read as JSON and recognised by shape — a RunReport (`cases`, `rules`, `totals`) or a fuzz report
 * (`seed`, `runs`, `rules`, `totals`). Unreadable, invalid or unrecognised inputs are error messages naming the
 * file (input errors: the command exits 2). No validation of the contents beyond the shape.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FuzzReport } from '../../generators/fuzz/types.js';
import type { RunReport, ShardInfo } from '../report/model.js';
import type { ShardedReport } from './shard-set.js';

export interface ReadReports {
  readonly run: ShardedReport<RunReport>[];
  readonly fuzz: ShardedReport<FuzzReport>[];
  readonly errors: string[];
}

const REPORT_FILES = ['results.json', 'fuzz.json'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shardOf(value: Record<string, unknown>): ShardInfo | undefined {
  const s = value['shard'];
  if (!isObject(s)) return undefined;
  const ok = Number.isInteger(s['index']) && Number.isInteger(s['count']) && typeof s['rules'] === 'string' && typeof s['config'] === 'string';
  return ok ? (s as unknown as ShardInfo) : undefined;
}

function kindOf(value: Record<string, unknown>): 'run' | 'fuzz' | undefined {
  const has = (k: string): boolean => k in value;
  if (Array.isArray(value['cases']) && Array.isArray(value['rules']) && isObject(value['totals']) && Array.isArray(value['problems'])) return 'run';
  if (has('seed') && has('runs') && Array.isArray(value['rules']) && isObject(value['totals'])) return 'fuzz';
  return undefined;
}

async function filesOf(input: string): Promise<string[] | string> {
  let info;
  try {
    info = await stat(input);
  } catch {
    return `${input}: no such file or folder`;
  }
  if (!info.isDirectory()) return [input];
  const found: string[] = [];
  for (const name of REPORT_FILES) {
    const file = path.join(input, name);
    if (await stat(file).then((s) => s.isFile(), () => false)) found.push(file);
  }
  return found.length > 0 ? found : `${input}: holds neither results.json nor fuzz.json`;
}

export async function readReports(inputs: readonly string[]): Promise<ReadReports> {
  const out: ReadReports = { run: [], fuzz: [], errors: [] };
  for (const input of inputs) {
    const files = await filesOf(input);
    if (typeof files === 'string') {
      out.errors.push(files);
      continue;
    }
    for (const file of files) {
      let value: unknown;
      try {
        value = JSON.parse(await readFile(file, 'utf8'));
      } catch (e) {
        out.errors.push(`${file}: cannot read a JSON report: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const kind = isObject(value) ? kindOf(value) : undefined;
      if (!kind || !isObject(value)) {
        out.errors.push(`${file}: neither a run report (results.json) nor a fuzz report (fuzz.json)`);
        continue;
      }
      const shard = shardOf(value);
      const { shard: _dropped, ...report } = value;
      if (kind === 'run') out.run.push({ file, report: report as unknown as RunReport, ...(shard ? { shard } : {}) });
      else out.fuzz.push({ file, report: report as unknown as FuzzReport, ...(shard ? { shard } : {}) });
    }
  }
  return out;
}
