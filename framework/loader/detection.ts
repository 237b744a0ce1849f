/**
 * The `detection` map (or a filter's `filter` map) → SigmaDetection (semantics §3.1, §3.2). Shapes only:
 * modifiers stay names and conditions stay text (framework/ir gives them meaning).
 * In: the YAML map node, the keys that are not identifiers, the document's YAML context. Out: the detection,
 * or `null` plus located errors: EMPTY_DETECTION (empty map, empty list, bare null identifier) and
 * INVALID_VALUE (a list or map nested inside an item's value).
 * Must hold: identifier names and item keys are kept verbatim; plain scalars are typed with YAML 1.1.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import type { SourceSpan } from '../source.js';
import type {
  ScalarValue,
  SigmaCondition,
  SigmaDetection,
  SigmaIdentifier,
  SigmaItem,
  SigmaSearch,
} from './types.js';
import { spanOf, type YamlContext } from './read-yaml.js';
import { asNode, keyText, resolveAlias, scalarValue } from './to-plain.js';

export interface DetectionResult {
  readonly detection: SigmaDetection | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Build the detection of `map`; keys in `reserved` (`condition`, a filter's `rules`) are not identifiers. */
export function buildDetection(
  map: YAMLMap,
  span: SourceSpan,
  reserved: ReadonlySet<string>,
  ctx: YamlContext,
): DetectionResult {
  const out: Diagnostic[] = [];
  const identifiers: SigmaIdentifier[] = [];
  let conditions: SigmaCondition[] = [];
  for (const pair of map.items) {
    const name = keyText(pair.key);
    if (name === 'condition') conditions = buildConditions(asNode(pair.value), ctx);
    if (reserved.has(name)) continue;
    const at = spanOfKey(pair, ctx);
    const search = buildSearch(asNode(pair.value), at, name, ctx, out);
    if (search !== null) identifiers.push({ name, search, span: at });
  }
  if (hasErrors(out)) return { detection: null, diagnostics: out };
  // slice(): an exact-size copy (an array grown by push keeps 17 or more slots for the life of the rule set).
  return { detection: { identifiers: identifiers.slice(), conditions, span }, diagnostics: out };
}

function spanOfKey(pair: Pair, ctx: YamlContext): SourceSpan {
  return spanOf(asNode(pair.key), ctx);
}

function buildConditions(node: Node | null, ctx: YamlContext): SigmaCondition[] {
  const target = resolveAlias(node, ctx);
  if (isScalar(target)) return [condition(target, ctx)];
  if (!isSeq(target)) return [];
  return target.items.flatMap((item) => {
    const element = resolveAlias(asNode(item), ctx);
    return isScalar(element) ? [condition(element, ctx)] : [];
  });
}

function condition(node: Scalar, ctx: YamlContext): SigmaCondition {
  const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
  return { text: String(node.value), span: spanOf(node, ctx), textOffsetCol: quoted ? 1 : 0 };
}

/** The value of identifier `name` (declared at `at`). */
function buildSearch(
  node: Node | null,
  at: SourceSpan,
  name: string,
  ctx: YamlContext,
  out: Diagnostic[],
): SigmaSearch | null {
  const target = resolveAlias(node, ctx);
  if (isMap(target)) return buildMapSearch(target, at, name, ctx, out);
  if (isSeq(target)) return buildListSearch(target, at, name, ctx, out);
  const value = isScalar(target) ? scalarValue(target, ctx, true) : null;
  if (value === null || !isScalar(target)) {
    out.push(emptyDetection(`'${name}' is null; a search identifier needs a map, a list or a keyword`, at));
    return null;
  }
  const span = spanOf(target, ctx);
  return { kind: 'keywords', item: keywordItem([value], [span], false, span), span };
}

function buildMapSearch(
  map: YAMLMap,
  at: SourceSpan,
  name: string,
  ctx: YamlContext,
  out: Diagnostic[],
): SigmaSearch | null {
  if (map.items.length === 0) {
    out.push(emptyDetection(`'${name}' is an empty map; it must hold at least one field: value item`, at));
    return null;
  }
  const items = map.items.map((pair) => buildItem(pair, ctx, out));
  if (items.includes(null)) return { kind: 'map', items: items.filter((i) => i !== null), span: spanOf(map, ctx) };
  return { kind: 'map', items: items as SigmaItem[], span: spanOf(map, ctx) };
}

/** A list of scalars is one keyword item; a list holding a map or list is an OR of its elements. */
function buildListSearch(
  seq: YAMLSeq,
  at: SourceSpan,
  name: string,
  ctx: YamlContext,
  out: Diagnostic[],
): SigmaSearch | null {
  const elements = seq.items.map((item) => resolveAlias(asNode(item), ctx));
  const span = spanOf(seq, ctx);
  if (elements.length === 0) {
    out.push(emptyDetection(`'${name}' is an empty list; it must hold keywords or maps`, at));
    return null;
  }
  if (elements.every((e) => isScalar(e) || e === null)) {
    const values = elements.map((e) => (isScalar(e) ? scalarValue(e, ctx, true) : null));
    const spans = elements.map((e) => spanOf(e, ctx));
    return { kind: 'keywords', item: keywordItem(values, spans, true, span), span };
  }
  const searches = elements.map((e, i) => buildSearch(e, spanOf(e, ctx), `${name}[${i}]`, ctx, out));
  if (searches.some((s) => s === null)) return null;
  return { kind: 'anyOf', elements: searches as SigmaSearch[], span };
}

function keywordItem(
  values: readonly ScalarValue[],
  valueSpans: readonly SourceSpan[],
  isList: boolean,
  span: SourceSpan,
): SigmaItem {
  return { key: null, field: null, modifiers: [], values, isList, span, valueSpans };
}

/** `field|mod1|mod2: value(s)`; an empty field part (`'|all'`) makes a keyword item. */
function buildItem(pair: Pair, ctx: YamlContext, out: Diagnostic[]): SigmaItem | null {
  const key = keyText(pair.key);
  const parts = key.split('|');
  const first = parts[0] ?? '';
  const modifiers = parts.slice(1);
  const span = spanOfKey(pair, ctx);
  const value = resolveAlias(asNode(pair.value), ctx);
  const field = first === '' ? null : first;
  // Object literals, not `{ ...base, … }`: V8 turns such spreads into dictionary-mode objects (slow to build and
  // to read, one hidden class each).
  if (isSeq(value)) {
    const items = value.items;
    const values = new Array<ScalarValue>(items.length);
    const valueSpans = new Array<SourceSpan>(items.length);
    for (let i = 0; i < items.length; i++) {
      const element = resolveAlias(asNode(items[i]), ctx);
      if (!isScalar(element)) {
        out.push(nestedValue(key, spanOf(element, ctx)));
        return null;
      }
      values[i] = scalarValue(element, ctx, true);
      valueSpans[i] = spanOf(element, ctx);
    }
    return { key, field, modifiers, span, values, isList: true, valueSpans };
  }
  if (isMap(value)) {
    out.push(nestedValue(key, spanOf(value, ctx)));
    return null;
  }
  const scalar = isScalar(value) ? scalarValue(value, ctx, true) : null;
  const valueSpan = isScalar(value) && value.source !== '' ? spanOf(value, ctx) : span;
  return { key, field, modifiers, span, values: [scalar], isList: false, valueSpans: [valueSpan] };
}

function emptyDetection(message: string, span: SourceSpan): Diagnostic {
  return diagnostic('EMPTY_DETECTION', 'error', message, span);
}

function nestedValue(key: string, span: SourceSpan): Diagnostic {
  return diagnostic(
    'INVALID_VALUE',
    'error',
    `'${key}': a value must be a scalar or a list of scalars, not a nested list or map`,
    span,
  );
}
