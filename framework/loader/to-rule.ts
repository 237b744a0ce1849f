/**
 * Validated document → SigmaRule / SigmaCorrelation / SigmaFilter (loader/types.ts).
 * In: the kind, the plain value (already schema-valid) and the YAML context for spans. Out: the typed
 * document, or `null` with the located errors of its detection (EMPTY_DETECTION, INVALID_VALUE).
 * Must hold: nothing is interpreted (modifiers are names, conditions are text); `raw` is the plain value.
 */
import { isMap } from 'yaml';
import { hasErrors, InvariantError, type Diagnostic } from '../diagnostics.js';
import type { SourceSpan } from '../source.js';
import type { DocumentKind } from './classify.js';
import { buildDetection, type DetectionResult } from './detection.js';
import { findEntry, spanOfPointer } from './node-path.js';
import { documentSpan, spanOf, type YamlContext } from './read-yaml.js';
import type { LogSource, SigmaDocument, SigmaFilter, SigmaRule } from './types.js';

export interface ToDocumentResult {
  readonly document: SigmaDocument | null;
  readonly diagnostics: readonly Diagnostic[];
}

type Plain = Readonly<Record<string, unknown>>;

const RULE_RESERVED: ReadonlySet<string> = new Set(['condition']);
const FILTER_RESERVED: ReadonlySet<string> = new Set(['condition', 'rules']);
const OPTIONAL_STRINGS = ['id', 'name', 'status', 'level', 'description', 'author', 'date', 'modified'] as const;

/** The fields every document has. */
type DocumentBase = Omit<SigmaRule, 'kind' | 'logsource' | 'logsourceSpan' | 'detection'>;

/**
 * Documents are built by adding fields to the base (Object.assign), not with `{ ...base, … }`: V8 gives each
 * object made by such a spread a hidden class of its own, which makes every later read of a document slow.
 */
export function toDocument(kind: DocumentKind, value: Plain, ctx: YamlContext, docIndex: number): ToDocumentResult {
  const base = documentBase(value, ctx, docIndex);
  if (kind === 'correlation') {
    const pointerSpans = correlationPointerSpans(value, ctx);
    return { document: Object.assign(base, { kind, correlation: asPlain(value['correlation']), pointerSpans }), diagnostics: [] };
  }
  const section = kind === 'rule' ? 'detection' : 'filter';
  const built = detectionOf(section, kind === 'rule' ? RULE_RESERVED : FILTER_RESERVED, ctx);
  if (built.detection === null || hasErrors(built.diagnostics)) {
    return { document: null, diagnostics: built.diagnostics };
  }
  const logsource = logSourceOf(value['logsource']);
  const detection = built.detection;
  if (kind === 'rule') {
    const logsourceSpan = keySpan('logsource', ctx);
    return { document: Object.assign(base, { kind, logsource, logsourceSpan, detection }), diagnostics: built.diagnostics };
  }
  const targets = targetsOf(asPlain(value['filter'])['rules']);
  const filter: SigmaFilter = Object.assign(base, { kind, logsource, targets, detection });
  return { document: filter, diagnostics: built.diagnostics };
}

function documentBase(value: Plain, ctx: YamlContext, docIndex: number): DocumentBase {
  // Key order: file, docIndex, span, title, the optional strings present, tags, references, falsepositives, raw.
  const base: { -readonly [K in keyof DocumentBase]?: DocumentBase[K] } = {
    file: ctx.file,
    docIndex,
    span: documentSpan(ctx),
    title: String(value['title']),
  };
  for (const key of OPTIONAL_STRINGS) {
    const v = value[key];
    if (typeof v === 'string') base[key] = v;
  }
  base.tags = stringsOf(value['tags']);
  base.references = stringsOf(value['references']);
  base.falsepositives = stringsOf(value['falsepositives']);
  base.raw = value;
  return base as DocumentBase;
}

/** Every node under `/correlation` (and `/generate`) → its span, for located correlation diagnostics. */
function correlationPointerSpans(value: Plain, ctx: YamlContext): Record<string, SourceSpan> {
  const out: Record<string, SourceSpan> = {};
  const visit = (node: unknown, pointer: string): void => {
    out[pointer] = spanOfPointer(pointer, ctx);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      visit(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    }
  };
  visit(value['correlation'], '/correlation');
  if ('generate' in value) visit(value['generate'], '/generate');
  return out;
}

function detectionOf(section: string, reserved: ReadonlySet<string>, ctx: YamlContext): DetectionResult {
  const entry = findEntry(ctx.doc.contents, section, ctx);
  if (entry === null || !isMap(entry.value)) throw new InvariantError(`schema-valid document without a ${section} map`);
  return buildDetection(entry.value, spanOf(entry.key, ctx), reserved, ctx);
}

function keySpan(key: string, ctx: YamlContext): SourceSpan {
  const entry = findEntry(ctx.doc.contents, key, ctx);
  return entry === null ? documentSpan(ctx) : spanOf(entry.key, ctx);
}

function logSourceOf(value: unknown): LogSource {
  const plain = asPlain(value);
  const logsource: { -readonly [K in keyof LogSource]: string } = {};
  for (const key of ['product', 'category', 'service', 'definition'] as const) {
    const v = plain[key];
    if (typeof v === 'string') logsource[key] = v;
  }
  return logsource;
}

/** pySigma: `rules: any`, or an empty list, targets every rule with a matching log source. */
function targetsOf(rules: unknown): readonly string[] | 'any' {
  if (rules === 'any') return 'any';
  if (typeof rules === 'string') return [rules];
  const list = stringsOf(rules);
  return list.length === 0 ? 'any' : list;
}

/** The strings of a list; the plain list itself when it holds only strings (shared with `raw`, both read-only). */
function stringsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.every((v) => typeof v === 'string') ? (value as string[]) : value.filter((v): v is string => typeof v === 'string');
}

function asPlain(value: unknown): Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Plain) : {};
}
