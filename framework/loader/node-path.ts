/**
 * JSON pointer (ajv's `instancePath`) → the YAML node it names → SourceSpan.
 * Must hold: a pointer that walks off the tree resolves to the deepest node that exists (never throws);
 * a map entry whose value is a collection or missing is located at its key (the line a reader looks at),
 * a scalar value at the value itself.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { SourceSpan } from '../source.js';
import { documentSpan, spanOf, type YamlContext } from './read-yaml.js';
import { asNode, keyText, resolveAlias } from './to-plain.js';

/** Split a JSON pointer (`/detection/sel~1x/0`) into its decoded segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

interface Located {
  readonly node: Node | null;
  /** The key node when the last step was a map entry. */
  readonly key: Node | null;
}

/** The span of the node at `pointer`, or of its nearest existing ancestor. */
export function spanOfPointer(pointer: string, ctx: YamlContext): SourceSpan {
  const found = walk(pointerSegments(pointer), ctx);
  if (found === null) return documentSpan(ctx);
  const { node, key } = found;
  if (key !== null && !isWrittenScalar(node)) return spanOf(key, ctx);
  return spanOf(node ?? key, ctx);
}

/** A scalar with text of its own (not the empty value of `key:`). */
function isWrittenScalar(node: Node | null): boolean {
  return isScalar(node) && node.source !== '';
}

function walk(segments: readonly string[], ctx: YamlContext): Located | null {
  let current: Located | null = null;
  let node = resolveAlias(ctx.doc.contents, ctx);
  for (const segment of segments) {
    const next = step(node, segment);
    if (next === null) break;
    current = next;
    node = resolveAlias(next.node, ctx);
  }
  return current;
}

/** The entry of a map node whose key text is `key`, with aliases of the value followed. */
export function findEntry(
  map: Node | null,
  key: string,
  ctx: YamlContext,
): { key: Node | null; value: Node | null } | null {
  const found = step(resolveAlias(map, ctx), key);
  return found === null ? null : { key: found.key, value: resolveAlias(found.node, ctx) };
}

function step(node: Node | null, segment: string): Located | null {
  if (isMap(node)) {
    const pair = node.items.find((p) => keyText(p.key) === segment);
    return pair === undefined ? null : { node: asNode(pair.value), key: asNode(pair.key) };
  }
  if (isSeq(node) && /^\d+$/.test(segment)) {
    const item = node.items[Number(segment)];
    return item === undefined ? null : { node: asNode(item), key: null };
  }
  return null;
}
