/**
 * Sigma meta filters (semantics §12.1, pySigma's semantics) on lowered rules.
 * In: the loaded documents; each filter is lowered once (lowerFilters). Out: per detection rule, an IrRule whose
 * every condition c became `(c) and (f1) and (f2) …` for the filters that apply, in document order, with each
 * filter's identifiers added to `detections` under a prefix no identifier of the rule starts with
 * (`~filter:<filter id or path#doc>:`), and `filters` listing them for reports. Conditions are already resolved to
 * names when lowered, so the rule's `them`/patterns never see a filter's identifiers and a filter's `them` only
 * sees its own; the evaluators need nothing else. The rule's log-source renames apply to the filter's fields too.
 * A filter applies to rule R iff every log-source attribute it names (product, category, service) equals R's and
 * `rules` is `any` (or empty) or lists R's id or name. Filters never apply to correlations.
 * Problems are Diagnostics: a filter that fails to lower is an error and is applied nowhere; a `rules` entry that
 * names no loaded rule, names a correlation, or names a rule of another log source is a FILTER_UNUSED_REFERENCE
 * warning at the filter's `filter:` key.
 */
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import { renderCondition } from '../engine/explain.js';
import { Collector, lowerConditions, lowerDetections } from '../ir/lower.js';
import type { LowerOptions } from '../ir/lower-item.js';
import type { AppliedFilter, ConditionExpr, IrDetection, IrRule } from '../ir/types.js';
import type { LogSource, SigmaDocument, SigmaFilter, SigmaRule } from '../loader/types.js';

/** A filter lowered once, with its own identifier names (prefixed only when applied). */
export interface LoweredFilter {
  readonly source: SigmaFilter;
  readonly detections: Readonly<Record<string, IrDetection>>;
  /** OR-ed (the schema allows one condition string; a list would be OR-ed like a rule's). */
  readonly conditions: readonly ConditionExpr[];
}

export interface FilterSet {
  /** Filters that lowered without an error, in document order. */
  readonly filters: readonly LoweredFilter[];
  /** Every filter's lowering diagnostics (errors, unused identifiers) and reference warnings. */
  readonly diagnostics: ReadonlyMap<SigmaFilter, readonly Diagnostic[]>;
}

const LOGSOURCE_KEYS = ['product', 'category', 'service'] as const;

export function lowerFilter(filter: SigmaFilter, options: LowerOptions): { filter: LoweredFilter | null; diagnostics: Diagnostic[] } {
  const c = new Collector();
  const detections = lowerDetections(filter.detection, options, c);
  const conditions = lowerConditions(filter.detection, c);
  if (!detections || !conditions || hasErrors(c.diagnostics)) return { filter: null, diagnostics: c.diagnostics };
  return { filter: { source: filter, detections, conditions }, diagnostics: c.diagnostics };
}

/** Lowers every filter of `documents` and checks its `rules` references against the loaded documents. */
export function lowerFilters(documents: readonly SigmaDocument[], options: LowerOptions): FilterSet {
  const filters: LoweredFilter[] = [];
  const diagnostics = new Map<SigmaFilter, Diagnostic[]>();
  for (const doc of documents) {
    if (doc.kind !== 'filter') continue;
    const lowered = lowerFilter(doc, options);
    if (lowered.filter) filters.push(lowered.filter);
    diagnostics.set(doc, [...lowered.diagnostics, ...referenceProblems(doc, documents)]);
  }
  return { filters, diagnostics };
}

export function logsourceCovers(filter: LogSource, rule: LogSource): boolean {
  return LOGSOURCE_KEYS.every((k) => filter[k] === undefined || filter[k] === rule[k]);
}

function names(doc: SigmaDocument, target: string): boolean {
  return doc.id === target || doc.name === target;
}

export function filterApplies(filter: SigmaFilter, rule: SigmaRule): boolean {
  if (!logsourceCovers(filter.logsource, rule.logsource)) return false;
  return filter.targets === 'any' || filter.targets.some((t) => names(rule, t));
}

function logsourceText(ls: LogSource): string {
  return LOGSOURCE_KEYS.filter((k) => ls[k] !== undefined).map((k) => `${k}: ${ls[k]}`).join(', ') || 'none';
}

/** FILTER_UNUSED_REFERENCE warnings for `rules` entries that can never make the filter apply. */
export function referenceProblems(filter: SigmaFilter, documents: readonly SigmaDocument[]): Diagnostic[] {
  if (filter.targets === 'any') return [];
  const out: Diagnostic[] = [];
  const warn = (message: string): number => out.push(diagnostic('FILTER_UNUSED_REFERENCE', 'warning', message, filter.detection.span));
  for (const target of filter.targets) {
    const named = documents.filter((d) => d.kind !== 'filter' && names(d, target));
    const rules = named.filter((d): d is SigmaRule => d.kind === 'rule');
    if (named.length === 0) warn(`filter rules: '${target}' is not the id or name of a loaded rule: the filter is not applied to it`);
    else if (rules.length === 0) warn(`filter rules: '${target}' is a correlation rule: filters apply to detection rules only`);
    else if (!rules.some((r) => logsourceCovers(filter.logsource, r.logsource))) {
      const rule = rules[0]!;
      warn(`filter rules: '${target}' (${rule.file}) has log source {${logsourceText(rule.logsource)}}, which the filter's {${logsourceText(filter.logsource)}} does not cover: the filter is not applied to it`);
    }
  }
  return out;
}

function filterKey(filter: SigmaFilter): string {
  return filter.id ?? (filter.docIndex === 0 ? filter.file : `${filter.file}#${filter.docIndex}`);
}

/** `~filter:<key>:`, or `~filter:<key>#2:` … when some identifier already starts with it. */
function freshPrefix(key: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const prefix = n === 1 ? `~filter:${key}:` : `~filter:${key}#${n}:`;
    if (!taken.some((name) => name.startsWith(prefix))) return prefix;
  }
}

function renamed(expr: ConditionExpr, prefix: string): ConditionExpr {
  switch (expr.kind) {
    case 'ref':
      return { kind: 'ref', name: prefix + expr.name };
    case 'of':
      return { ...expr, pattern: prefix + expr.pattern, names: expr.names.map((n) => prefix + n) };
    case 'not':
      return { kind: 'not', arg: renamed(expr.arg, prefix) };
    default:
      return { kind: expr.kind, args: expr.args.map((a) => renamed(a, prefix)) };
  }
}

function orOf(exprs: readonly ConditionExpr[]): ConditionExpr {
  return exprs.length === 1 ? exprs[0]! : { kind: 'or', args: [...exprs] };
}

/** `rule` with the filters that apply to `source` (its document) AND-ed on; the same object when none applies. */
export function applyFilters(rule: IrRule, source: SigmaRule, filters: readonly LoweredFilter[]): IrRule {
  const applicable = filters.filter((f) => filterApplies(f.source, source));
  if (applicable.length === 0) return rule;
  const detections: Record<string, IrDetection> = { ...rule.detections };
  const added: ConditionExpr[] = [];
  const applied: AppliedFilter[] = [...(rule.filters ?? [])];
  for (const f of applicable) {
    const prefix = freshPrefix(filterKey(f.source), Object.keys(detections));
    for (const [name, d] of Object.entries(f.detections)) detections[prefix + name] = d;
    const expr = orOf(f.conditions.map((c) => renamed(c, prefix)));
    added.push(expr);
    const condition = f.source.detection.conditions.map((c) => c.text).join(' or ');
    applied.push({ id: f.source.id ?? f.source.file, title: f.source.title, path: f.source.file, condition, evaluated: renderCondition(expr), prefix });
  }
  const conditions = rule.conditions.map((c): ConditionExpr => ({ kind: 'and', args: [c, ...added] }));
  return { ...rule, detections, conditions, filters: applied };
}

/** A rule's condition texts with its filters' conditions AND-ed on, as the evaluators decide them. */
export function filteredConditionTexts(conditions: readonly string[], filters: readonly AppliedFilter[] | undefined): string[] {
  if (!filters || filters.length === 0) return [...conditions];
  const suffix = filters.map((f) => ` and (${f.evaluated})`).join('');
  return conditions.map((c) => `(${c})${suffix}`);
}
