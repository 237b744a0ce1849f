/**
 * Log-source map text or file → LogsourceMap (format: the comment at the top of default-map.ts).
 * In: YAML text and the file name used in spans, or a path (`--logsource-map FILE`), or nothing (the default).
 * Out: `{ map, diagnostics }`; `map` is null whenever any error was found, so a half-read map never gates events.
 * Errors (invalid YAML, wrong shape, unknown keys, duplicate entries, a variant naming a service without an
 * entry) are LOGSOURCE_MAP diagnostics located file:line:col; an unreadable file is IO_ERROR. Never throws.
 */
import { readFileSync } from 'node:fs';
import { isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import type { SourceSpan } from '../source.js';
import { DEFAULT_LOGSOURCE_MAP_SOURCE, DEFAULT_LOGSOURCE_MAP_YAML } from './default-map.js';
import { deref, readFields, report, spanAtOffset, spanOfNode, type Field, type MapContext } from './map-nodes.js';
import { parseCategoryEntry, parseProductEntry, parseServiceEntry } from './parse-entries.js';
import type { CategoryEntry, LogsourceMap, ProductEntry, ServiceEntry } from './types.js';

export interface LoadMapResult {
  readonly map: LogsourceMap | null;
  readonly diagnostics: readonly Diagnostic[];
}

const TOP_KEYS = new Set(['version', 'products', 'services', 'categories']);
const FORMAT_VERSION = 1;

/** Parse and validate map text; `source` is the file name used in spans and in `map.source`. */
export function parseLogsourceMap(text: string, source: string): LoadMapResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const ctx: MapContext = { file: source, lineCounter, doc, diagnostics: [] };
  for (const error of doc.errors) report(ctx, spanAtOffset(ctx, error.pos[0]), firstLine(error.message));
  if (doc.errors.length > 0) return { map: null, diagnostics: ctx.diagnostics };
  const map = readTopLevel(ctx, doc);
  if (map) checkCrossReferences(ctx, map);
  return { map: map === undefined || hasErrors(ctx.diagnostics) ? null : map, diagnostics: ctx.diagnostics };
}

/** Read a map file (IO_ERROR when it cannot be read). */
export function loadLogsourceMapFile(path: string): LoadMapResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { map: null, diagnostics: [diagnostic('IO_ERROR', 'error', `cannot read log-source map: ${reason}`, fileStart(path))] };
  }
  return parseLogsourceMap(text, path);
}

/** The project's default map (default-map.ts). */
export function defaultLogsourceMap(): LoadMapResult {
  return parseLogsourceMap(DEFAULT_LOGSOURCE_MAP_YAML, DEFAULT_LOGSOURCE_MAP_SOURCE);
}

/** The map named by `--logsource-map FILE`, or the default map when no file is given. */
export function loadLogsourceMapOption(file: string | undefined): LoadMapResult {
  return file === undefined ? defaultLogsourceMap() : loadLogsourceMapFile(file);
}

function readTopLevel(ctx: MapContext, doc: Document.Parsed): LogsourceMap | undefined {
  const docSpan = spanOfNode(ctx, doc.contents);
  const fields = readFields(ctx, deref(ctx, doc.contents), docSpan, 'log-source map', TOP_KEYS);
  if (!fields) return undefined;
  checkVersion(ctx, fields.get('version'));
  if (!fields.has('services') && !fields.has('categories')) {
    report(ctx, docSpan, "log-source map: needs 'services' and/or 'categories'");
  }
  const products = readList(ctx, fields.get('products'), parseProductEntry);
  const services = readList(ctx, fields.get('services'), parseServiceEntry);
  const categories = readList(ctx, fields.get('categories'), parseCategoryEntry);
  return { source: ctx.file, products, services, categories };
}

function checkVersion(ctx: MapContext, field: Field | undefined): void {
  if (field === undefined) return;
  const value = isScalar(field.value) ? field.value.value : undefined;
  if (value !== FORMAT_VERSION) report(ctx, field.valueSpan, `log-source map: 'version' must be ${FORMAT_VERSION}`);
}

function readList<T>(
  ctx: MapContext,
  field: Field | undefined,
  parse: (ctx: MapContext, node: Node | null, span: SourceSpan) => T | undefined,
): T[] {
  if (field === undefined) return [];
  if (!isSeq(field.value)) {
    report(ctx, field.valueSpan, `log-source map: '${field.key}' must be a list of maps`);
    return [];
  }
  const out: T[] = [];
  for (const item of field.value.items) {
    const node = deref(ctx, item);
    const entry = parse(ctx, node, spanOfNode(ctx, node, field.valueSpan));
    if (entry !== undefined) out.push(entry);
  }
  return out;
}

/** Duplicate (product, name) entries and variants naming a service that has no compatible entry. */
function checkCrossReferences(ctx: MapContext, map: LogsourceMap): void {
  const seenProducts = new Map<string, ProductEntry>();
  for (const entry of map.products) reportDuplicate(ctx, seenProducts, entry.product, entry, `product '${entry.product}'`);
  const seenServices = new Map<string, ServiceEntry>();
  for (const entry of map.services) {
    for (const name of [entry.service, ...entry.aliases]) {
      reportDuplicate(ctx, seenServices, `${entry.product ?? '*'}/${name}`, entry, `service '${name}'`);
    }
  }
  const seenCategories = new Map<string, CategoryEntry>();
  for (const entry of map.categories) {
    const key = `${entry.product ?? '*'}/${entry.category}`;
    reportDuplicate(ctx, seenCategories, key, entry, `category '${entry.category}'`);
    checkVariantServices(ctx, map, entry);
  }
}

function reportDuplicate<T extends { readonly span: SourceSpan }>(
  ctx: MapContext,
  seen: Map<string, T>,
  key: string,
  entry: T,
  what: string,
): void {
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, entry);
    return;
  }
  report(ctx, entry.span, `duplicate entry for ${what} (first at line ${first.span.line}): merge the two entries`);
}

function checkVariantServices(ctx: MapContext, map: LogsourceMap, entry: CategoryEntry): void {
  for (const variant of entry.variants) {
    if (variant.service === undefined) continue;
    const product = variant.product ?? entry.product;
    const service = variant.service;
    const known = map.services.some(
      (s) => (s.service === service || s.aliases.includes(service)) && compatible(s.product, product),
    );
    if (!known) {
      const where = product === undefined ? '' : ` for product '${product}'`;
      report(ctx, variant.span, `category '${entry.category}': variant service '${service}' has no service entry${where}`);
    }
  }
}

/** Two product values are compatible when either is absent (any product) or they are equal. */
function compatible(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function fileStart(file: string): SourceSpan {
  return { file, line: 1, col: 1 };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
