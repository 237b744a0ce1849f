/**
 * Test support: does fast-yaml.ts give what the `yaml` package gives for a text? In: a text. Out: `'outside'`
 * when the fast reader declined it, `'same'` when it accepted it and agrees with `parseAllDocuments` (one document,
 * no error or warning, equal line starts, equal node trees on every field the loader reads, and a plain value and
 * date warnings equal to what documentToPlain makes of `yaml`'s document), else a message naming the first
 * difference.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { parseFastYaml } from '../fast-yaml.js';
import { documentToPlain } from '../to-plain.js';

export function compareWithYaml(text: string): 'outside' | 'same' | string {
  const fast = parseFastYaml(text);
  if (fast === null) return 'outside';
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  if (!Array.isArray(docs) || docs.length !== 1) return `yaml sees ${Array.isArray(docs) ? docs.length : 0} documents`;
  const doc = docs[0];
  if (doc === undefined) return 'no document';
  if (doc.errors.length > 0 || doc.warnings.length > 0) {
    return `yaml reports ${[...doc.errors, ...doc.warnings].map((e) => e.code).join(', ')} but the fast reader accepted the text`;
  }
  if (JSON.stringify(lineCounter.lineStarts) !== JSON.stringify(fast.lineCounter.lineStarts)) return 'line starts differ';
  if (doc.range[0] !== fast.doc.range[0]) return `document range ${doc.range[0]} vs ${fast.doc.range[0]}`;
  const nodes = compareNodes(doc.contents, fast.doc.contents, '');
  if (nodes !== 'same') return nodes;
  const expected = documentToPlain({ file: 'f.yml', lineCounter, doc });
  const actual = documentToPlain({ file: 'f.yml', lineCounter: fast.lineCounter, doc: fast.doc, plain: fast.plain });
  if (!samePlain(actual.value, expected.value)) {
    return `plain value ${JSON.stringify(actual.value)} vs ${JSON.stringify(expected.value)}`;
  }
  if (JSON.stringify(actual.diagnostics) !== JSON.stringify(expected.diagnostics)) {
    return `date warnings ${JSON.stringify(actual.diagnostics)} vs ${JSON.stringify(expected.diagnostics)}`;
  }
  return 'same';
}

function compareNodes(expected: unknown, actual: unknown, path: string): 'same' | string {
  const kind = (n: unknown): string => (isScalar(n) ? 'scalar' : isMap(n) ? 'map' : isSeq(n) ? 'seq' : isPair(n) ? 'pair' : String(n));
  if (kind(expected) !== kind(actual)) return `${path}: ${kind(expected)} vs ${kind(actual)}`;
  if (isScalar(expected) && isScalar(actual)) return compareScalars(expected, actual, path);
  if ((isMap(expected) && isMap(actual)) || (isSeq(expected) && isSeq(actual))) {
    const e = expected as Node & { items: unknown[] };
    const a = actual as Node & { items: unknown[] };
    if (e.range?.[0] !== a.range?.[0]) return `${path}: range ${e.range?.[0]} vs ${a.range?.[0]}`;
    if (e.items.length !== a.items.length) return `${path}: ${e.items.length} vs ${a.items.length} items`;
    for (let i = 0; i < e.items.length; i++) {
      const ei = e.items[i];
      const ai = a.items[i];
      if (isPair(ei) && isPair(ai)) {
        const key = compareNodes(ei.key, ai.key, `${path}/${i}:key`);
        if (key !== 'same') return key;
        const value = compareNodes(ei.value, ai.value, `${path}/${i}`);
        if (value !== 'same') return value;
      } else {
        const item = compareNodes(ei, ai, `${path}/${i}`);
        if (item !== 'same') return item;
      }
    }
    return 'same';
  }
  return expected === actual ? 'same' : `${path}: ${String(expected)} vs ${String(actual)}`;
}

function compareScalars(
  e: { value: unknown; source?: string; type?: string; tag?: string; format?: string; range?: readonly number[] | null },
  a: typeof e,
  path: string,
): 'same' | string {
  const fields = (s: typeof e) => [s.value, s.source, s.type, s.tag, s.format, s.range?.[0]];
  const ef = fields(e);
  const af = fields(a);
  for (let i = 0; i < ef.length; i++) {
    if (!Object.is(ef[i], af[i])) return `${path}: scalar field ${i} ${JSON.stringify(ef[i])} vs ${JSON.stringify(af[i])}`;
  }
  return 'same';
}

/**
 * Equal plain values: same own keys in the same order, primitives equal by Object.is (NaN, -0), and equal
 * prototypes (a `__proto__` key sets one).
 */
function samePlain(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Reflect.ownKeys(a);
  const keysB = Reflect.ownKeys(b);
  if (keysA.length !== keysB.length || keysA.some((k, i) => k !== keysB[i])) return false;
  const recordA = a as Record<string | symbol, unknown>;
  const recordB = b as Record<string | symbol, unknown>;
  if (!keysA.every((k) => samePlain(recordA[k], recordB[k]))) return false;
  const protoA: unknown = Object.getPrototypeOf(a);
  const protoB: unknown = Object.getPrototypeOf(b);
  return protoA === protoB || samePlain(protoA, protoB);
}
