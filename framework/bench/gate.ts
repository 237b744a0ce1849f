/**
 * The --baseline gate: compares machine-independent ratios only (never absolute times) between this run and a
 * previous bench.json, and flags each one worse by more than `maxRegression` percent.
 * - Workload ratios (RATIO_DIRECTIONS): 'higher' ratios regress when they fall, 'lower' ones when they rise;
 *   worsePct = (baseline - current) / baseline * 100 for 'higher', (current - baseline) / baseline * 100 for
 *   'lower'. A ratio missing on either side (e.g. no W1) is skipped, never failed.
 * - Top rules: every rule in the top list of this run or of the baseline whose cost relative to the median rule
 *   (RuleCost.relative, or ruleCosts.relative in full) is known on both sides; 'lower' is better.
 * readBaseline returns an error message for a file that is not a bench.json (a usage error for the CLI).
 */
import { readFile } from 'node:fs/promises';
import type { BenchReport } from './types.js';

export type Direction = 'higher' | 'lower';

export const RATIO_DIRECTIONS: Readonly<Record<string, Direction>> = Object.freeze({
  'w1.perParse': 'higher',
  'w1.perReference': 'higher',
  'w2.perParse': 'higher',
  'w2.perReference': 'higher',
  'w3.perReference': 'higher',
  'w3.timeOverParse': 'lower',
});

export interface GateCheck {
  readonly name: string;
  readonly direction: Direction;
  readonly baseline: number;
  readonly current: number;
  /** Positive = worse, negative = better, in percent of the baseline. */
  readonly worsePct: number;
  readonly regressed: boolean;
}

export interface GateResult {
  readonly maxRegression: number;
  readonly checks: readonly GateCheck[];
  readonly regressions: readonly GateCheck[];
}

/** The parts of a bench.json the gate reads. */
export interface GateInput {
  readonly ratios: Readonly<Record<string, number>>;
  readonly ruleCosts: { readonly top: readonly { readonly id: string; readonly relative: number }[]; readonly relative?: Readonly<Record<string, number>> };
}

function check(name: string, direction: Direction, baseline: number, current: number, maxRegression: number): GateCheck | undefined {
  if (!Number.isFinite(baseline) || !Number.isFinite(current) || baseline <= 0) return undefined;
  const worsePct = direction === 'higher' ? ((baseline - current) / baseline) * 100 : ((current - baseline) / baseline) * 100;
  return { name, direction, baseline, current, worsePct: Number(worsePct.toFixed(2)), regressed: worsePct > maxRegression };
}

function relativeCosts(input: GateInput): Map<string, number> {
  const costs = new Map<string, number>(Object.entries(input.ruleCosts.relative ?? {}));
  for (const r of input.ruleCosts.top) costs.set(r.id, r.relative);
  return costs;
}

export function gateBench(current: GateInput, baseline: GateInput, maxRegression: number): GateResult {
  const checks: GateCheck[] = [];
  for (const [name, direction] of Object.entries(RATIO_DIRECTIONS)) {
    const c = check(name, direction, baseline.ratios[name] ?? NaN, current.ratios[name] ?? NaN, maxRegression);
    if (c) checks.push(c);
  }
  const now = relativeCosts(current);
  const before = relativeCosts(baseline);
  const ids = [...new Set([...current.ruleCosts.top.map((r) => r.id), ...baseline.ruleCosts.top.map((r) => r.id)])].sort();
  for (const id of ids) {
    const c = check(`rule:${id}`, 'lower', before.get(id) ?? NaN, now.get(id) ?? NaN, maxRegression);
    if (c) checks.push(c);
  }
  return { maxRegression, checks, regressions: checks.filter((c) => c.regressed) };
}

function isGateInput(value: unknown): value is GateInput {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<BenchReport>;
  return typeof v.ratios === 'object' && v.ratios !== null && typeof v.ruleCosts === 'object' && v.ruleCosts !== null && Array.isArray(v.ruleCosts.top);
}

export async function readBaseline(file: string): Promise<GateInput | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return `cannot read baseline ${file}: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isGateInput(parsed) ? parsed : `${file} is not a bench.json (no ratios / ruleCosts)`;
  } catch (error) {
    return `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}
