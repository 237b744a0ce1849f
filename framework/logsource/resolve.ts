/**
 * A rule's log source → the variants under which it applies (semantics §10.2, gating algorithm).
 * In: a validated LogsourceMap and the rule's (product, category, service). Out: OR-ed ResolvedVariants, or null
 * when nothing maps (the caller then gates the rule by product with resolveUnmapped and reports LOGSOURCE_UNMAPPED).
 * Rules: log-source values match exactly (case-sensitive); an absent product, on either side, matches any.
 *  - category given: every variant of every matching category entry, its service entry's conditions AND its own;
 *    when the rule also names a service, only the variants on that service (name or alias).
 *    If that leaves nothing and the rule names a service, the service entry alone gates (as pySigma's
 *    service→channel condition would); otherwise null.
 *  - only a service: the matching service entries. Only a product, or nothing: null.
 * Output order follows the map file (entries, then variants), so it is deterministic. Results are fresh copies.
 */
import type { ScalarValue } from '../loader/types.js';
import type { SourceSpan } from '../source.js';
import type { CategoryEntry, CategoryVariant, ConditionMap, LogsourceMap, LogsourceQuery, ProductEntry, ResolvedVariant, ServiceEntry } from './types.js';

export function resolveLogsource(map: LogsourceMap, logsource: LogsourceQuery): ResolvedVariant[] | null {
  if (logsource.category !== undefined) {
    const variants = resolveCategory(map, logsource, logsource.category);
    if (variants.length > 0) return variants;
  }
  if (logsource.service !== undefined) {
    const variants = resolveService(map, logsource, logsource.service);
    if (variants.length > 0) return variants;
  }
  return null;
}

/** Start of the label of every unmapped log source's variant (the rest says which events it applies to). */
export const UNMAPPED_LABEL = 'unmapped log source: ';

/**
 * The gate of a log source that resolveLogsource leaves unmapped (semantics §10.2: a rule applies only where its
 * product, when it names one, is the event's). Out: one variant, or null = every event.
 *  - The rule's product has a product entry: the events of that product (`windows/file_access` → events with a
 *    `Channel`, other than Sysmon for Linux's).
 *  - Otherwise, when the rule names a product, category or service: the events of no product entry, so a zeek,
 *    linux or proxy rule is not evaluated on Windows events.
 *  - A rule without a log source, or a map without product entries: null.
 */
export function resolveUnmapped(map: LogsourceMap, logsource: LogsourceQuery): ResolvedVariant | null {
  if (map.products.length === 0) return null;
  const own = map.products.find((entry) => entry.product === logsource.product);
  if (own !== undefined) {
    // Not absent, not null, none of the exceptions: exactly the events the other branch below leaves out.
    const conditions = [{ [`${own.field}|neq`]: [null, ...own.except] }];
    const unless = own.except.length > 0 ? `, not ${own.except.join(' or ')}` : '';
    return {
      label: `${UNMAPPED_LABEL}events of product ${own.product} (${own.field} present${unless})`,
      conditions,
      conditionSpans: conditions.map(() => own.span),
      renames: {},
    };
  }
  if (logsource.product === undefined && logsource.category === undefined && logsource.service === undefined) return null;
  // One map per product entry (AND-ed): its field absent, null, or one of its exceptions.
  const conditions = map.products.map((entry) => ({ [entry.field]: [null, ...entry.except] }));
  return {
    label: `${UNMAPPED_LABEL}events of no known product (${map.products.map(describeOutside).join('; ')})`,
    conditions,
    conditionSpans: map.products.map((entry) => entry.span),
    renames: {},
  };
}

function describeOutside(entry: ProductEntry): string {
  return `no ${entry.field}${entry.except.length > 0 ? `, or ${entry.field} ${entry.except.join(' or ')}` : ''}`;
}

/** Compact display text: the present parts joined by `/` (`windows/process_creation`, `antivirus`). */
export function formatLogsource(logsource: LogsourceQuery): string {
  const parts = [logsource.product, logsource.category, logsource.service].filter((p) => p !== undefined);
  return parts.length > 0 ? parts.join('/') : '(no log source)';
}

function resolveCategory(map: LogsourceMap, logsource: LogsourceQuery, category: string): ResolvedVariant[] {
  const out: ResolvedVariant[] = [];
  for (const entry of map.categories) {
    if (entry.category !== category || !productsMatch(entry.product, logsource.product)) continue;
    for (const variant of entry.variants) out.push(...expandVariant(map, logsource, entry, variant));
  }
  return out;
}

/** One ResolvedVariant per service entry the variant lands on (one without a service gate if it names none). */
function expandVariant(
  map: LogsourceMap,
  logsource: LogsourceQuery,
  entry: CategoryEntry,
  variant: CategoryVariant,
): ResolvedVariant[] {
  const own = summarize(variant.conditions);
  const ruleText = formatLogsource(logsource);
  if (variant.service === undefined) {
    if (logsource.service !== undefined) return [];
    return [build(`${ruleText}${own ? ` (${own})` : ''}`, [], variant)];
  }
  const product = variant.product ?? entry.product ?? logsource.product;
  return serviceEntries(map, product, variant.service)
    .filter((service) => logsource.service === undefined || names(service, logsource.service))
    .map((service) => build(`${ruleText} via ${variant.service}${own ? ` (${own})` : ''}`, [service], variant));
}

function resolveService(map: LogsourceMap, logsource: LogsourceQuery, service: string): ResolvedVariant[] {
  const ruleText = formatLogsource(logsource);
  return serviceEntries(map, logsource.product, service).map((entry) => {
    const entryText = formatLogsource({ product: entry.product ?? logsource.product, service: entry.service });
    return build(entryText === ruleText ? ruleText : `${ruleText} via ${entryText}`, [entry], undefined);
  });
}

function serviceEntries(map: LogsourceMap, product: string | undefined, service: string): ServiceEntry[] {
  return map.services.filter((entry) => names(entry, service) && productsMatch(entry.product, product));
}

function names(entry: ServiceEntry, service: string): boolean {
  return entry.service === service || entry.aliases.includes(service);
}

/** Absent on either side = any product. */
function productsMatch(entryProduct: string | undefined, ruleProduct: string | undefined): boolean {
  return entryProduct === undefined || ruleProduct === undefined || entryProduct === ruleProduct;
}

interface Gate {
  readonly conditions: ConditionMap;
  readonly conditionsSpan: SourceSpan;
  readonly renames: Readonly<Record<string, string>>;
}

/** The service entries' gates, then the variant's own; empty condition maps are left out. */
function build(label: string, services: readonly ServiceEntry[], variant: CategoryVariant | undefined): ResolvedVariant {
  const gates: Gate[] = [...services, ...(variant ? [variant] : [])];
  const conditions: Record<string, ScalarValue | ScalarValue[]>[] = [];
  const conditionSpans: SourceSpan[] = [];
  let renames: Record<string, string> = {};
  for (const gate of gates) {
    if (Object.keys(gate.conditions).length > 0) {
      conditions.push(copyConditions(gate.conditions));
      conditionSpans.push(gate.conditionsSpan);
    }
    renames = { ...renames, ...gate.renames };
  }
  return { label, conditions, conditionSpans, renames };
}

function copyConditions(conditions: ConditionMap): Record<string, ScalarValue | ScalarValue[]> {
  const out: Record<string, ScalarValue | ScalarValue[]> = {};
  for (const [key, value] of Object.entries(conditions)) out[key] = Array.isArray(value) ? [...value] : value;
  return out;
}

/** `EventID 12, EventType CreateKey`; list values joined with `|`. */
function summarize(conditions: ConditionMap): string {
  return Object.entries(conditions)
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.map(String).join('|') : String(value)}`)
    .join(', ');
}
