import { isMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readYamlDocuments, readYamlDocumentsFast, spanAtOffset, spanOf } from './read-yaml.js';
import { spanOfPointer } from './node-path.js';

describe('readYamlDocuments', () => {
  it('splits a stream into documents with their index and usability', () => {
    const read = readYamlDocuments('a: 1\n---\nb: [\n---\nc: 3\n', 'f.yml');
    expect(read.documents.map((d) => [d.index, d.usable])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
    expect(read.diagnostics.every((d) => d.code === 'YAML_SYNTAX' && d.span.file === 'f.yml')).toBe(true);
    expect(read.diagnostics.length).toBeGreaterThan(0);
  });

  it('rejects duplicate keys with YAML_DUPLICATE_KEY at the second key', () => {
    const read = readYamlDocuments('a: 1\nb:\n  c: 1\n  c: 2\n', 'f.yml');
    expect(read.diagnostics).toEqual([
      { code: 'YAML_DUPLICATE_KEY', severity: 'error', message: 'Map keys must be unique', span: { file: 'f.yml', line: 4, col: 3 } },
    ]);
    expect(read.documents[0]?.usable).toBe(false);
  });

  it('gives 1-based spans of nodes and of JSON pointers', () => {
    const doc = readYamlDocuments('title: t\ndetection:\n  sel:\n    - A: x\n    - B: "y"\n', 'f.yml').documents[0];
    if (doc === undefined || !isMap(doc.doc.contents)) throw new Error('expected a map document');
    expect(spanOf(doc.doc.contents, doc)).toEqual({ file: 'f.yml', line: 1, col: 1 });
    expect(spanOfPointer('/detection/sel/1/B', doc)).toEqual({ file: 'f.yml', line: 5, col: 10 });
    expect(spanOfPointer('/detection/sel/1', doc)).toEqual({ file: 'f.yml', line: 5, col: 7 });
    expect(spanOfPointer('/detection', doc)).toEqual({ file: 'f.yml', line: 2, col: 1 });
    // Walking off the tree stops at the deepest node that exists.
    expect(spanOfPointer('/detection/sel/7/C', doc)).toEqual({ file: 'f.yml', line: 3, col: 3 });
    expect(spanOfPointer('', doc)).toEqual({ file: 'f.yml', line: 1, col: 1 });
  });
});

describe('spanAtOffset', () => {
  it("locates every offset exactly like yaml's LineCounter.linePos", () => {
    for (const text of ['a: 1\nb:\n  - x\n\n  - y\n', 'k: v', 'x:\n\n\n  y\n']) {
      for (const read of [readYamlDocuments(text, 'f.yml'), readYamlDocumentsFast(text, 'f.yml')]) {
        const ctx = read.documents[0];
        if (ctx === undefined) continue;
        for (let offset = 0; offset <= text.length + 1; offset++) {
          expect(spanAtOffset(offset, ctx), `${JSON.stringify(text)} @${offset}`).toEqual({ file: 'f.yml', ...ctx.lineCounter.linePos(offset) });
        }
      }
    }
  });
});
