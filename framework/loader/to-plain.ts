/**
 * YAML nodes → plain JSON values. In: a parsed document. Out: the document as plain objects/arrays/scalars,
 * plus YAML_DATE_VALUE warnings.
 * Must hold: plain scalars under the top-level `detection` and `filter` keys are typed with YAML 1.1 (PyYAML,
 * semantics §2.1); everything else keeps the YAML 1.2 core typing of the `yaml` package; map keys are the text
 * as written (`keyText`), so the same function locates nodes from JSON pointers (node-path.ts).
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ScalarValue } from './types.js';
import { spanOf, type YamlContext } from './read-yaml.js';
import { resolveYaml11Plain } from './yaml11.js';

/** Top-level keys whose subtree is typed like PyYAML does. */
export const YAML11_SECTIONS: ReadonlySet<string> = new Set(['detection', 'filter']);

const MAX_ALIAS_DEPTH = 64;

export interface PlainDocument {
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

/** The whole document as plain JSON. */
export function documentToPlain(ctx: YamlContext): PlainDocument {
  const diagnostics: Diagnostic[] = [];
  const contents = ctx.doc.contents;
  if (!isMap(contents)) return { value: nodeToPlain(contents, ctx, false, diagnostics), diagnostics };
  const value: Record<string, unknown> = {};
  for (const pair of contents.items) {
    const key = keyText(pair.key);
    value[key] = nodeToPlain(asNode(pair.value), ctx, YAML11_SECTIONS.has(key), diagnostics);
  }
  return { value, diagnostics };
}

/** Plain JSON of any node; `yaml11` selects PyYAML typing of plain scalars. */
export function nodeToPlain(
  node: Node | null,
  ctx: YamlContext,
  yaml11: boolean,
  out: Diagnostic[],
  depth = 0,
): unknown {
  const target = resolveAlias(node, ctx, depth);
  if (target === null) return null;
  if (isScalar(target)) return scalarValue(target, ctx, yaml11, out);
  if (isSeq(target)) return target.items.map((item) => nodeToPlain(asNode(item), ctx, yaml11, out, depth + 1));
  if (isMap(target)) {
    const value: Record<string, unknown> = {};
    for (const pair of target.items) {
      value[keyText(pair.key)] = nodeToPlain(asNode(pair.value), ctx, yaml11, out, depth + 1);
    }
    return value;
  }
  return null;
}

/**
 * The value of a scalar node; plain scalars are re-typed with YAML 1.1 when `yaml11` is set. Timestamp
 * warnings go to `out` when given (documentToPlain reports them; later passes omit `out`).
 */
export function scalarValue(node: Scalar, ctx: YamlContext, yaml11: boolean, out?: Diagnostic[]): ScalarValue {
  if (yaml11 && isImplicitPlain(node)) {
    const typed = resolveYaml11Plain(node.source ?? '');
    if (typed.timestamp) out?.push(dateWarning(node, ctx));
    return typed.value;
  }
  return asScalarValue(node.value);
}

/** A map key as text: plain keys verbatim, quoted keys decoded, anything else stringified. */
export function keyText(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) {
    if (isImplicitPlain(key)) return key.source ?? String(key.value);
    return key.value === null ? '' : String(key.value);
  }
  return JSON.stringify(key);
}

/** Follow aliases to the anchored node; `null` for a missing node or a runaway alias chain. */
export function resolveAlias(node: Node | null, ctx: YamlContext, depth = 0): Node | null {
  if (node === null || depth > MAX_ALIAS_DEPTH) return null;
  if (!isAlias(node)) return node;
  const target = node.resolve(ctx.doc);
  return target === undefined ? null : resolveAlias(target as Node, ctx, depth + 1);
}

/** Narrow the `unknown` values of yaml's pairs and sequences to nodes. */
export function asNode(value: unknown): Node | null {
  return isScalar(value) || isSeq(value) || isMap(value) || isAlias(value) ? value : null;
}

function isImplicitPlain(node: Scalar): boolean {
  return node.type === 'PLAIN' && node.tag === undefined;
}

function asScalarValue(value: unknown): ScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

function dateWarning(node: Scalar, ctx: YamlContext): Diagnostic {
  const text = node.source ?? '';
  return diagnostic(
    'YAML_DATE_VALUE',
    'warning',
    `'${text}' is a timestamp in YAML 1.1 (pySigma cannot use it as a value); ` +
      `kept as the string "${text}" — quote it`,
    spanOf(node, ctx),
  );
}
