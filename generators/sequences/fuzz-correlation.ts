/**
 * fuzzCorrelation: `runs` seeds per correlation (each mixed from the run's seed and the correlation id, so one
 * correlation replays alone with `deriveSequences(c, rules, inner, seed)` for the seed a finding names), each
 * generating and verifying a firing sequence and its near misses. Stops after the first seed with findings, like
 * `sigmatest fuzz`. Plain data out, ready for a `sequences` step of the fuzz report. With `collectExamples`
 * the result keeps one sequence set (the failing seed's, else the first that fired) for `--save` and `init`.
 */
import type { IrCorrelation } from '../../framework/correlation/types.js';
import type { IrRule } from '../../framework/ir/types.js';
import { deriveSequences } from './derive-sequences.js';
import { mixSeed } from './events.js';
import type { SequenceFinding, SequenceNearMissKind, SequenceSet } from './types.js';
import { verifySequences, type VerifyOptions } from './verify.js';

export interface CorrelationFuzzOptions extends VerifyOptions {
  readonly seed: number;
  readonly runs: number;
  /** Keep one sequence set in `example` (default false). */
  readonly collectExamples?: boolean;
}

/** What fuzzing one correlation counted: shared by its result and by its entry in the fuzz report. */
export interface SequenceFuzzCounts {
  readonly seed: number;
  readonly runs: number;
  /** Seeds that produced a firing sequence, and the one reason the others did not (the first seen). */
  readonly generated: number;
  readonly reason?: string;
  /** Generated near misses per kind, and near misses that never applied with the first reason why. */
  readonly nearMisses: Readonly<Partial<Record<SequenceNearMissKind, number>>>;
  readonly skipped: Readonly<Partial<Record<SequenceNearMissKind, string>>>;
  /** Sequences checked (a sequence on every engine counts once). */
  readonly checks: number;
}

export interface CorrelationFuzzResult extends SequenceFuzzCounts {
  readonly correlationId: string;
  readonly path: string;
  readonly findings: readonly SequenceFinding[];
  /** The run (0-based) whose seed produced the findings: `runs: failedRun + 1` with the same seed replays it. */
  readonly failedRun?: number;
  /** With collectExamples: the failing seed's sequences, else the first firing seed's. */
  readonly example?: SequenceSet;
}

/** The seed of run `run` for a correlation. */
export function correlationSeed(seed: number, correlationId: string, run: number): number {
  return mixSeed(seed, `${correlationId}#run${run}`);
}

export function fuzzCorrelation(
  correlation: IrCorrelation,
  rulesById: ReadonlyMap<string, IrRule>,
  innerById: ReadonlyMap<string, IrCorrelation>,
  options: CorrelationFuzzOptions,
): CorrelationFuzzResult {
  const nearMisses: Partial<Record<SequenceNearMissKind, number>> = {};
  const skipped: Partial<Record<SequenceNearMissKind, string>> = {};
  let generated = 0;
  let checks = 0;
  let reason: string | undefined;
  let findings: SequenceFinding[] = [];
  let failedRun: number | undefined;
  let example: SequenceSet | undefined;
  for (let run = 0; run < options.runs && findings.length === 0; run++) {
    const set = deriveSequences(correlation, rulesById, innerById, correlationSeed(options.seed, correlation.id, run));
    if (!set.fires) {
      reason ??= set.reason;
      continue;
    }
    generated++;
    for (const n of set.nearMisses) nearMisses[n.kind] = (nearMisses[n.kind] ?? 0) + 1;
    for (const s of set.skipped) skipped[s.kind] ??= s.why;
    checks += 1 + set.nearMisses.length;
    findings = verifySequences(correlation, set, rulesById, innerById, options);
    if (findings.length > 0) failedRun = run;
    if (options.collectExamples && (example === undefined || findings.length > 0)) example = set;
  }
  for (const kind of Object.keys(nearMisses) as SequenceNearMissKind[]) delete skipped[kind];
  return {
    correlationId: correlation.id,
    path: correlation.path,
    seed: options.seed,
    runs: options.runs,
    generated,
    ...(reason !== undefined && generated < options.runs ? { reason } : {}),
    nearMisses,
    skipped,
    checks,
    findings,
    ...(failedRun !== undefined ? { failedRun } : {}),
    ...(example !== undefined ? { example } : {}),
  };
}
