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
  readonly expect: Expectation;
  readonly status: CaseStatus;
  /** Number of events that matched, out of `events`. */
  readonly matches: number;
  readonly events: number;
  readonly outcomes: readonly EventOutcome[];
  /** One line saying why it failed (or a warning on a passing `atLeast` count); absent on a clean pass. */
  readonly message?: string;
  readonly warning?: string;
  readonly tags: readonly string[];
  readonly note?: string;
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
    | 'REGRESSION'; // a regression_data entry that cannot be paired with a rule
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
}
