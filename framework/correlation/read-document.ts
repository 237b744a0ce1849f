/**
 * One SigmaCorrelation document → a draft IrCorrelation (everything but reference resolution), or the located
 * reasons it is invalid (semantics §11.1). Accepted forms: `group-by` as a string or list (absent = one global
 * group); `field` inside `condition` (spec, pySigma) or directly under `correlation`; `percentile` inside
 * `condition` (pySigma, 0..100; when value_percentile has none — as in the specification's example — a warning,
 * and the median, p = 50, is used); `generate` under `correlation` (pySigma) or at the
 * top level (spec 2.1 schema); a condition map with one or more operators (a range, AND-ed). Without a condition,
 * temporal gets `gte:` the number of distinct rules and temporal_ordered `gte:` the number of rules. Rejected:
 * unknown keys under `correlation` or in `condition` (a typo such as `groupby` would silently change the meaning),
 * a field list for numeric types, and pySigma's string conditions for temporal types (CORRELATION_UNSUPPORTED).
 */
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics.js';
import type { SigmaCorrelation } from '../loader/types.js';
import type { SourceSpan } from '../source.js';
import { COUNT_OPS, isCountOp, windowModelOf } from './condition.js';
import { valueKindOf } from './prepare.js';
import { parseTimespan, TIMESPAN_UNITS } from './timespan.js';
import type { CorrelationType, CountTest, IrCorrelation } from './types.js';

export type Draft = Omit<IrCorrelation, 'id' | 'resolved'>;

const TYPES: readonly CorrelationType[] = [
  'event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile', 'value_median',
];
const KEYS = ['type', 'rules', 'group-by', 'timespan', 'condition', 'field', 'aliases', 'generate'];
const CONDITION_KEYS = [...COUNT_OPS, 'field', 'percentile'];
/** value_percentile without `percentile` (the specification's own example has none). */
export const DEFAULT_PERCENTILE = 50;

type Plain = Readonly<Record<string, unknown>>;

export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The span of the node at `pointer`, else of its nearest ancestor that has one, else of the document. */
export function spanIn(doc: SigmaCorrelation, pointer: string): SourceSpan {
  for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const span = doc.pointerSpans?.[p];
    if (span) return span;
  }
  return doc.span;
}

class Problems {
  readonly list: Diagnostic[] = [];
  constructor(private readonly doc: SigmaCorrelation) {}
  add(pointer: string, message: string, severity: Severity = 'error', code: Diagnostic['code'] = 'CORRELATION_INVALID'): void {
    this.list.push(diagnostic(code, severity, message, spanIn(this.doc, pointer)));
  }
  get failed(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}

export function readCorrelation(doc: SigmaCorrelation): { draft: Draft | null; diagnostics: Diagnostic[] } {
  const p = new Problems(doc);
  const c = doc.correlation;
  for (const key of Object.keys(c)) {
    if (!KEYS.includes(key)) p.add(`/correlation/${escapePointer(key)}`, `unknown key '${key}' in correlation (known: ${KEYS.join(', ')})`);
  }
  const type = readType(c, p);
  const conditionValue = c['condition'];
  if (typeof conditionValue === 'string') {
    p.add('/correlation/condition', "string conditions (pySigma's boolean expressions over rule names) are not supported: list the rules under 'rules' and give a map condition, or none for all rules", 'error', 'CORRELATION_UNSUPPORTED');
    return { draft: null, diagnostics: p.list };
  }
  const rules = readRules(c, p);
  const groupBy = stringList(c['group-by']) ?? [];
  const timespan = typeof c['timespan'] === 'string' ? c['timespan'] : String(c['timespan'] ?? '');
  const timespanSeconds = parseTimespan(timespan);
  if (timespanSeconds === null) {
    p.add('/correlation/timespan', `invalid timespan '${timespan}': a positive integer and a unit (${TIMESPAN_UNITS.join(', ')}, case-sensitive), e.g. 10m`);
  }
  const conditionMap = isPlain(conditionValue) ? conditionValue : {};
  const field = type ? readField(type, c, conditionMap, p) : null;
  const percentile = type ? readPercentile(type, conditionMap, p) : undefined;
  const condition = type ? readCondition(type, conditionMap, rules, p) : [];
  const aliases = readAliases(c['aliases']);
  const generate = readGenerate(doc, p);
  if (p.failed || !type || timespanSeconds === null) return { draft: null, diagnostics: p.list };
  const draft: Draft = {
    ...(doc.name !== undefined ? { name: doc.name } : {}),
    title: doc.title,
    ...(doc.level !== undefined ? { level: doc.level } : {}),
    path: doc.file,
    span: doc.span,
    type,
    rules,
    groupBy,
    timespanSeconds,
    timespan,
    condition,
    ...(percentile !== undefined ? { percentile } : {}),
    field,
    aliases,
    generate,
    window: windowModelOf(type, condition),
  };
  return { draft, diagnostics: p.list };
}

function readType(c: Plain, p: Problems): CorrelationType | null {
  const type = c['type'];
  if (typeof type === 'string' && (TYPES as readonly string[]).includes(type)) return type as CorrelationType;
  p.add('/correlation/type', `unknown correlation type '${String(type)}' (known: ${TYPES.join(', ')})`);
  return null;
}

function readRules(c: Plain, p: Problems): string[] {
  const rules = stringList(c['rules']);
  if (rules && rules.length > 0) return rules;
  p.add('/correlation/rules', 'a correlation must list the rules it correlates (rules: [id or name, ...])');
  return [];
}

function readField(type: CorrelationType, c: Plain, condition: Plain, p: Problems): string[] | null {
  const inCondition = stringList(condition['field']);
  const atTop = stringList(c['field']);
  if (inCondition && atTop && JSON.stringify(inCondition) !== JSON.stringify(atTop)) {
    p.add('/correlation/field', "'field' is given twice with different values (in condition and under correlation)");
  }
  const field = inCondition ?? atTop;
  const pointer = inCondition ? '/correlation/condition/field' : '/correlation/field';
  const kind = valueKindOf(type);
  if (kind === 'none') {
    if (field) p.add(pointer, `'field' is not used by ${type} correlations and is ignored`, 'warning');
    return null;
  }
  if (!field || field.length === 0) {
    p.add('/correlation/condition', `${type} needs the field to aggregate (condition: {field: ..., gte: ...})`);
    return null;
  }
  if (kind === 'number' && field.length > 1) p.add(pointer, `${type} aggregates one numeric field, not a list of ${field.length}`);
  return field;
}

function readPercentile(type: CorrelationType, condition: Plain, p: Problems): number | undefined {
  const value = condition['percentile'];
  if (type !== 'value_percentile') {
    if (value !== undefined) p.add('/correlation/condition/percentile', `'percentile' is only used by value_percentile and is ignored`, 'warning');
    return undefined;
  }
  if (typeof value === 'number' && value >= 0 && value <= 100) return value;
  if (value === undefined) {
    const message = `value_percentile without 'percentile' (pySigma requires it; the specification does not say which percentile): the median, percentile ${DEFAULT_PERCENTILE}, is used`;
    p.add('/correlation/condition', message, 'warning');
    return DEFAULT_PERCENTILE;
  }
  p.add('/correlation/condition/percentile', `value_percentile needs 'percentile' from 0 to 100 in its condition, not '${String(value)}'`);
  return undefined;
}

function readCondition(type: CorrelationType, condition: Plain, rules: readonly string[], p: Problems): CountTest[] {
  const tests: CountTest[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (!CONDITION_KEYS.includes(key)) {
      p.add(`/correlation/condition/${escapePointer(key)}`, `unknown condition key '${key}' (known: ${CONDITION_KEYS.join(', ')})`);
    } else if (isCountOp(key)) {
      if (typeof value === 'number' && Number.isFinite(value)) tests.push({ op: key, value });
      else p.add(`/correlation/condition/${key}`, `'${key}' needs a number, not '${String(value)}'`);
    }
  }
  if (tests.length > 0) return tests;
  if (type === 'temporal' || type === 'temporal_ordered') {
    const needed = type === 'temporal' ? new Set(rules).size : rules.length;
    return [{ op: 'gte', value: needed }];
  }
  p.add('/correlation/condition', `${type} needs a condition with an operator (${COUNT_OPS.join(', ')}), e.g. {gte: 10}`);
  return tests;
}

function readAliases(value: unknown): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  if (!isPlain(value)) return out;
  for (const [alias, mapping] of Object.entries(value)) {
    if (!isPlain(mapping)) continue;
    const fields: Record<string, string> = {};
    for (const [ref, field] of Object.entries(mapping)) if (typeof field === 'string') fields[ref] = field;
    out[alias] = fields;
  }
  return out;
}

function readGenerate(doc: SigmaCorrelation, p: Problems): boolean {
  const inner = doc.correlation['generate'];
  const outer = doc.raw['generate'];
  if (typeof inner === 'boolean' && typeof outer === 'boolean' && inner !== outer) {
    p.add('/generate', "'generate' is given twice with different values (top level and under correlation)");
  }
  return (typeof inner === 'boolean' ? inner : typeof outer === 'boolean' ? outer : false);
}

function stringList(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return null;
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
