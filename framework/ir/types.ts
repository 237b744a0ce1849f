/**
 * The intermediate representation: what a rule means, as plain JSON-serialisable data (no RegExp,
 * no closures). Both evaluators (engine/reference.ts, engine/compile.ts) read only this.
 */
import type { SourceSpan } from '../source.js';
import type { LogSource } from '../loader/types.js';

/** A Sigma string after escape processing (semantics §4): literal runs, `*` and `?`. */
export type IrPatternPart =
  | { readonly t: 'lit'; readonly v: string }
  | { readonly t: 'any' } // `*`: any run of characters, newlines included
  | { readonly t: 'one' }; // `?`: exactly one code point

export type IrPattern = readonly IrPatternPart[];

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
export type CompareOp = 'lt' | 'lte' | 'gt' | 'gte';
export type FieldrefPosition = 'equals' | 'contains' | 'startswith' | 'endswith';

/**
 * One test of one event value. Full-match semantics for `string` (outer `*` from contains/startswith/
 * endswith are already in the pattern); `regex` is an unanchored search.
 */
export type IrMatcher =
  | { readonly kind: 'string'; readonly pattern: IrPattern; readonly cased: boolean }
  | { readonly kind: 'regex'; readonly source: string; readonly flags: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly value: number }
  | { readonly kind: 'timepart'; readonly part: TimePart; readonly value: number }
  | { readonly kind: 'cidr'; readonly version: 4 | 6; readonly bytes: readonly number[]; readonly prefix: number; readonly text: string }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'fieldref'; readonly field: string; readonly position: FieldrefPosition; readonly cased: boolean };

/** One value as written, after its modifier chain: an expansion group whose matchers are OR-ed. */
export interface IrValue {
  readonly alternatives: readonly IrMatcher[];
  readonly span: SourceSpan;
}

/** A detection item: `field|mods: values`. `field === null` is a keyword item (search every leaf value). */
export interface IrItem {
  readonly field: string | null;
  readonly values: readonly IrValue[];
  /** `or`: some value holds; `and` (modifier `all`): every value holds. */
  readonly linking: 'or' | 'and';
  /** `neq`: the item's result is negated. */
  readonly negated: boolean;
  /** The modifiers as written, for reports and coverage. */
  readonly modifiers: readonly string[];
  readonly span: SourceSpan;
}

export type IrDetection =
  | { readonly kind: 'allOf'; readonly children: readonly IrDetection[] } // a map
  | { readonly kind: 'anyOf'; readonly children: readonly IrDetection[] } // a list of maps
  | { readonly kind: 'item'; readonly item: IrItem };

export type ConditionExpr =
  | { readonly kind: 'and'; readonly args: readonly ConditionExpr[] }
  | { readonly kind: 'or'; readonly args: readonly ConditionExpr[] }
  | { readonly kind: 'not'; readonly arg: ConditionExpr }
  | { readonly kind: 'ref'; readonly name: string }
  /** `1 of p` / `any of p` (quantifier any) or `all of p`, resolved to identifier names (never empty). */
  | { readonly kind: 'of'; readonly quantifier: 'any' | 'all'; readonly pattern: string; readonly names: readonly string[] };

/** A log-source variant: the rule applies to events where `gate` holds, with field names renamed. */
export interface IrVariant {
  /** e.g. `windows/process_creation → sysmon (EventID 1)`. */
  readonly label: string;
  /** AND-ed gate items; empty = every event. */
  readonly gate: readonly IrItem[];
  /** Rule field name → event field name (thor.yml `fieldmappings`). */
  readonly renames: Readonly<Record<string, string>>;
}

export interface IrRule {
  /** The rule's id, or its path when it has none. */
  readonly id: string;
  readonly title: string;
  readonly level?: string;
  readonly path: string;
  readonly logsource: LogSource;
  readonly detections: Readonly<Record<string, IrDetection>>;
  /** OR-ed conditions (a condition list). */
  readonly conditions: readonly ConditionExpr[];
  /**
   * OR-ed log-source variants. `[]` is never produced: a rule whose log source is not mapped gets one
   * variant, gated by product (RuleLowerOptions.resolveUnmapped) or with an empty gate (every event), and
   * `unmappedLogsource: true`.
   */
  readonly variants: readonly IrVariant[];
  readonly unmappedLogsource: boolean;
  /**
   * Meta filters AND-ed onto every condition (ruleset/apply-filters.ts), in the order applied; absent when none.
   * Their identifiers are in `detections` under the `prefix` (never a name of the rule's own).
   */
  readonly filters?: readonly AppliedFilter[];
}

/** A filter applied to a rule, for reports: who it is, where it is, and its condition as written. */
export interface AppliedFilter {
  /** The filter's id, or its path when it has none. */
  readonly id: string;
  readonly title: string;
  readonly path: string;
  /** The filter's condition text (several are joined with ` or `). */
  readonly condition: string;
  /** The same condition as AND-ed onto the rule's: identifiers carry the prefix. */
  readonly evaluated: string;
  /** Prefix of the filter's identifiers in the rule's `detections`, e.g. `~filter:<id>:`. */
  readonly prefix: string;
}
