/**
 * Node construction for fast-yaml.ts. The `yaml` package's node and document constructors tag each object with
 * `Object.defineProperty` (a runtime call per node that costs more than the rest of reading a rule) and give each
 * document its own options, directives and schema. The functions here make instances of the same classes (same
 * prototype chain, so `instanceof`, `isScalar`/`isMap`/…/`isDocument` and every method behave the same) whose
 * non-enumerable own properties — the type tag and a collection's `schema`, with the values and attributes yaml
 * gives them — are inherited from a per-class prototype instead; every document shares one template's options,
 * directives and schema (the loader only reads them).
 * Contract: a sample instance of each class is made with yaml's own constructor and its non-enumerable own
 * properties are copied onto the prototype as they are; when a sample has an enumerable symbol property (a `yaml`
 * release that tags nodes differently) the real constructors are used.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type ParsedNode } from 'yaml';

const TEMPLATE = new Document(undefined, { schema: 'core', uniqueKeys: true, prettyErrors: false });

/** The schema of every document made here. */
export const SCHEMA = TEMPLATE.schema;

/** A prototype carrying `sample`'s non-enumerable own properties, or null (see the header). */
function hiddenPrototype(sample: object): object | null {
  const descriptors = Object.getOwnPropertyDescriptors(sample) as Record<string | symbol, PropertyDescriptor>;
  const hidden: PropertyDescriptorMap = {};
  for (const key of Reflect.ownKeys(descriptors)) {
    const descriptor = descriptors[key] as PropertyDescriptor;
    if (typeof key === 'symbol' && descriptor.enumerable === true) return null;
    if (descriptor.enumerable !== true) hidden[key] = descriptor;
  }
  return Object.create(Object.getPrototypeOf(sample) as object, hidden) as object;
}

const SCALAR = hiddenPrototype(new Scalar(null));
const PAIR = hiddenPrototype(new Pair(null, null));
const MAP = hiddenPrototype(new YAMLMap(SCHEMA));
const SEQ = hiddenPrototype(new YAMLSeq(SCHEMA));
const DOCUMENT = hiddenPrototype(TEMPLATE);

export function newScalar(value: unknown): Scalar {
  if (SCALAR === null) return new Scalar(value);
  const scalar = Object.create(SCALAR) as Scalar;
  scalar.value = value;
  return scalar;
}

export function newPair<K, V>(key: K, value: V): Pair<K, V> {
  if (PAIR === null) return new Pair(key, value);
  const pair = Object.create(PAIR) as Pair<K, V>;
  pair.key = key;
  pair.value = value;
  return pair;
}

export function newMap(): YAMLMap<ParsedNode, ParsedNode> {
  if (MAP === null) return new YAMLMap(SCHEMA);
  const map = Object.create(MAP) as YAMLMap<ParsedNode, ParsedNode>;
  map.items = [];
  return map;
}

export function newSeq(): YAMLSeq<ParsedNode> {
  if (SEQ === null) return new YAMLSeq(SCHEMA);
  const seq = Object.create(SEQ) as YAMLSeq<ParsedNode>;
  seq.items = [];
  return seq;
}

/** An empty document (contents null) with the template's options, directives and schema. */
export function newDocument(): Document.Parsed {
  if (DOCUMENT === null) return new Document(undefined, TEMPLATE.options) as Document.Parsed;
  const doc = Object.create(DOCUMENT) as Document.Parsed;
  // The enumerable fields of a Document, in its constructor's order.
  const fields = doc as unknown as Record<string, unknown>;
  fields['commentBefore'] = null;
  fields['comment'] = null;
  fields['errors'] = [];
  fields['warnings'] = [];
  fields['options'] = TEMPLATE.options;
  fields['directives'] = TEMPLATE.directives;
  fields['schema'] = SCHEMA;
  fields['contents'] = null;
  return doc;
}
