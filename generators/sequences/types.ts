/**
 * Generated sequences for correlation rules (issue 7 part 4) as plain data: timestamped events built from the
 * referenced rules' own logic, with the alerts a correct engine must raise for the correlation under test (only
 * its own alerts count; inner correlations of a chain raise theirs on the side). JSON-serialisable.
 */
import type { CorrelationType } from '../../framework/correlation/types.js';

/** The event field every generated event carries its time in (Sysmon's `YYYY-MM-DD HH:MM:SS.fff`, UTC). */
export const SEQUENCE_TIME_FIELD = 'UtcTime';

export interface SequenceEvent {
  /** A fresh JSON object (flat fields), its time written into `UtcTime` (and any other time field it has). */
  readonly event: Record<string, unknown>;
  /** The referenced rule (IrRule.id) the event was built to match; it matches no other rule of the chain. */
  readonly ruleId: string;
  /** ms since the epoch. */
  readonly time: number;
}

export interface ExpectedAlerts {
  /** Alerts of the correlation under test (exactly this many). */
  readonly alerts: number;
  /** The group of each expected alert: group-by name (or alias) → string form of its value. */
  readonly groups: readonly Readonly<Record<string, string>>[];
}

/** Events in time order (ties keep their order), plus what the correlation must raise on them. */
export interface Sequence {
  readonly events: readonly SequenceEvent[];
  readonly expect: ExpectedAlerts;
}

export type SequenceNearMissKind =
  | 'too-few' // one event (one distinct rule) fewer than the condition needs
  | 'too-many' // anchored upper bound: one event more than it allows
  | 'outside-window' // the last event one second after the window closes
  | 'wrong-order' // temporal_ordered: the referenced rules in reverse order
  | 'missing-group-by' // the completing event lacks the (first) group-by field
  | 'distinct-short' // value_count: enough events, one distinct value short
  | 'sum-short' // value_sum: the total one below the lower bound
  | 'value-over' // value_avg / percentile / median: every value one above the upper bound
  | 'value-under'; // …one below the lower bound

export interface SequenceNearMiss {
  readonly kind: SequenceNearMissKind;
  readonly sequence: Sequence;
  readonly why: string;
}

/** A near miss that does not apply to this correlation (e.g. an anchored window that would fire anyway). */
export interface SkippedNearMiss {
  readonly kind: SequenceNearMissKind;
  readonly why: string;
}

export interface SequenceSet {
  readonly correlationId: string;
  readonly type: CorrelationType;
  readonly seed: number;
  readonly timestampField: string;
  /** `null` when no firing sequence could be built; `reason` says why. */
  readonly fires: Sequence | null;
  readonly reason?: string;
  readonly nearMisses: readonly SequenceNearMiss[];
  readonly skipped: readonly SkippedNearMiss[];
}

/** A disagreement found by verifySequences: an event decided against the plan, or a wrong alert count. */
export interface SequenceFinding {
  readonly correlationId: string;
  readonly path: string;
  readonly seed: number;
  /** `fires` or the near miss kind. */
  readonly sequence: string;
  /** `rules` (the compiled detection rules decided an event against the plan) or the correlation engine's name. */
  readonly engine: string;
  readonly expected: number;
  readonly actual: number;
  readonly message: string;
}
