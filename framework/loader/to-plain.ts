/**
 * YAML nodes → plain JSON values. In: a parsed document. Out: the document as plain objects/arrays/scalars,
 * plus YAML_DATE_VALUE warnings.
 * Must hold: plain scalars under the top-level `detection` and `filter` keys are typed with YAML 1.1 (PyYAML,
 * semantics §2.1); everything else keeps the YAML 1.2 core typing of the `yaml` package; map keys are the text
 * as written (`keyText`), so the same function locates nodes from JSON pointers (node-path.ts). The typing of
 * scalars is plain-scalars.ts's; a document the fast reader read comes with its plain value already built
 * (YamlContext.plain, the same value: fast-yaml.test.ts checks it), which documentToPlain returns.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { asScalarValue, keyText, yaml11Value, YAML11_SECTIONS } from './plain-scalars.js';
import type { ScalarValue } from './types.js';
import { spanOf, type YamlContext } from './read-yaml.js';

export { keyText, YAML11_SECTIONS } from './plain-scalars.js';

const MAX_ALIAS_DEPTH = 64;

export interface PlainDocument {
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

/** The whole document as plain JSON (already built by the fast reader when it read the document). */
export function documentToPlain(ctx: YamlContext): PlainDocument {
  if (ctx.plain !== undefined) return { value: ctx.plain.value, diagnostics: ctx.plain.dates.map((node) => dateWarning(node, ctx)) };
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
  const typed = yaml11Value(node, yaml11);
  if (typed === null) return asScalarValue(node.value);
  if (typed.timestamp) out?.push(dateWarning(node, ctx));
  return typed.value;
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
  // isNode: a scalar, sequence, map or alias (one look at the node's type tag).
  return isNode(value) ? value : null;
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
