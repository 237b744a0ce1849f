/**
 * Generated evidence, kept apart: a `sigmatest fuzz` report (reports/fuzz.json, generators/fuzz/types.ts) read
 * and indexed by rule (path, else id) and item label (`selection: Field|mods #0.1`). Its per-item near-miss and
 * independence-pair findings are shown beside the hand-written figures and never counted in them.
 * A file that is not a fuzz report is an error message, never a partial result.
 */
import { readFile } from 'node:fs/promises';
import type { FuzzReport, RuleFuzzResult } from '../../generators/fuzz/types.js';
import type { FuzzFigures, FuzzItem } from './model.js';

export interface FuzzIndex {
  readonly file: string;
  readonly seed: number;
  readonly runs: number;
  readonly rules: number;
  readonly byPath: ReadonlyMap<string, RuleFuzzResult>;
  readonly byId: ReadonlyMap<string, RuleFuzzResult>;
}

function isFuzzReport(value: unknown): value is FuzzReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<FuzzReport>;
  return (
    Array.isArray(v.rules) &&
    typeof v.seed === 'number' &&
    v.rules.every((r) => typeof r === 'object' && r !== null && typeof r.path === 'string' && Array.isArray(r.items))
  );
}

const normalise = (p: string): string => p.split('\\').join('/').replace(/^\.\//, '');

export async function readFuzzReport(file: string): Promise<FuzzIndex | { error: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { error: `cannot read fuzz report ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isFuzzReport(parsed)) return { error: `${file} is not a sigmatest fuzz report (reports/fuzz.json)` };
  return indexFuzzReport(parsed, file);
}

export function indexFuzzReport(report: FuzzReport, file: string): FuzzIndex {
  return {
    file,
    seed: report.seed,
    runs: report.runs,
    rules: report.rules.length,
    byPath: new Map(report.rules.map((r) => [normalise(r.path), r])),
    byId: new Map(report.rules.map((r) => [r.id, r])),
  };
}

export function fuzzOfRule(index: FuzzIndex | undefined, path: string, id: string): RuleFuzzResult | undefined {
  return index?.byPath.get(normalise(path)) ?? index?.byId.get(id);
}

/** The findings of one rule by item label. */
export function fuzzItems(result: RuleFuzzResult | undefined): Map<string, FuzzItem> {
  const items = new Map<string, FuzzItem>();
  for (const f of result?.items ?? []) {
    items.set(f.item, { nearMiss: f.nearMiss, independencePair: f.independencePair, ...(f.reason !== undefined ? { reason: f.reason } : {}) });
  }
  return items;
}

export function fuzzFigures(items: readonly (FuzzItem | undefined)[]): FuzzFigures {
  const found = items.filter((i): i is FuzzItem => i !== undefined);
  return { items: found.length, nearMiss: found.filter((i) => i.nearMiss).length, independencePair: found.filter((i) => i.independencePair).length };
}
