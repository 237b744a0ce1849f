/**
 * Diagnostics: every problem found while reading rules, cases or events is a located value, never a throw.
 * Contract: `code` is from the closed union below (tests assert on codes, never on message text);
 * `span` points at the file, line and column (1-based) of the offending YAML node or record.
 */
import type { SourceSpan } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'IO_ERROR' // file or folder cannot be read
  | 'NO_RULE_FILES' // a rules path holds no .yml/.yaml file
  | 'YAML_SYNTAX' // YAML parse error
  | 'YAML_DUPLICATE_KEY' // a map holds the same key twice
  | 'YAML_DATE_VALUE' // a plain scalar in detection that YAML 1.1 types as a date (kept as a string)
  | 'DOCUMENT_NOT_MAP' // a YAML document that is not a mapping
  | 'SCHEMA' // JSON Schema violation (ajv)
  | 'LEGACY_ACTION' // Sigma 1.x `action: global|reset|repeat` collections
  | 'LEGACY_AGGREGATION' // `| count() by x > 5` in a condition
  | 'LEGACY_NEAR' // `near` in a condition
  | 'EMPTY_DETECTION' // identifier that is an empty map, empty list or bare null
  | 'INVALID_DETECTION' // identifier of an unsupported shape
  | 'UNKNOWN_MODIFIER'
  | 'MODIFIER_CHAIN' // modifiers in an order or combination that is not allowed
  | 'INVALID_VALUE' // value of the wrong type for its modifiers (e.g. `gt: '5'`, `exists: 'yes'`)
  | 'INVALID_REGEX'
  | 'INVALID_CIDR'
  | 'UNRESOLVED_PLACEHOLDER' // `expand` placeholder without a configured value
  | 'CONDITION_SYNTAX'
  | 'UNDEFINED_IDENTIFIER'
  | 'EMPTY_PATTERN' // `1 of x*` / `all of x*` that names no identifier
  | 'UNUSED_IDENTIFIER'
  | 'LOGSOURCE_UNMAPPED' // a rule's log source has no entry in the log-source map
  | 'LOGSOURCE_MAP' // the log-source map file itself is invalid
  | 'PLACEHOLDER_FILE' // the placeholders file is invalid
  | 'EVENT_MALFORMED' // a record of an events file that is not valid JSON / not an object
  | 'EVENT_TOO_LARGE' // a record larger than the reader's limit
  | 'CASE_SCHEMA' // a case file that does not follow the case-file schema
  | 'CASE_RULE_NOT_FOUND' // a case file names a rule that is not loaded
  | 'CORRELATION_INVALID' // a correlation rule whose type, timespan, condition, field, group-by or aliases are invalid
  | 'CORRELATION_REFERENCE' // a correlation names a rule or correlation that is not loaded (or is ambiguous, or failed)
  | 'CORRELATION_CYCLE' // correlations that reference each other in a cycle
  | 'CORRELATION_UNSUPPORTED' // a pySigma extension not implemented (string boolean conditions of temporal types)
  | 'FILTER_UNUSED_REFERENCE' // a filter names a rule that is not loaded, a correlation, or a rule of another log source
  | 'CONFIG'; // sigmatest.config.yml is invalid

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: SourceSpan;
}

export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  message: string,
  span: SourceSpan,
): Diagnostic {
  return { code, severity, message, span };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line:col severity code message`, the format of `sigmatest check`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.span.file}:${d.span.line}:${d.span.col} ${d.severity} ${d.code} ${d.message}`;
}

/** Stable order: file, line, column, code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : 0) ||
    a.span.line - b.span.line ||
    a.span.col - b.span.col ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Thrown only for broken invariants (bugs), never for bad input. */
export class InvariantError extends Error {}
