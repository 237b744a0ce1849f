/**
 * Correlation rules as plain data (the contract between correlation lowering, the two correlation engines,
 * sequence cases, generated sequences and reports). Semantics: ../shared/docs/sigma-semantics.md §11
 * (window model §11.4). JSON-serialisable: no Dates, no functions.
 */
import type { Event } from '../engine/event.js';
import type { SourceSpan } from '../source.js';

export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile'
  | 'value_median';

export type CountOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

/** One comparison of the aggregate with a number; a range is several, AND-ed (`gt: 100` + `lte: 200`). */
export interface CountTest {
  readonly op: CountOp;
  readonly value: number;
}

/**
 * The window model used for this correlation (§11.4): `sliding` for monotone conditions (only gt/gte on
 * event_count, value_count, temporal, temporal_ordered, value_sum): fire on the record that makes a window
 * [t − T, t] satisfy the condition, then reset the group. `anchored` for the rest: window [t0, t0 + T]
 * from the group's first record, evaluated once when stream time passes t0 + T or at end of input.
 */
export type WindowModel = 'sliding' | 'anchored';

export interface IrCorrelation {
  /** The id, else the name, else `path#docIndex`. Unique in a ruleset. */
  readonly id: string;
  readonly name?: string;
  readonly title: string;
  readonly level?: string;
  readonly path: string;
  readonly span: SourceSpan;
  readonly type: CorrelationType;
  /** References as written (ids or names of rules or correlations), in order (order matters for temporal_ordered). */
  readonly rules: readonly string[];
  /** The same references resolved to the `id` of the rule (IrRule.id) or correlation (IrCorrelation.id). */
  readonly resolved: readonly string[];
  /** `[]` = one global group. */
  readonly groupBy: readonly string[];
  readonly timespanSeconds: number;
  /** As written, e.g. `10m`. */
  readonly timespan: string;
  /**
   * AND-ed tests of the aggregate (without a condition: temporal `gte:` the number of distinct rules,
   * temporal_ordered `gte: rules.length`). Aggregates: correlation/aggregate.ts.
   */
  readonly condition: readonly CountTest[];
  /** value_percentile: the percentile p in 0..100 (pySigma's `percentile` key; nearest-rank, see aggregate.ts). */
  readonly percentile?: number;
  /** value_* types: the aggregated field(s) (a list is a tuple); `null` otherwise. */
  readonly field: readonly string[] | null;
  /** alias name → (rule reference as written in `rules` → event field name). */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `false` (default): referenced rules produce no stand-alone alerts. */
  readonly generate: boolean;
  readonly window: WindowModel;
}

/**
 * One input record of a correlation: a match of referenced rule (or inner correlation) `ruleId` on an
 * event at `time` (ms since the epoch). `seq` is the arrival order (ties in time are broken by it).
 */
export interface CorrelationRecord {
  readonly ruleId: string;
  readonly time: number;
  readonly event: Event;
  /** Where the event came from: [source (file or case name), index of the event in it]. */
  readonly origin: readonly [string, number];
  readonly seq: number;
}

export interface CorrelationAlert {
  readonly correlationId: string;
  readonly title: string;
  /** group-by field (or alias) → string form of its value; `{}` without group-by. */
  readonly group: Readonly<Record<string, string>>;
  /** ms since the epoch: the record that completed the condition (anchored windows: the window end). */
  readonly time: number;
  /** The contributing events, sorted by (source, index), each once. */
  readonly events: readonly (readonly [string, number])[];
}
