/**
 * Document → its kind (semantics §2.3, §2.4). In: a document's plain value and its YAML context (for spans).
 * Out: 'rule' | 'correlation' | 'filter', or a located error: DOCUMENT_NOT_MAP for a non-map document,
 * LEGACY_ACTION for Sigma 1.x `action: global|reset|repeat` documents.
 * Must hold: `correlation` wins over `filter`, which wins over a plain rule; any other `action` value is an
 * ordinary custom attribute.
 */
import { isMap } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { documentSpan, spanOf, type YamlContext } from './read-yaml.js';
import { findEntry } from './node-path.js';

export type DocumentKind = 'rule' | 'correlation' | 'filter';

export type Classification =
  | { readonly ok: true; readonly kind: DocumentKind; readonly value: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

const LEGACY_ACTIONS: ReadonlySet<string> = new Set(['global', 'reset', 'repeat']);

export function classifyDocument(value: unknown, ctx: YamlContext): Classification {
  if (!isPlainObject(value) || !isMap(ctx.doc.contents)) {
    return { ok: false, diagnostic: notMap(ctx) };
  }
  const action = value['action'];
  if (typeof action === 'string' && LEGACY_ACTIONS.has(action)) {
    return { ok: false, diagnostic: legacyAction(action, ctx) };
  }
  if ('correlation' in value) return { ok: true, kind: 'correlation', value };
  if ('filter' in value) return { ok: true, kind: 'filter', value };
  return { ok: true, kind: 'rule', value };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notMap(ctx: YamlContext): Diagnostic {
  return diagnostic(
    'DOCUMENT_NOT_MAP',
    'error',
    'a Sigma document must be a map of attributes (title, logsource, detection, ...)',
    documentSpan(ctx),
  );
}

function legacyAction(action: string, ctx: YamlContext): Diagnostic {
  const advice =
    action === 'global' ? 'merge the global document into each rule' : 'write each rule as a complete document';
  const message = `Sigma 1.x multi-document collections (action: ${action}) are not supported by Sigma v2; ${advice}`;
  const entry = findEntry(ctx.doc.contents, 'action', ctx);
  return diagnostic('LEGACY_ACTION', 'error', message, entry === null ? documentSpan(ctx) : spanOf(entry.key, ctx));
}
