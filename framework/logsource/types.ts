/**
 * The log-source map (semantics §10): which events a Sigma log source covers, and which field renames apply.
 * Plain data with spans, produced by load-map.ts and read by resolve.ts. Conditions are Sigma detection maps
 * (keys may carry modifiers, a list value is OR-ed, keys are AND-ed), evaluated by the engine with ordinary
 * Sigma semantics. Renames map a rule field name to the event field name (thor.yml `fieldmappings`).
 */
import type { ScalarValue } from '../loader/types.js';
import type { SourceSpan } from '../source.js';

/** A Sigma detection map: `field|modifiers: value or [values]`. */
export type ConditionMap = Readonly<Record<string, ScalarValue | ScalarValue[]>>;

/** (product, service) → the events of that service, usually `Channel: <Windows channel>`. */
export interface ServiceEntry {
  /** Absent = the entry applies to every product. */
  readonly product?: string;
  readonly service: string;
  /** Other service names with the same meaning (e.g. pySigma's `microsoft-servicebus-client`). */
  readonly aliases: readonly string[];
  readonly conditions: ConditionMap;
  readonly renames: Readonly<Record<string, string>>;
  readonly span: SourceSpan;
  readonly conditionsSpan: SourceSpan;
}

/** One way a category is observed: events of a service (optional) that also satisfy `conditions`. */
export interface CategoryVariant {
  /** Service whose entry's conditions are AND-ed in; absent = no service gate. */
  readonly service?: string;
  /**
   * Product of that service entry (thor.yml `rewrite.product`); absent = the category entry's product,
   * else the rule's product.
   */
  readonly product?: string;
  readonly conditions: ConditionMap;
  readonly renames: Readonly<Record<string, string>>;
  readonly span: SourceSpan;
  readonly conditionsSpan: SourceSpan;
}

/** (product, category) → variants, OR-ed. */
export interface CategoryEntry {
  /** Absent = the entry applies to every product (thor.yml's `antivirus`). */
  readonly product?: string;
  readonly category: string;
  readonly variants: readonly CategoryVariant[];
  readonly span: SourceSpan;
}

/**
 * (product) → how an event of that product is recognised: its field `field` is present, not null and none of
 * `except` (windows: a `Channel` other than Sysmon for Linux's). Used only for rules whose log source has no
 * service or category entry (resolve.ts, resolveUnmapped).
 */
export interface ProductEntry {
  readonly product: string;
  readonly field: string;
  readonly except: readonly string[];
  readonly span: SourceSpan;
}

export interface LogsourceMap {
  /** The file the map was read from (or the default map's pseudo file name). */
  readonly source: string;
  /** Products whose events are recognisable; empty = unmapped log sources apply to every event. */
  readonly products: readonly ProductEntry[];
  readonly services: readonly ServiceEntry[];
  readonly categories: readonly CategoryEntry[];
}

/** The log source of a rule, as far as resolution is concerned. */
export interface LogsourceQuery {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
}

/** One way a rule applies to events: all `conditions` maps hold; rule fields are renamed by `renames`. */
export interface ResolvedVariant {
  /** e.g. `windows/process_creation via security (EventID 4688)`. */
  readonly label: string;
  /** AND-ed Sigma detection maps: the service entry's map, then the variant's own map (empty ones left out). */
  readonly conditions: Record<string, ScalarValue | ScalarValue[]>[];
  /** Span of each map of `conditions`, same order (for diagnostics while lowering them). */
  readonly conditionSpans: SourceSpan[];
  /** Rule field → event field: the service entry's renames, overridden by the variant's. */
  readonly renames: Record<string, string>;
}
