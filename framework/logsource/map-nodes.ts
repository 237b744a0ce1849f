/**
 * Reading YAML nodes of a log-source map file: spans, maps with a closed set of keys, names, scalar lists.
 * In: yaml's parsed nodes plus a context (file name, LineCounter, document). Out: plain values or `undefined`,
 * with a located LOGSOURCE_MAP diagnostic pushed for every shape error (never a throw).
 * Plain scalars of conditions are typed with YAML 1.1 rules, as in rule detections (semantics §2.1).
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ScalarValue } from '../loader/types.js';
import { resolveYaml11Plain } from '../loader/yaml11.js';
import type { SourceSpan } from '../source.js';

const MAX_ALIAS_DEPTH = 16;

export interface MapContext {
  readonly file: string;
  readonly lineCounter: LineCounter;
  readonly doc: Document.Parsed;
  readonly diagnostics: Diagnostic[];
}

/** A key of a map with its value node (aliases resolved) and spans. */
export interface Field {
  readonly key: string;
  readonly value: Node | null;
  readonly keySpan: SourceSpan;
  readonly valueSpan: SourceSpan;
}

export function spanAtOffset(ctx: MapContext, offset: number): SourceSpan {
  const { line, col } = ctx.lineCounter.linePos(offset);
  return { file: ctx.file, line, col };
}

export function spanOfNode(ctx: MapContext, node: Node | null | undefined, fallback?: SourceSpan): SourceSpan {
  const offset = node?.range?.[0];
  if (offset === undefined) return fallback ?? spanAtOffset(ctx, 0);
  return spanAtOffset(ctx, offset);
}

export function report(ctx: MapContext, span: SourceSpan, message: string): void {
  ctx.diagnostics.push(diagnostic('LOGSOURCE_MAP', 'error', message, span));
}

/** Follow aliases to the anchored node; `null` for an empty value or a runaway alias chain. */
export function deref(ctx: MapContext, value: unknown, depth = 0): Node | null {
  if (value === null || value === undefined || depth > MAX_ALIAS_DEPTH) return null;
  if (isAlias(value)) return deref(ctx, value.resolve(ctx.doc), depth + 1);
  return isScalar(value) || isSeq(value) || isMap(value) ? value : null;
}

/**
 * The fields of a map node whose keys are all in `allowed`; unknown or non-string keys are reported and
 * skipped. `undefined` (reported) when `node` is not a map.
 */
export function readFields(
  ctx: MapContext,
  node: Node | null,
  span: SourceSpan,
  what: string,
  allowed?: ReadonlySet<string>,
): Map<string, Field> | undefined {
  if (!isMap(node)) {
    report(ctx, spanOfNode(ctx, node, span), `${what} must be a map`);
    return undefined;
  }
  const fields = new Map<string, Field>();
  for (const pair of (node as YAMLMap<unknown, unknown>).items) {
    const keyNode = deref(ctx, pair.key);
    const keySpan = spanOfNode(ctx, keyNode, span);
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string' || keyNode.value === '') {
      report(ctx, keySpan, `${what}: keys must be non-empty strings`);
      continue;
    }
    if (allowed && !allowed.has(keyNode.value)) {
      report(ctx, keySpan, `${what}: unknown key '${keyNode.value}' (allowed: ${[...allowed].join(', ')})`);
      continue;
    }
    const value = deref(ctx, pair.value);
    const valueSpan = spanOfNode(ctx, value, keySpan);
    fields.set(keyNode.value, { key: keyNode.value, value, keySpan, valueSpan });
  }
  return fields;
}

/** A non-empty string value; `undefined` (reported) otherwise. */
export function readName(ctx: MapContext, field: Field, what: string): string | undefined {
  const node = field.value;
  if (isScalar(node) && typeof node.value === 'string' && node.value !== '') return node.value;
  report(ctx, field.valueSpan, `${what} '${field.key}' must be a non-empty string`);
  return undefined;
}

/** A sequence of non-empty strings; `undefined` (reported) otherwise. */
export function readNameList(ctx: MapContext, field: Field, what: string): string[] | undefined {
  if (!isSeq(field.value)) {
    report(ctx, field.valueSpan, `${what} '${field.key}' must be a list of strings`);
    return undefined;
  }
  const names: string[] = [];
  for (const item of field.value.items) {
    const node = deref(ctx, item);
    if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') {
      report(ctx, spanOfNode(ctx, node, field.valueSpan), `${what} '${field.key}' must list non-empty strings`);
      return undefined;
    }
    names.push(node.value);
  }
  return names;
}

/** A scalar as a Sigma value: plain scalars with YAML 1.1 typing, quoted ones as written. */
export function readScalarValue(ctx: MapContext, node: Node | null, span: SourceSpan): ScalarValue | undefined {
  if (node === null) return null;
  if (!isScalar(node)) {
    report(ctx, span, 'a condition value must be a scalar or a list of scalars');
    return undefined;
  }
  if (node.type === 'PLAIN' && node.tag === undefined) return resolveYaml11Plain(node.source ?? '').value;
  const value: unknown = node.value;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  report(ctx, span, 'a condition value must be a string, number, boolean or null');
  return undefined;
}
