/**
 * The result of `sigmatest fuzz` (plain data, written to reports/fuzz.json). Every check compares the engine
 * under test with the reference evaluator and with the decision the generator expected (itself confirmed by the
 * reference when the event was built). Correlation rules get generated sequences (generators/sequences) checked
 * on the streaming correlation engine and the brute-force reference. Ordering: rules and correlations by path,
 * then id; failures in the order found.
 */
import type { CorrelationType } from '../../framework/correlation/types.js';
import type { Event } from '../../framework/engine/event.js';
import type { PreparedRule } from '../../framework/ruleset/build-ruleset.js';
import type { SequenceFuzzCounts } from '../sequences/fuzz-correlation.js';
import type { SequenceFinding } from '../sequences/types.js';

/** The engine under test (default: the rule's compiled matcher). Tests inject deliberately wrong ones. */
export type Decide = (rule: PreparedRule, event: Event) => boolean;

export type FuzzCheckKind =
  | 'positive'
  | 'near-miss'
  | 'invariant:case'
  | 'invariant:extra-field'
  | 'invariant:key-order'
  | 'invariant:evtx-shape';

export interface FuzzFailure {
  readonly kind: FuzzCheckKind;
  /** Near-miss operator (`endswith:append-suffix`…) or the invariant's name. */
  readonly operator: string;
  /** The item a near miss targets, e.g. `selection: DestinationHostname|endswith`. */
  readonly target?: string;
  readonly expected: boolean;
  readonly engine: boolean;
  readonly reference: boolean;
  /** The smallest event found that still fails the same way (the event itself when it could not be shrunk). */
  readonly event: Record<string, unknown>;
  readonly originalEvent: Record<string, unknown>;
  /** fast-check replay data: `sigmatest fuzz --rules <rule> --seed <seed> --replay <path>`. */
  readonly seed: number;
  readonly path: string;
  readonly replay: string;
}

export interface ItemFinding {
  /** `identifier: Field|modifiers`. */
  readonly item: string;
  readonly nearMiss: boolean;
  readonly independencePair: boolean;
  /** Why no near miss / no independence pair exists (redundant value, unreachable item…). */
  readonly reason?: string;
}

export interface RuleFuzzResult {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly seed: number;
  readonly runs: number;
  readonly positive: { readonly found: boolean; readonly reason?: string };
  readonly items: readonly ItemFinding[];
  /** How many generated near misses used each operator. */
  readonly operators: Readonly<Record<string, number>>;
  readonly checks: number;
  /** Events on which the engine and the reference disagreed. */
  readonly disagreements: number;
  readonly failures: readonly FuzzFailure[];
  /** With `--save`: a positive and one near miss per operator, to append as cases. */
  readonly examples?: readonly FuzzExample[];
}

export interface FuzzExample {
  readonly name: string;
  readonly expect: 'match' | 'no-match';
  readonly event: Record<string, unknown>;
}

/** A disagreement on a generated sequence, with the command that replays it (same seed, runs up to it). */
export interface CorrelationFuzzFinding extends SequenceFinding {
  readonly replay: string;
}

/** A generated sequence as a sequence case (`--save`, `init`): the alerts the correlation under test must raise. */
export interface SequenceExample {
  /** `fires` or the near-miss kind (the `sequence` a finding names). */
  readonly sequence: string;
  readonly name: string;
  readonly expect: { readonly alerts: number; readonly groups: readonly Readonly<Record<string, string>>[] };
  readonly timestamp_field: string;
  readonly events: readonly Record<string, unknown>[];
}

/** One correlation in the fuzz report: fuzzCorrelation's counts, with the rule's identity and report-ready findings. */
export interface CorrelationFuzzEntry extends SequenceFuzzCounts {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly type: CorrelationType;
  readonly findings: readonly CorrelationFuzzFinding[];
  /** With `--save`: the firing sequence and one sequence per near-miss kind, to append as sequence cases. */
  readonly examples?: readonly SequenceExample[];
}

export interface FuzzTotals {
  readonly rules: number;
  readonly rulesWithPositive: number;
  readonly items: number;
  readonly itemsWithNearMiss: number;
  readonly itemsWithPair: number;
  readonly checks: number;
  readonly disagreements: number;
  readonly failures: number;
  readonly correlations: number;
  /** Correlations with at least one generated firing sequence. */
  readonly correlationsWithSequences: number;
  readonly sequenceChecks: number;
  readonly sequenceFindings: number;
}

export interface FuzzReport {
  readonly tool: { readonly name: 'sigmatest'; readonly version: string };
  readonly seed: number;
  readonly runs: number;
  readonly rules: readonly RuleFuzzResult[];
  readonly correlations: readonly CorrelationFuzzEntry[];
  readonly totals: FuzzTotals;
  readonly durationMs: number;
}
