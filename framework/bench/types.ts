/**
 * The shape of reports/bench.json: plain data, written with canonicalJson (keys sorted). Absolute times and
 * events per second describe this machine only; `ratios` are the machine-independent figures the --baseline
 * gate compares (gate.ts says which direction is better for each).
 */
import type { CorrelationFigures } from './correlation.js';

export interface Throughput {
  /** Events processed per run. */
  readonly events: number;
  /** Wall time of each run, milliseconds. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** events / median run time. */
  readonly eventsPerSecond: number;
}

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly totalMemoryMB: number;
  /** V8 platform threads of the bench process (`--v8-pool-size`; cli/v8-pool.ts, set by the sigmatest launcher). */
  readonly v8PoolSize: number;
  /** V8's inlining budget while rules load and compile (jit-budget.ts); null when V8's own is kept. */
  readonly loadInliningBudget: number | null;
}

export interface LoadFigures {
  readonly rulePaths: readonly string[];
  readonly rules: number;
  readonly failedRules: number;
  /** buildRuleset: read, parse, validate, lower and compile every rule. */
  readonly buildMs: number;
  /** compileRuleset: routing tables and prefilter over the compiled rules. */
  readonly compileRulesetMs: number;
}

export interface W1Figures extends Throughput {
  readonly rule: string;
  readonly pool: number;
  readonly matches: number;
  /** referenceDecide of the same rule on the first `reference.events` events of the same stream. */
  readonly reference: Throughput;
}

export interface W2Figures extends Throughput {
  readonly sources: readonly string[];
  readonly rules: number;
  readonly meanEvaluated: number;
  readonly p95Evaluated: number;
  /** p95Evaluated as a percentage of the rules. */
  readonly p95EvaluatedPct: number;
  readonly routedToNone: number;
  readonly routedToNoneShare: number;
  readonly noCandidateShare: number;
  readonly matches: number;
  /** referenceDecide of every rule on an evenly spaced sample of the same events. */
  readonly reference: Throughput;
}

export interface W3Figures extends Throughput {
  /** Every events file of the bench (as W2), read one after the other; a generated set is one file. */
  readonly files: readonly string[];
  readonly matches: number;
  /** Characters of match records formatted (and discarded) per run. */
  readonly outputChars: number;
  /** readEvents alone over the same files. */
  readonly parseOnly: Throughput;
}

export interface RuleCost {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  /** Microseconds per evaluated event (median of the runs). */
  readonly micros: number;
  /** Distinct events it was timed on (its variant gate holds on them). */
  readonly events: number;
  /** micros / median micros over all measured rules. */
  readonly relative: number;
}

export interface RuleCostFigures {
  readonly measured: number;
  /** Rules whose variant gate held on none of the events (not timed). */
  readonly unmeasured: number;
  readonly medianMicros: number;
  readonly top: readonly RuleCost[];
  /** relative cost of every measured rule, by id (so the gate can follow a rule into or out of the top). */
  readonly relative: Readonly<Record<string, number>>;
}

export interface BenchReport {
  readonly tool: 'sigmatest bench';
  readonly version: string;
  readonly machine: MachineInfo;
  readonly runs: number;
  readonly load: LoadFigures;
  readonly w1?: W1Figures;
  readonly w2: W2Figures;
  readonly w3: W3Figures;
  readonly ruleCosts: RuleCostFigures;
  /** The correlation workload (bench/correlation.ts), when it ran. */
  readonly correlation?: CorrelationFigures;
  readonly memory: { readonly peakHeapMB: number; readonly peakRssMB: number };
  /** Machine-independent ratios, by name (see gate.ts RATIO_DIRECTIONS). */
  readonly ratios: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}
