/**
 * SigmaRule → IrRule (semantics §1 steps 3–6): detections, conditions, log-source variants.
 * Never throws on bad input: problems are Diagnostics; `rule` is null when any detection item, condition or
 * gate could not be lowered (the rule cannot be evaluated), whatever their severity.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { LogSource, ScalarValue, SigmaDetection, SigmaItem, SigmaRule, SigmaSearch } from '../loader/types.js';
import type { SourceSpan } from '../source.js';
import { parseCondition, referencedNames } from './condition.js';
import { lowerItem, type ItemReporter, type LowerOptions } from './lower-item.js';
import type { ConditionExpr, IrDetection, IrItem, IrRule, IrVariant } from './types.js';
import { UNMAPPED_LABEL } from '../logsource/resolve.js';

/** A log-source variant as the mapping gives it (conditions are Sigma detection maps, AND-ed). */
export interface MappedVariant {
  readonly label: string;
  readonly conditions: readonly Readonly<Record<string, ScalarValue | readonly ScalarValue[]>>[];
  readonly renames: Readonly<Record<string, string>>;
  /** Where each conditions map is written (the mapping file), for diagnostics. */
  readonly conditionSpans?: readonly SourceSpan[];
}

export interface RuleLowerOptions extends LowerOptions {
  /**
   * Log-source mapping; `null` from it (or no resolver) = unmapped: evaluated on every event. It must be a pure
   * function of the log source: the lowered variants are cached per resolver and log source (see lowerVariants).
   */
  readonly resolveLogsource?: (logsource: LogSource) => readonly MappedVariant[] | null;
  /**
   * The gate of a log source resolveLogsource leaves unmapped (e.g. "events with a Channel"); `null` from it (or
   * no function) = every event. Pure like resolveLogsource, from the same map (the cache is keyed by the latter).
   */
  readonly resolveUnmapped?: (logsource: LogSource) => MappedVariant | null;
}

export interface LowerResult {
  readonly rule: IrRule | null;
  readonly diagnostics: readonly Diagnostic[];
}

class Collector {
  readonly diagnostics: Diagnostic[] = [];
  failed = false;
  readonly report: ItemReporter = (code, message, span, severity = 'error') => this.add(code, message, span, severity);
  add(code: DiagnosticCode, message: string, span: SourceSpan, severity: 'error' | 'warning' = 'error'): void {
    this.diagnostics.push(diagnostic(code, severity, message, span));
  }
}

function lowerSearch(search: SigmaSearch, options: LowerOptions, c: Collector): IrDetection | null {
  switch (search.kind) {
    case 'keywords': {
      const item = lowerItem(search.item, options, c.report);
      return item ? { kind: 'item', item } : null;
    }
    case 'map': {
      const children = search.items.map((i) => lowerItem(i, options, c.report));
      if (children.some((x) => x === null)) return null;
      return { kind: 'allOf', children: (children as IrItem[]).map((item) => ({ kind: 'item', item })) };
    }
    case 'anyOf': {
      const children = search.elements.map((e) => lowerSearch(e, options, c));
      return children.some((x) => x === null) ? null : { kind: 'anyOf', children: children as IrDetection[] };
    }
  }
}

export function lowerDetections(detection: SigmaDetection, options: LowerOptions, c: Collector): Record<string, IrDetection> | null {
  const out: Record<string, IrDetection> = {};
  let ok = true;
  for (const id of detection.identifiers) {
    const lowered = lowerSearch(id.search, options, c);
    if (lowered) out[id.name] = lowered;
    else ok = false;
  }
  return ok ? out : null;
}

export function lowerConditions(detection: SigmaDetection, c: Collector): ConditionExpr[] | null {
  const names = detection.identifiers.map((i) => i.name);
  let exprs: ConditionExpr[] = [];
  for (const cond of detection.conditions) {
    const result = parseCondition(cond.text, names);
    if (result.ok) exprs.push(result.expr);
    else c.add(result.problem.code, result.problem.message, { ...cond.span, col: cond.span.col + result.problem.offset });
  }
  if (exprs.length !== detection.conditions.length) return null;
  exprs = exprs.slice(); // exact size: kept for the life of the rule set
  const used = new Set<string>();
  exprs.forEach((e) => referencedNames(e, used));
  for (const id of detection.identifiers) {
    if (!used.has(id.name)) c.add('UNUSED_IDENTIFIER', `search identifier '${id.name}' is not used by the condition`, id.span, 'warning');
  }
  return exprs;
}

function gateItems(variant: MappedVariant, fallback: SourceSpan, c: Collector): IrItem[] | null {
  const items: IrItem[] = [];
  for (const [index, map] of variant.conditions.entries()) {
    const span = variant.conditionSpans?.[index] ?? fallback;
    for (const [key, value] of Object.entries(map)) {
      const [field = '', ...modifiers] = key.split('|');
      const values = Array.isArray(value) ? (value as ScalarValue[]) : [value as ScalarValue];
      const sigmaItem: SigmaItem = { key, field, modifiers, values, isList: Array.isArray(value), span, valueSpans: values.map(() => span) };
      const item = lowerItem(sigmaItem, {}, c.report);
      if (!item) return null;
      items.push(item);
    }
  }
  return items;
}

interface BoundVariants {
  readonly variants: readonly IrVariant[];
  readonly unmapped: boolean;
}

/** Lowered variants by resolver and log source: the rules of one log source share them (the IR is immutable). */
const variantCache = new WeakMap<object, Map<string, BoundVariants>>();

/** The rule's variants; cached when lowering them reported nothing (a diagnostic may be located in the rule). */
function lowerVariants(rule: SigmaRule, options: RuleLowerOptions, c: Collector): BoundVariants | null {
  const resolve = options.resolveLogsource;
  if (resolve === undefined) return lowerVariantsOnce(rule, options, c);
  const { product, category, service, definition } = rule.logsource;
  const key = JSON.stringify([product, category, service, definition]);
  let cache = variantCache.get(resolve);
  if (cache === undefined) variantCache.set(resolve, (cache = new Map()));
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const reported = c.diagnostics.length;
  const bound = lowerVariantsOnce(rule, options, c);
  if (bound !== null && c.diagnostics.length === reported) cache.set(key, bound);
  return bound;
}

function lowerVariantsOnce(rule: SigmaRule, options: RuleLowerOptions, c: Collector): BoundVariants | null {
  const mapped = options.resolveLogsource?.(rule.logsource) ?? null;
  if (!mapped) return lowerUnmapped(rule, options, c);
  const variants: IrVariant[] = [];
  for (const v of mapped) {
    const gate = gateItems(v, rule.logsourceSpan, c);
    if (!gate) return null;
    variants.push({ label: v.label, gate, renames: v.renames });
  }
  return { variants, unmapped: false };
}

function lowerUnmapped(rule: SigmaRule, options: RuleLowerOptions, c: Collector): BoundVariants | null {
  const fallback = options.resolveUnmapped?.(rule.logsource) ?? null;
  if (!fallback) return { variants: [{ label: `${UNMAPPED_LABEL}every event`, gate: [], renames: {} }], unmapped: true };
  const gate = gateItems(fallback, rule.logsourceSpan, c);
  return gate ? { variants: [{ label: fallback.label, gate, renames: fallback.renames }], unmapped: true } : null;
}

export function lowerRule(rule: SigmaRule, options: RuleLowerOptions = {}): LowerResult {
  const c = new Collector();
  const detections = lowerDetections(rule.detection, options, c);
  const conditions = lowerConditions(rule.detection, c);
  const bound = lowerVariants(rule, options, c);
  if (!detections || !conditions || !bound) return { rule: null, diagnostics: c.diagnostics };
  const ir: IrRule = {
    id: rule.id ?? rule.file,
    title: rule.title,
    ...(rule.level !== undefined ? { level: rule.level } : {}),
    path: rule.file,
    logsource: rule.logsource,
    detections,
    conditions,
    variants: bound.variants,
    unmappedLogsource: bound.unmapped,
  };
  return { rule: ir, diagnostics: c.diagnostics };
}

export { Collector };
