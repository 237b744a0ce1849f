/**
 * RunReport: the one serialisable result of `sigmatest run`, the only input of every reporter (json, junit,
 * sarif, markdown, GitHub annotations). Plain data: no functions, no class instances, no Dates.
 * Ordering contract: `rules` sorted by path, `cases` by (rule path, case file, line), `problems` by (file, line).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { SourceSpan } from '../source.js';

/** Where a case came from: a sigmatest case file or SigmaHQ's regression_data (info.yml + JSON). */
export type CaseOrigin = 'case-file' | 'regression';

/** `match` / `no-match`: every event of the case must (not) match. `count`: exactly N matches over the events. */
export type Expectation =
  | { readonly kind: 'match' }
  | { readonly kind: 'no-match' }
  /** `atLeast`: SigmaHQ's rule, fewer than `count` fails, more is only a warning. */
  | { readonly kind: 'count'; readonly count: number; readonly atLeast: boolean };

/**
 * A sequence case of a correlation rule: exactly `alerts` alerts of the correlation over the case's events;
 * with `groups`, the group-by values (string forms) of each alert, in alert order.
 */
export interface AlertsExpectation {
  readonly kind: 'alerts';
  readonly alerts: number;
  readonly groups?: readonly Readonly<Record<string, string>>[];
}

/** What a case asserts: a detection rule's decisions (Expectation) or a correlation's alerts. */
export type CaseExpectation = Expectation | AlertsExpectation;

export type CaseStatus = 'pass' | 'fail' | 'error';

/** One detection item's outcome on one event, for explanations (engine/explain.ts builds these). */
export interface ItemTrace {
  /** `null` for a keyword item. */
  readonly field: string | null;
  readonly modifiers: readonly string[];
  /** The rule's values as written (display form). */
  readonly values: readonly string[];
  /** The event's value of the field (after log-source renames); `undefined` = absent. */
  readonly actual?: unknown;
  readonly held: boolean;
  readonly span: SourceSpan;
}

export interface SelectionTrace {
  /** Detection identifier, e.g. `selection`, `filter_main_*`. */
  readonly name: string;
  readonly held: boolean;
  /** Every item of the identifier, in rule order (lists of maps flattened, each with its own `held`). */
  readonly items: readonly ItemTrace[];
}

/** Why the rule decided what it did on one event. */
export interface Explanation {
  /** The log-source variant that was evaluated (first gate that held, else the first variant). */
  readonly variant: string;
  /** Log-source gate items (Channel / EventID …): when one fails the rule is not evaluated further. */
  readonly gate: readonly ItemTrace[];
  readonly gateHeld: boolean;
  readonly selections: readonly SelectionTrace[];
  /** The condition text(s) of the rule. */
  readonly condition: readonly string[];
  readonly matched: boolean;
}

export interface EventOutcome {
  /** 0-based position of the event in the case. */
  readonly index: number;
  readonly matched: boolean;
  /** Set when compiled and reference decided differently (always a failure). */
  readonly referenceMatched?: boolean;
  /** Present for failing cases (and for every event of a failing case). */
  readonly explanation?: Explanation;
  /** Sequence cases: the referenced detection rules the event matched (`name`, else title); `matched` = any. */
  readonly rules?: readonly string[];
  /** Sequence cases: the event's timestamp (ISO 8601, UTC), as the correlation read it. */
  readonly time?: string;
}

/** One alert of a correlation in a sequence case. */
export interface AlertSummary {
  /** group-by field (or alias) → string form of its value; `{}` without group-by. */
  readonly group: Readonly<Record<string, string>>;
  /** ISO 8601, UTC: the record that completed the condition (anchored windows: the window end). */
  readonly time: string;
  /** 0-based indexes of the case events that contributed. */
  readonly events: readonly number[];
}

/** How a sequence case was correlated, and what came out (correlation rules only). */
export interface SequenceOutcome {
  readonly correlationType: string;
  /** The window model (semantics §11.4): `sliding` [t − T, t] for monotone conditions, else `anchored` [t0, t0 + T]. */
  readonly window: 'sliding' | 'anchored';
  readonly timespan: string;
  /** The event field the timestamps were read from; absent = the default fields. */
  readonly timestampField?: string;
  /** Alerts of the case's correlation by the streaming engine, in time order. */
  readonly alerts: readonly AlertSummary[];
  /** Present when the brute-force reference correlator raised different alerts (always an error). */
  readonly referenceAlerts?: readonly AlertSummary[];
}

export interface CaseResult {
  readonly ruleId: string;
  readonly rulePath: string;
  readonly ruleTitle: string;
  readonly name: string;
  readonly origin: CaseOrigin;
  /** The case's own location (case file line, or the regression info.yml). */
  readonly span: SourceSpan;
  readonly ruleSpan: SourceSpan;
  readonly expect: CaseExpectation;
  readonly status: CaseStatus;
  /** Number of events that matched, out of `events` (sequence cases: the number of alerts). */
  readonly matches: number;
  readonly events: number;
  readonly outcomes: readonly EventOutcome[];
  /** One line saying why it failed (or a warning on a passing `atLeast` count); absent on a clean pass. */
  readonly message?: string;
  readonly warning?: string;
  readonly tags: readonly string[];
  readonly note?: string;
  /** Sequence cases (expect `alerts`) only: the correlation's alerts; `matches` then counts alerts. */
  readonly sequence?: SequenceOutcome;
}

/** Something that was not run, or a policy violation; each one fails the run when its severity is error. */
export interface Problem {
  readonly code:
    | 'RULE_LOAD' // a rule failed to load or lower
    | 'CASE_FILE' // a case file is invalid (YAML, schema)
    | 'CASE_RULE_NOT_FOUND' // a case file names a rule that does not exist
    | 'CASE_EVENTS' // a case's events cannot be read (regression JSON missing, malformed)
    | 'NO_RULES' // a rules path is empty or unreadable
    | 'POLICY_NO_POSITIVE' // a rule has no positive case and the policy requires one
    | 'POLICY_NO_NEGATIVE'
    | 'REGRESSION' // a regression_data entry that cannot be paired with a rule
    | 'ENGINE_DISAGREEMENT'; // the whole-ruleset matcher decided a case event unlike the rule's compiled test
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly span: SourceSpan;
  readonly ruleId?: string;
}

export interface RuleSummary {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly level?: string;
  readonly span: SourceSpan;
  readonly tags: readonly string[];
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly positives: number;
  readonly negatives: number;
  /** Present when the "rule" is a correlation rule (its cases are sequence cases). */
  readonly correlation?: { readonly type: string; readonly window: 'sliding' | 'anchored'; readonly timespan: string };
}

export interface RunTotals {
  readonly rules: number;
  readonly rulesWithCases: number;
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly warnings: number;
  /** Problems of severity error (rules not loaded, unknown rules, policy violations …). */
  readonly problems: number;
}

export interface RunReport {
  readonly tool: { readonly name: 'sigmatest'; readonly version: string };
  readonly rules: readonly RuleSummary[];
  readonly cases: readonly CaseResult[];
  readonly problems: readonly Problem[];
  /** Rule-loading diagnostics of severity warning/info (errors become RULE_LOAD problems). */
  readonly diagnostics: readonly Diagnostic[];
  readonly totals: RunTotals;
  /** Wall time of the run in milliseconds (the only non-deterministic figure). */
  readonly durationMs: number;
  /** 0 when everything passed, 1 on any failure, error or error problem. */
  readonly exitCode: 0 | 1;
  /** Present when the run was one shard of several (`run --shard i/n`); `merge-reports` combines them. */
  readonly shard?: ShardInfo;
}

/** Which part of a sharded run a report holds, and what it must agree on with the other parts. */
export interface ShardInfo {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
  /** Hash of the whole loaded rule set (every document as loaded, every load error), before the split. */
  readonly rules: string;
  /** Hash of the settings that shape the report (paths, policy, filter, log-source map, placeholders, version). */
  readonly config: string;
}
