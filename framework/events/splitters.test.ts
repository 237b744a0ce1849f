import { afterAll, describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { JsonSplitter } from './json-splitter.js';
import { LineSplitter } from './line-splitter.js';
import { recordText, type RawRecord, type RecordSplitter } from './raw-record.js';
import { makeTempDir, readAll, summary } from './test-support.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

function split(splitter: RecordSplitter, input: Buffer, cuts: readonly number[] = []): RawRecord[] {
  const out: RawRecord[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    splitter.push(input.subarray(start, Math.max(start, cut)), out);
    start = Math.max(start, cut);
  }
  splitter.push(input.subarray(start), out);
  splitter.end(out);
  return out;
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

describe('JsonSplitter: damage control in concatenated objects', () => {
  it('reports an unterminated object at its first line and resynchronises at the next top-level {', async () => {
    const broken = pretty({ a: 1, b: { c: 2 } }).split('\n').slice(0, -2).join('\n'); // last two lines cut off
    const text = `${pretty({ n: 1 })}\n${broken}\n${pretty({ n: 3 })}\n`;
    const records = await readAll(tmp.write('unterminated.json', text));
    expect(summary(records)).toEqual(['event@1#0', 'EVENT_MALFORMED@4#1', `event@${4 + broken.split('\n').length}#2`]);
  });

  it('reports an unterminated string and skips the rest of that record', async () => {
    const text = '{\n  "a": 1\n}\n{\n  "a": "oops,\n  "b": { "c": "}" }\n}\n{\n  "a": 3\n}\n';
    const records = await readAll(tmp.write('string.json', text));
    expect(summary(records)).toEqual(['event@1#0', 'EVENT_MALFORMED@4#1', 'event@8#2']);
    const bad = records[1]!;
    expect(bad.kind === 'error' && bad.diagnostic.message).toContain('line 5');
  });

  it('reports a balanced but invalid record and reads the next one on the same line', async () => {
    const records = await readAll(tmp.write('invalid.json', '{"a": 1,}{"a": 2}\n{"a" 3}\n{"a": 4}'));
    expect(summary(records)).toEqual(['EVENT_MALFORMED@1#0', 'event@1#1', 'EVENT_MALFORMED@2#2', 'event@3#3']);
  });

  it('reports stray top-level text line by line', async () => {
    const records = await readAll(tmp.write('stray.json', '{"a": 1}\n}\ngarbage here\n  {"a": 2}\n'));
    expect(summary(records)).toEqual(['event@1#0', 'EVENT_MALFORMED@2#1', 'EVENT_MALFORMED@3#2', 'event@4#3']);
  });

  it('reports end of input inside a record', async () => {
    const records = await readAll(tmp.write('eof.json', '{"a": 1}\n{\n  "a": [1, 2'));
    expect(summary(records)).toEqual(['event@1#0', 'EVENT_MALFORMED@2#1']);
  });

  it('reports a record over the limit and resynchronises', async () => {
    const big = pretty({ s: 'x'.repeat(3000) });
    const records = await readAll(tmp.write('big.json', `${big}\n${pretty({ a: 1 })}`), { maxRecordBytes: 500 });
    expect(summary(records)).toEqual(['EVENT_TOO_LARGE@1#0', 'event@4#1']);
  });
});

describe('JsonSplitter: damage control in arrays', () => {
  it('resynchronises at the next element with the first element’s indentation', async () => {
    const text = '[\n  {\n    "a": "unterminated\n  },\n  {\n    "a": 2\n  }\n]\n';
    expect(summary(await readAll(tmp.write('arr-string.json', text)))).toEqual(['EVENT_MALFORMED@2#0', 'event@5#1']);
  });

  it('reports an array that is never closed, and data after the closing bracket', async () => {
    expect(summary(await readAll(tmp.write('open.json', '[\n  {"a": 1},\n  {"a": 2},\n')))).toEqual(['event@2#0', 'event@3#1', 'EVENT_MALFORMED@4#2']);
    expect(summary(await readAll(tmp.write('after.json', '[{"a": 1}]\nxyz\n')))).toEqual(['event@1#0', 'EVENT_MALFORMED@2#1']);
  });

  it('reads nested arrays as non-object elements', async () => {
    expect(summary(await readAll(tmp.write('nested.json', '[[{"a":1}], {"a": 2}]')))).toEqual(['EVENT_MALFORMED@1#0', 'event@1#1']);
  });
});

describe('splitters: chunk boundaries do not matter', () => {
  const concatenated = Buffer.from(
    `\uFEFF${pretty({ a: 'é"\\{', b: [1, { c: null }] })}\r\n{"x":"\\\\"}{"y":[]}\n\n oops\n{\n "u": "unterminated\n}\n${pretty({ z: '😀' })}`,
  );
  const array = Buffer.from(`[\n  ${pretty({ a: 1 })},\n  "s",\n  {"b": "\\"]"}\n]\n`);
  const lines = Buffer.from(`\uFEFF{"a":"é"}\r\n\n  \n{"b":\n${'{"c":"long value"}'}\n{"d":1}`);

  it.each([
    ['concatenated objects', concatenated, () => new JsonSplitter(1 << 20)],
    ['array', array, () => new JsonSplitter(1 << 20)],
    ['concatenated objects, small limit', concatenated, () => new JsonSplitter(20)],
    ['lines', lines, () => new LineSplitter(1 << 20)],
    ['lines, small limit', lines, () => new LineSplitter(12)],
  ])('%s', (_name, input, make) => {
    const whole = split(make(), input);
    expect(whole.length).toBeGreaterThan(2);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: input.length }), { maxLength: 12 }), (cuts) => {
        expect(split(make(), input, cuts)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('lines as bytes: the same records, each carrying the UTF-8 bytes of the text, for any chunking', () => {
    const asText = (records: RawRecord[]): unknown[] => records.map((r) => ('bytes' in r ? { line: r.line, text: recordText(r) } : r));
    for (const limit of [1 << 20, 12]) {
      const whole = split(new LineSplitter(limit), lines);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: lines.length }), { maxLength: 12 }), (cuts) => {
          const records = split(new LineSplitter(limit, true), lines, cuts);
          expect(records.some((r) => 'bytes' in r)).toBe(true);
          expect(records.some((r) => 'text' in r)).toBe(false);
          expect(asText(records)).toEqual(whole);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('byte-at-a-time feeding gives the same records', () => {
    const cuts = Array.from({ length: concatenated.length }, (_, i) => i);
    expect(split(new JsonSplitter(1 << 20), concatenated, cuts)).toEqual(split(new JsonSplitter(1 << 20), concatenated));
  });
});
