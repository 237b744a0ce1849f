/**
 * CoverageReport: the one serialisable result of `sigmatest coverage`, the only input of its renderers
 * (coverage.json, coverage.md, index.html, rule pages, ATT&CK layers). Plain data: no functions, no Dates.
 * Ordering contract: `rules` sorted by path; selections and items in rule order; indicators in rule order.
 *
 * Definitions (hand-written evidence = events of case files and regression data, never generated events):
 * - an event is evidence when its log-source gate holds and its decision is the one its case asserts (every
 *   event of a `match`/`no-match` case; for a passing `count` case, each event as decided);
 * - an item (selection, value) is *made true* / *made false* when it held / did not hold on some evidence event;
 * - it is *independent* when two evidence events, one matching and one not, differ in its truth value while
 *   every other item of the rule (other value of the item, other selection) keeps its truth value
 *   (unique-cause MC/DC);
 * - logic coverage % = detection items made both true and false / all detection items of all rules.
 * Fuzz findings (`fuzz`) come from a `sigmatest fuzz` report and are never counted in the figures above.
 * Correlation rules (`correlations`, sorted by path) are covered by their sequence cases: what fired, what stayed
 * silent and which situations (case tags) the cases cover; they are not in `rules` nor in the logic figures.
 * `filters` lists every meta filter document with the rules it was applied to.
 */
import type { CorrelationType, CountTest, WindowModel } from '../correlation/types.js';
import type { ExplainLine } from '../report/format.js';

export type TestStatus = 'tested' | 'partly-tested' | 'untested' | 'failing';

/** The generator's findings for one item (FuzzReport ItemFinding), shown beside the hand-written figures. */
export interface FuzzItem {
  readonly nearMiss: boolean;
  readonly independencePair: boolean;
  readonly reason?: string;
}

/** Truth values an item, value or selection took on hand-written evidence. */
export interface Exercise {
  readonly madeTrue: boolean;
  readonly madeFalse: boolean;
  readonly independent: boolean;
  /** `case name #event` of a matching / non-matching event that shows independence. */
  readonly pair?: readonly [string, string];
}

export interface ValueCoverage extends Exercise {
  readonly index: number;
  readonly value: string;
}

export interface ItemCoverage extends Exercise {
  /** `identifier/0.1` (the identifier and the item's index path in the detection tree). */
  readonly key: string;
  /** `selection: Field|mods #0.1`, the label of fuzz reports. */
  readonly label: string;
  readonly field: string | null;
  readonly modifiers: readonly string[];
  readonly values: readonly string[];
  readonly linking: 'or' | 'and';
  readonly line: number;
  /** Per value, only for items with several values. */
  readonly valueCoverage: readonly ValueCoverage[];
  readonly fuzz?: FuzzItem;
}

export interface SelectionCoverage extends Exercise {
  readonly name: string;
  /** Whether some condition refers to it. */
  readonly referenced: boolean;
  readonly items: readonly ItemCoverage[];
}

export interface ModifierCoverage {
  readonly modifier: string;
  readonly items: number;
  readonly madeTrue: number;
  readonly madeBoth: number;
}

export interface Ratio {
  readonly covered: number;
  readonly total: number;
}

export interface LogicFigures {
  readonly items: Ratio;
  readonly itemsTrue: Ratio;
  readonly itemsFalse: Ratio;
  readonly itemsIndependent: Ratio;
  readonly values: Ratio;
  readonly valuesIndependent: Ratio;
  readonly selections: Ratio;
  readonly selectionsIndependent: Ratio;
}

export interface FuzzFigures {
  readonly items: number;
  readonly nearMiss: number;
  readonly independencePair: number;
}

export interface AttackTactic {
  readonly tag: string;
  readonly id: string;
  readonly name: string;
}

export interface AttackTechnique {
  readonly tag: string;
  readonly id: string;
  /** Undefined when the offline table does not know the id (shown as the bare id). */
  readonly name?: string;
  readonly parentName?: string;
}

export interface EventCoverage {
  readonly variant: string;
  readonly channels: readonly string[];
  readonly eventIds: readonly { readonly id: number; readonly name?: string; readonly from: 'log source' | 'detection' }[];
  readonly renames: Readonly<Record<string, string>>;
}

export interface IndicatorRow {
  readonly selection: string;
  readonly field: string | null;
  readonly operator: string;
  readonly value: string;
  /** The value held on some hand-written evidence event. */
  readonly madeTrue: boolean;
  /** Catalog rules with the same field, operator and value (this rule included when the catalog has it). */
  readonly catalogRules?: number;
  /** The same, without this rule (matched by id). */
  readonly otherRules?: number;
}

export interface CaseRow {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly origin: 'case-file' | 'regression';
  readonly kind: 'positive' | 'negative' | 'positive+negative';
  readonly status: 'pass' | 'fail' | 'error';
  readonly outcome: string;
  readonly message?: string;
}

export interface FailingCase {
  readonly ruleTitle: string;
  readonly rulePath: string;
  readonly page: string;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly outcome: string;
  readonly message?: string;
  /** Per deciding event: `event #i: …` then the explanation lines. */
  readonly events: readonly { readonly heading: string; readonly lines: readonly ExplainLine[] }[];
}

/** A meta filter AND-ed onto the rule (ruleset/apply-filters.ts); its selections are among the rule's. */
export interface FilterRow {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  /** The filter's condition as written. */
  readonly condition: string;
  /** Prefix of the filter's selections in `selections` (e.g. `~filter:<id>:`). */
  readonly prefix: string;
}

export interface RuleCoverage {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  /** File name stem of the rule pages: `rules/<page>.md`, `rules/<page>.html`. */
  readonly page: string;
  readonly status?: string;
  readonly level?: string;
  readonly author?: string;
  readonly date?: string;
  readonly modified?: string;
  readonly description?: string;
  readonly logsource: { readonly product?: string; readonly category?: string; readonly service?: string; readonly definition?: string };
  readonly logsourceKey: string;
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
  readonly tags: readonly string[];
  readonly tactics: readonly AttackTactic[];
  readonly techniques: readonly AttackTechnique[];
  readonly events: readonly EventCoverage[];
  readonly conditions: readonly string[];
  /** Meta filters applied to the rule, in order; absent when none. */
  readonly filters?: readonly FilterRow[];
  /** Correlation rules that reference this rule directly, by path; absent when none. */
  readonly correlations?: readonly CorrelationLink[];
  readonly selections: readonly SelectionCoverage[];
  readonly modifiers: readonly ModifierCoverage[];
  readonly indicators: readonly IndicatorRow[];
  readonly testStatus: TestStatus;
  readonly cases: { readonly total: number; readonly passed: number; readonly failed: number; readonly errors: number; readonly positives: number; readonly negatives: number };
  readonly caseRows: readonly CaseRow[];
  readonly evidence: { readonly matching: number; readonly nonMatching: number; readonly gateOnly: number };
  readonly figures: LogicFigures;
  readonly fuzz?: FuzzFigures;
  readonly failures: readonly FailingCase[];
}

export interface GroupFigures {
  readonly key: string;
  readonly label: string;
  readonly rules: number;
  readonly tested: number;
  readonly partlyTested: number;
  readonly untested: number;
  readonly failing: number;
  readonly items: Ratio;
}

export interface CoverageTotals {
  readonly rules: number;
  readonly rulesWithCases: number;
  readonly rulesWithoutCases: number;
  readonly rulesWithoutPositive: number;
  readonly rulesWithoutNegative: number;
  readonly tested: number;
  readonly partlyTested: number;
  readonly untested: number;
  readonly failing: number;
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly figures: LogicFigures;
  /** Same figures over the rules that have cases only. */
  readonly testedFigures: LogicFigures;
  /** Logic coverage % (items made true and false / all items), one decimal. */
  readonly percent: number;
  readonly testedPercent: number;
  readonly modifiers: readonly ModifierCoverage[];
  readonly fuzz?: FuzzFigures & { readonly rules: number };
  readonly correlations: CorrelationTotals;
}

export interface CoverageSources {
  readonly rules: readonly string[];
  readonly cases: readonly string[];
  readonly regression: readonly string[];
  readonly catalog?: { readonly paths: readonly string[]; readonly rules: number };
  readonly fuzz?: { readonly file: string; readonly seed: number; readonly runs: number; readonly rules: number };
}

export interface CoverageReport {
  readonly tool: { readonly name: 'sigmatest'; readonly version: string };
  readonly sources: CoverageSources;
  readonly definitions: Readonly<Record<string, string>>;
  readonly totals: CoverageTotals;
  readonly byLogsource: readonly GroupFigures[];
  readonly byTactic: readonly GroupFigures[];
  readonly rules: readonly RuleCoverage[];
  readonly correlations: readonly CorrelationCoverage[];
  readonly filters: readonly FilterCoverage[];
  /** Failing cases of rules, then of correlations. */
  readonly failures: readonly FailingCase[];
  /** Error problems of the run (rules not loaded, unknown rules …), as `file:line message`. */
  readonly problems: readonly string[];
  readonly runDurationMs: number;
}

/** A correlation that references a rule (or an inner correlation), for links from the referenced page. */
export interface CorrelationLink {
  readonly id: string;
  readonly title: string;
  /** Page stem of the correlation's pages (rules/<page>.md|html). */
  readonly page: string;
  readonly type: CorrelationType;
  /** The correlation's `generate`: false = the referenced rule's own matches are not alerts. */
  readonly generate: boolean;
}

/** One entry of a correlation's `rules`. */
export interface CorrelationReference {
  /** As written in `rules` (id or name). */
  readonly reference: string;
  /** Resolved id (IrRule.id or IrCorrelation.id). */
  readonly id: string;
  readonly kind: 'rule' | 'correlation';
  readonly title?: string;
  /** Page stem (rules/<page>.*) when the referenced rule or correlation is in the report. */
  readonly page?: string;
  /** Its cases in this run (detection cases, or sequence cases of an inner correlation); absent when not run. */
  readonly cases?: number;
  readonly testStatus?: TestStatus;
}

/** A situation a correlation's sequence cases should cover, named by the case tag that marks it. */
export interface SituationCoverage {
  readonly tag: string;
  readonly label: string;
  /** Whether this correlation is expected to have such a case (e.g. `order` only for temporal_ordered). */
  readonly expected: boolean;
  /** Cases that exercise it (by tag; `positive`/`negative` by their expectation), and how many passed. */
  readonly cases: number;
  readonly passed: number;
}

export interface SequenceCaseRow {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly tags: readonly string[];
  readonly kind: 'positive' | 'negative';
  readonly status: 'pass' | 'fail' | 'error';
  /** What was expected, e.g. `1 alert [{TargetUserName: alice}]`. */
  readonly expected: string;
  /** Alerts of the correlation on the case's events (0 = it stayed silent). */
  readonly alerts: number;
  /** Each alert's group-by values, in alert order. */
  readonly groups: readonly Readonly<Record<string, string>>[];
  readonly events: number;
  readonly outcome: string;
  readonly message?: string;
  readonly note?: string;
}

export interface CorrelationCoverage {
  readonly id: string;
  readonly name?: string;
  readonly title: string;
  readonly path: string;
  /** File name stem of the correlation's pages: `rules/<page>.md`, `rules/<page>.html`. */
  readonly page: string;
  readonly status?: string;
  readonly level?: string;
  readonly author?: string;
  readonly date?: string;
  readonly modified?: string;
  readonly description?: string;
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
  readonly tags: readonly string[];
  readonly tactics: readonly AttackTactic[];
  readonly techniques: readonly AttackTechnique[];
  readonly type: CorrelationType;
  readonly window: WindowModel;
  /** As written, e.g. `5m`, and in seconds. */
  readonly timespan: string;
  readonly timespanSeconds: number;
  readonly groupBy: readonly string[];
  /** AND-ed tests of the aggregate. */
  readonly condition: readonly CountTest[];
  /** value_* types: the aggregated field(s). */
  readonly field: readonly string[] | null;
  readonly percentile?: number;
  /** alias → (rule reference → event field). */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly generate: boolean;
  readonly rules: readonly CorrelationReference[];
  /** Every referenced rule (and inner correlation) has cases in this run. */
  readonly referencesHaveCases: boolean;
  /** Correlations that reference this one (chains), by path; absent when none. */
  readonly correlations?: readonly CorrelationLink[];
  /** `untested` without sequence cases, else as for rules (a positive case expects alerts, a negative none). */
  readonly testStatus: TestStatus;
  readonly cases: { readonly total: number; readonly passed: number; readonly failed: number; readonly errors: number; readonly positives: number; readonly negatives: number; readonly fired: number; readonly silent: number };
  readonly situations: readonly SituationCoverage[];
  /** Expected situations with a passing case / expected situations. */
  readonly situationFigures: Ratio;
  readonly caseRows: readonly SequenceCaseRow[];
  readonly failures: readonly FailingCase[];
}

export interface CorrelationTotals {
  readonly correlations: number;
  readonly tested: number;
  readonly partlyTested: number;
  readonly untested: number;
  readonly failing: number;
  readonly cases: number;
  /** Sequence cases on which the correlation raised an alert / none. */
  readonly fired: number;
  readonly silent: number;
  readonly situations: Ratio;
  /** Correlations with a referenced rule that has no case. */
  readonly withUntestedReferences: number;
}

/** A meta filter document and the rules it was applied to. */
export interface FilterCoverage {
  /** The filter's id, or its path when it has none. */
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly logsource: { readonly product?: string; readonly category?: string; readonly service?: string };
  /** `rules` as written; `any` = every rule of the log source. */
  readonly targets: readonly string[] | 'any';
  readonly condition: string;
  readonly appliesTo: readonly FilterTarget[];
}

export interface FilterTarget {
  readonly id: string;
  readonly title: string;
  readonly page: string;
  readonly testStatus: TestStatus;
  /** The filter's selections (as applied to this rule) made true and false by the rule's cases. */
  readonly selections: Ratio;
}
