/**
 * YAML nodes of a log-source map → ServiceEntry / CategoryEntry values (format: see default-map.ts).
 * In: one list item node of `services:` or `categories:`. Out: the entry, or `undefined` when it has a shape
 * error; every error is pushed to the context as a located LOGSOURCE_MAP diagnostic.
 * Must hold: an entry is returned only when all of its parts are valid (no partially read entries).
 */
import { isSeq, type Node } from 'yaml';
import type { ScalarValue } from '../loader/types.js';
import type { SourceSpan } from '../source.js';
import {
  deref,
  readFields,
  readName,
  readNameList,
  readScalarValue,
  report,
  spanOfNode,
  type Field,
  type MapContext,
} from './map-nodes.js';
import type { CategoryEntry, CategoryVariant, ConditionMap, ProductEntry, ServiceEntry } from './types.js';

const PRODUCT_KEYS = new Set(['product', 'field', 'except']);
const SERVICE_KEYS = new Set(['product', 'service', 'aliases', 'conditions', 'renames']);
const CATEGORY_KEYS = new Set(['product', 'category', 'variants']);
const VARIANT_KEYS = new Set(['product', 'service', 'conditions', 'renames']);

interface Gate {
  readonly conditions: ConditionMap;
  readonly conditionsSpan: SourceSpan;
  readonly renames: Record<string, string>;
}

export function parseServiceEntry(ctx: MapContext, node: Node | null, span: SourceSpan): ServiceEntry | undefined {
  const before = ctx.diagnostics.length;
  const fields = readFields(ctx, node, span, 'service entry', SERVICE_KEYS);
  if (!fields) return undefined;
  const entrySpan = spanOfNode(ctx, node, span);
  const product = optionalName(ctx, fields.get('product'));
  const service = requiredName(ctx, fields, 'service', entrySpan, 'service entry');
  const aliasField = fields.get('aliases');
  const aliases = aliasField ? readNameList(ctx, aliasField, 'service entry') : [];
  const gate = readGate(ctx, fields, entrySpan, true);
  if (ctx.diagnostics.length !== before || service === undefined || !gate || !aliases) return undefined;
  return { ...(product !== undefined ? { product } : {}), service, aliases, ...gate, span: entrySpan };
}

export function parseProductEntry(ctx: MapContext, node: Node | null, span: SourceSpan): ProductEntry | undefined {
  const before = ctx.diagnostics.length;
  const fields = readFields(ctx, node, span, 'product entry', PRODUCT_KEYS);
  if (!fields) return undefined;
  const entrySpan = spanOfNode(ctx, node, span);
  const product = requiredName(ctx, fields, 'product', entrySpan, 'product entry');
  const field = requiredName(ctx, fields, 'field', entrySpan, 'product entry');
  const exceptField = fields.get('except');
  const except = exceptField ? readNameList(ctx, exceptField, 'product entry') : [];
  if (ctx.diagnostics.length !== before || product === undefined || field === undefined || !except) return undefined;
  return { product, field, except, span: entrySpan };
}

export function parseCategoryEntry(ctx: MapContext, node: Node | null, span: SourceSpan): CategoryEntry | undefined {
  const before = ctx.diagnostics.length;
  const fields = readFields(ctx, node, span, 'category entry', CATEGORY_KEYS);
  if (!fields) return undefined;
  const entrySpan = spanOfNode(ctx, node, span);
  const product = optionalName(ctx, fields.get('product'));
  const category = requiredName(ctx, fields, 'category', entrySpan, 'category entry');
  const variants = readVariants(ctx, fields.get('variants'), entrySpan);
  if (ctx.diagnostics.length !== before || category === undefined || !variants) return undefined;
  return { ...(product !== undefined ? { product } : {}), category, variants, span: entrySpan };
}

function readVariants(ctx: MapContext, field: Field | undefined, entrySpan: SourceSpan): CategoryVariant[] | undefined {
  if (!field) {
    report(ctx, entrySpan, "category entry: missing key 'variants'");
    return undefined;
  }
  if (!isSeq(field.value) || field.value.items.length === 0) {
    report(ctx, field.valueSpan, "category entry: 'variants' must be a non-empty list of maps");
    return undefined;
  }
  const variants: CategoryVariant[] = [];
  for (const item of field.value.items) {
    const node = deref(ctx, item);
    const variant = parseVariant(ctx, node, spanOfNode(ctx, node, field.valueSpan));
    if (variant) variants.push(variant);
  }
  return variants;
}

function parseVariant(ctx: MapContext, node: Node | null, span: SourceSpan): CategoryVariant | undefined {
  const before = ctx.diagnostics.length;
  const fields = readFields(ctx, node, span, 'category variant', VARIANT_KEYS);
  if (!fields) return undefined;
  const product = optionalName(ctx, fields.get('product'));
  const service = optionalName(ctx, fields.get('service'));
  const gate = readGate(ctx, fields, span, false);
  if (ctx.diagnostics.length !== before || !gate) return undefined;
  if (product !== undefined && service === undefined) {
    report(ctx, span, "category variant: 'product' names the product of its service and needs 'service'");
    return undefined;
  }
  return {
    ...(product !== undefined ? { product } : {}),
    ...(service !== undefined ? { service } : {}),
    ...gate,
    span,
  };
}

/** `conditions` (required for service entries) and `renames` of an entry. */
function readGate(ctx: MapContext, fields: Map<string, Field>, span: SourceSpan, conditionsRequired: boolean): Gate | undefined {
  const conditionsField = fields.get('conditions');
  if (!conditionsField && conditionsRequired) {
    report(ctx, span, "service entry: missing key 'conditions'");
    return undefined;
  }
  const conditions = conditionsField ? readConditions(ctx, conditionsField) : {};
  const renamesField = fields.get('renames');
  const renames = renamesField ? readRenames(ctx, renamesField) : {};
  if (!conditions || !renames) return undefined;
  return { conditions, conditionsSpan: conditionsField?.valueSpan ?? span, renames };
}

/** A Sigma detection map: `field|mods: scalar | [scalars]`. */
function readConditions(ctx: MapContext, field: Field): ConditionMap | undefined {
  const fields = readFields(ctx, field.value, field.valueSpan, 'conditions');
  if (!fields) return undefined;
  if (fields.size === 0) {
    report(ctx, field.valueSpan, "'conditions' must not be empty (leave the key out instead)");
    return undefined;
  }
  const out: Record<string, ScalarValue | ScalarValue[]> = {};
  for (const f of fields.values()) {
    const value = readConditionValue(ctx, f);
    if (value === undefined) return undefined;
    out[f.key] = value;
  }
  return out;
}

function readConditionValue(ctx: MapContext, f: Field): ScalarValue | ScalarValue[] | undefined {
  if (!isSeq(f.value)) return readScalarValue(ctx, f.value, f.valueSpan);
  if (f.value.items.length === 0) {
    report(ctx, f.valueSpan, `condition '${f.key}': an empty list would match no event`);
    return undefined;
  }
  const values: ScalarValue[] = [];
  for (const item of f.value.items) {
    const node = deref(ctx, item);
    const value = readScalarValue(ctx, node, spanOfNode(ctx, node, f.valueSpan));
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/** `rule field: event field`, both non-empty strings. */
function readRenames(ctx: MapContext, field: Field): Record<string, string> | undefined {
  const fields = readFields(ctx, field.value, field.valueSpan, 'renames');
  if (!fields) return undefined;
  const out: Record<string, string> = {};
  for (const f of fields.values()) {
    const target = readName(ctx, f, 'rename of');
    if (target === undefined) return undefined;
    out[f.key] = target;
  }
  return out;
}

function optionalName(ctx: MapContext, field: Field | undefined): string | undefined {
  return field ? readName(ctx, field, 'value of') : undefined;
}

function requiredName(
  ctx: MapContext,
  fields: Map<string, Field>,
  key: string,
  span: SourceSpan,
  what: string,
): string | undefined {
  const field = fields.get(key);
  if (!field) {
    report(ctx, span, `${what}: missing key '${key}'`);
    return undefined;
  }
  return readName(ctx, field, 'value of');
}
