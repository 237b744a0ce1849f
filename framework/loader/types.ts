/**
 * The typed documents the loader produces: plain data with source spans, nothing interpreted yet
 * (modifiers are names, conditions are text). Lowering (framework/ir) gives them meaning.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { SourceSpan } from '../source.js';

/** A value after YAML decoding with pySigma's YAML 1.1 typing of plain scalars (semantics §2.1). */
export type ScalarValue = string | number | boolean | null;

export interface LogSource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
  readonly definition?: string;
}

/** `field|mod1|mod2: value(s)` inside a map identifier, or a keyword list. */
export interface SigmaItem {
  /** The key as written (`CommandLine|contains|all`); `null` for a plain keyword list. */
  readonly key: string | null;
  /** Field name; `null` for keyword items (`'|all'`, plain keyword lists). */
  readonly field: string | null;
  /** Modifier names, in order, as written (not yet validated). */
  readonly modifiers: readonly string[];
  /** The values (a scalar is a one-element list). `[]` for an empty YAML list. */
  readonly values: readonly ScalarValue[];
  /** Whether the YAML value was a list (affects nothing but diagnostics). */
  readonly isList: boolean;
  readonly span: SourceSpan;
  /** One span per value, same order as `values`. */
  readonly valueSpans: readonly SourceSpan[];
}

/** The value of a search identifier (semantics §3.1). */
export type SigmaSearch =
  | { readonly kind: 'map'; readonly items: readonly SigmaItem[]; readonly span: SourceSpan }
  | { readonly kind: 'keywords'; readonly item: SigmaItem; readonly span: SourceSpan }
  | { readonly kind: 'anyOf'; readonly elements: readonly SigmaSearch[]; readonly span: SourceSpan };

export interface SigmaIdentifier {
  readonly name: string;
  readonly search: SigmaSearch;
  readonly span: SourceSpan;
}

export interface SigmaCondition {
  readonly text: string;
  /** Span of the condition scalar; `textOffsetCol` is added to columns of positions inside `text`. */
  readonly span: SourceSpan;
  /** Columns between `span.col` and the first character of `text` (1 for a quoted scalar, else 0). */
  readonly textOffsetCol?: number;
}

export interface SigmaDetection {
  readonly identifiers: readonly SigmaIdentifier[];
  readonly conditions: readonly SigmaCondition[];
  readonly span: SourceSpan;
}

interface DocumentBase {
  readonly file: string;
  /** 0-based index of the document in its file. */
  readonly docIndex: number;
  readonly span: SourceSpan;
  readonly title: string;
  readonly id?: string;
  readonly name?: string;
  readonly status?: string;
  readonly level?: string;
  readonly description?: string;
  readonly author?: string;
  readonly date?: string;
  readonly modified?: string;
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
  /** The whole document as plain JSON (metadata typed with YAML 1.2 core schema). */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface SigmaRule extends DocumentBase {
  readonly kind: 'rule';
  readonly logsource: LogSource;
  readonly logsourceSpan: SourceSpan;
  readonly detection: SigmaDetection;
}

export interface SigmaCorrelation extends DocumentBase {
  readonly kind: 'correlation';
  /** The `correlation:` map as plain JSON; interpreted by the correlation engine. */
  readonly correlation: Readonly<Record<string, unknown>>;
  /** Spans of the nodes under `correlation` (and of a top-level `generate`), by JSON pointer (`/correlation/rules/0`). */
  readonly pointerSpans?: Readonly<Record<string, SourceSpan>>;
}

export interface SigmaFilter extends DocumentBase {
  readonly kind: 'filter';
  readonly logsource: LogSource;
  /** Referenced rule ids/names; `'any'` for pySigma's `rules: any` / empty list. */
  readonly targets: readonly string[] | 'any';
  readonly detection: SigmaDetection;
}

export type SigmaDocument = SigmaRule | SigmaCorrelation | SigmaFilter;

export interface LoadResult {
  /** Documents that parsed and passed schema checks (lowering may still reject them). */
  readonly documents: readonly SigmaDocument[];
  readonly diagnostics: readonly Diagnostic[];
  /** Number of rule files read. */
  readonly files: number;
}
