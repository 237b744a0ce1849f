/**
 * fast-yaml-nodes: the nodes made without yaml's per-node defineProperty are real yaml nodes for every check and
 * method the loader (and yaml itself) uses, and the cheap path is the one taken with the installed yaml.
 */
import { describe, expect, it } from 'vitest';
import { Document, isDocument, isMap, isNode, isPair, isScalar, isSeq, Pair, Scalar, stringify, YAMLMap, YAMLSeq } from 'yaml';
import { newDocument, newMap, newPair, newScalar, newSeq, SCHEMA } from './fast-yaml-nodes.js';

describe('newScalar / newPair', () => {
  it('make nodes that yaml recognises, converts and prints', () => {
    const s = newScalar('x');
    expect(s).toBeInstanceOf(Scalar);
    expect(isScalar(s) && isNode(s)).toBe(true);
    expect(isPair(s)).toBe(false);
    const p = newPair(newScalar('key'), s);
    expect(p).toBeInstanceOf(Pair);
    expect(isPair(p) && !isNode(p)).toBe(true);
    const doc = new Document({});
    const map = new YAMLMap(doc.schema);
    map.items.push(p);
    doc.contents = map as never;
    expect(doc.toJS()).toEqual({ key: 'x' });
    expect(stringify(doc)).toBe('key: x\n');
    expect(isScalar(s.clone())).toBe(true);
  });

  it('inherit the type tag, hidden and read-only as yaml defines it (the cheap path is taken)', () => {
    const s = newScalar(1);
    expect(Object.getOwnPropertySymbols(s)).toEqual([]);
    expect(Object.keys(s)).toEqual(['value']);
    const tag = Object.getOwnPropertySymbols(new Scalar(1))[0] as symbol;
    expect((s as unknown as Record<symbol, unknown>)[tag]).toBe((new Scalar(1) as unknown as Record<symbol, unknown>)[tag]);
    expect(() => {
      'use strict';
      (s as unknown as Record<symbol, unknown>)[tag] = 'other';
    }).toThrow(TypeError);
    expect(isScalar(s)).toBe(true);
    expect(Object.keys(newPair('k', 'v'))).toEqual(['key', 'value']);
  });

  it('make collections and documents that behave like yaml\'s, sharing one schema', () => {
    const map = newMap();
    const seq = newSeq();
    expect(map).toBeInstanceOf(YAMLMap);
    expect(seq).toBeInstanceOf(YAMLSeq);
    expect(isMap(map) && isSeq(seq) && !isMap(seq)).toBe(true);
    expect(map.schema).toBe(SCHEMA);
    expect(Object.keys(map)).toEqual(['items']);
    expect(map.items).not.toBe(newMap().items);
    seq.items.push(newScalar(1) as never, newScalar('two') as never);
    map.items.push(newPair(newScalar('list'), seq) as never);
    const doc = newDocument();
    expect(isDocument(doc)).toBe(true);
    expect(doc).toBeInstanceOf(Document);
    expect(Object.keys(doc)).toEqual(Object.keys(new Document(undefined, { schema: 'core' })));
    expect(doc.schema).toBe(SCHEMA);
    expect(doc.errors).not.toBe(newDocument().errors);
    doc.contents = map as never;
    expect(doc.toJS()).toEqual({ list: [1, 'two'] });
    expect(stringify(doc)).toBe('list:\n  - 1\n  - two\n');
  });
});
