import { afterAll, describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { existsSync, readdirSync } from 'node:fs';
import { formatOf, readEvents } from './read-events.js';
import { eventsOf, makeTempDir, readAll, summary } from './test-support.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const evtxLine = (id: number): string =>
  JSON.stringify({ Event: { System: { EventID: id, Channel: 'Security', Provider: { '#attributes': { Name: 'P' } } }, EventData: { N: id } } });

describe('formatOf', () => {
  it('chooses the format from the name, ignoring .gz and case', () => {
    expect(['a.jsonl', 'a.NDJSON', 'a.jsonl.gz', 'a.ndjson.gz'].map(formatOf)).toEqual(['jsonl', 'jsonl', 'jsonl', 'jsonl']);
    expect(['a.json', 'a.json.gz', 'a.log', 'a'].map(formatOf)).toEqual(['json', 'json', 'json', 'json']);
  });
});

describe('readEvents: JSON Lines', () => {
  it('reads every line, adapts evtx events, reports source/index/line', async () => {
    const file = tmp.write('a.jsonl', `${evtxLine(1)}\n{"flat":true}\n${evtxLine(3)}\n`);
    const records = await readAll(file);
    expect(summary(records)).toEqual(['event@1#0', 'event@2#1', 'event@3#2']);
    expect(records.every((r) => r.source === file)).toBe(true);
    expect(eventsOf(records)).toEqual([
      { EventID: 1, Channel: 'Security', Provider_Name: 'P', N: 1 },
      { flat: true },
      { EventID: 3, Channel: 'Security', Provider_Name: 'P', N: 3 },
    ]);
  });

  it('skips blank lines without counting them, handles CRLF and a last line without newline', async () => {
    const file = tmp.write('crlf.ndjson', `\r\n{"a":1}\r\n   \r\n\r\n{"a":2}\r\n{"a":"x\\r\\n"}`);
    const records = await readAll(file);
    expect(summary(records)).toEqual(['event@2#0', 'event@5#1', 'event@6#2']);
    expect(eventsOf(records)).toEqual([{ a: 1 }, { a: 2 }, { a: 'x\r\n' }]);
  });

  it('reports malformed lines in the middle with line and index, and reads the rest', async () => {
    const file = tmp.write('bad.jsonl', `{"a":1}\n{"a" 1}\n\n[1,2]\n42\n{"a":2}\n`);
    const records = await readAll(file);
    expect(summary(records)).toEqual(['event@1#0', 'EVENT_MALFORMED@2#1', 'EVENT_MALFORMED@4#2', 'EVENT_MALFORMED@5#3', 'event@6#4']);
    const bad = records[1]!;
    expect(bad.kind === 'error' && bad.diagnostic.span).toEqual({ file, line: 2, col: 6 });
  });

  it('reports a line over maxRecordBytes as EVENT_TOO_LARGE and goes on', async () => {
    const big = `{"a":"${'x'.repeat(5000)}"}`;
    const file = tmp.write('big.jsonl', `{"a":1}\n${big}\n{"a":2}\n`);
    const records = await readAll(file, { maxRecordBytes: 1000 });
    expect(summary(records)).toEqual(['event@1#0', 'EVENT_TOO_LARGE@2#1', 'event@3#2']);
  });

  it('reads gzipped JSON Lines (by extension and by magic bytes alone)', async () => {
    const content = `${evtxLine(1)}\n${evtxLine(2)}\n`;
    const named = await readAll(tmp.write('z.jsonl.gz', content, true));
    const sniffed = await readAll(tmp.write('z-noext.jsonl', content, true));
    expect(summary(named)).toEqual(['event@1#0', 'event@2#1']);
    expect(eventsOf(sniffed)).toEqual(eventsOf(named));
  });

  it('keeps multi-byte UTF-8 intact across chunk boundaries', async () => {
    const value = 'é€😀'.repeat(200_000);
    const records = await readAll(tmp.write('utf8.jsonl', `${JSON.stringify({ v: value })}\n{"v":"ü"}\n`));
    expect(eventsOf(records)).toEqual([{ v: value }, { v: 'ü' }]);
  });
});

describe('readEvents: .json files', () => {
  it('reads one object', async () => {
    const records = await readAll(tmp.write('one.json', JSON.stringify(JSON.parse(evtxLine(5)), null, 2)));
    expect(summary(records)).toEqual(['event@1#0']);
  });

  it('reads concatenated pretty-printed objects with their starting lines', async () => {
    const pretty = (n: number): string => JSON.stringify({ n, nested: { s: 'a { "b" } [c]', list: [{ x: 1 }] } }, null, 2);
    const text = `${pretty(1)}\n${pretty(2)}\n\n${pretty(3)}{"n":4}`;
    const records = await readAll(tmp.write('concat.json', text));
    const lines = pretty(1).split('\n').length;
    expect(summary(records)).toEqual(['event@1#0', `event@${lines + 1}#1`, `event@${2 * lines + 2}#2`, `event@${3 * lines + 1}#3`]);
    expect(eventsOf(records).map((e) => (e as { n: number }).n)).toEqual([1, 2, 3, 4]);
  });

  it('reads an array of objects, reporting non-object elements', async () => {
    const text = '[\n  {"a": 1},\n  {\n    "a": 2\n  },\n  7,\n  "s",\n  {"a": 3}\n]\n';
    const records = await readAll(tmp.write('array.json', text));
    expect(summary(records)).toEqual(['event@2#0', 'event@3#1', 'EVENT_MALFORMED@6#2', 'EVENT_MALFORMED@7#3', 'event@8#4']);
    expect(await readAll(tmp.write('empty-array.json', ' [ ] '))).toEqual([]);
  });

  it('handles CRLF pretty-printed files', async () => {
    const text = '{\r\n  "a": 1\r\n}\r\n{\r\n  "a": "two"\r\n}\r\n';
    const records = await readAll(tmp.write('crlf.json', text));
    expect(summary(records)).toEqual(['event@1#0', 'event@4#1']);
    expect(eventsOf(records)).toEqual([{ a: 1 }, { a: 'two' }]);
  });

  it('reads JSON Lines content in a .json file', async () => {
    const records = await readAll(tmp.write('lines.json', `${evtxLine(1)}\n${evtxLine(2)}\n`));
    expect(summary(records)).toEqual(['event@1#0', 'event@2#1']);
  });

  it('reads gzipped .json', async () => {
    const records = await readAll(tmp.write('g.json.gz', '[{"a":1},{"a":2}]', true));
    expect(eventsOf(records)).toEqual([{ a: 1 }, { a: 2 }]);
  });
});

describe('readEvents: I/O problems and empty input', () => {
  it('yields one IO_ERROR for a missing file', async () => {
    const missing = `${tmp.path}/does-not-exist.jsonl`;
    const records = await readAll(missing);
    expect(summary(records)).toEqual(['IO_ERROR@1#0']);
    expect(records[0]!.source).toBe(missing);
  });

  it('yields one IO_ERROR for a directory', async () => {
    expect(summary(await readAll(tmp.path))).toEqual(['IO_ERROR@1#0']);
  });

  it('yields the records before a truncated gzip stream, then one IO_ERROR', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => evtxLine(i)).join('\n') + '\n';
    const gz = gzipSync(lines);
    const records = await readAll(tmp.write('trunc.jsonl.gz', gz.subarray(0, Math.floor(gz.length / 2))));
    const last = records[records.length - 1]!;
    expect(last.kind).toBe('error');
    expect(last.kind === 'error' && last.diagnostic.code).toBe('IO_ERROR');
    expect(records.slice(0, -1).every((r) => r.kind === 'event')).toBe(true);
    expect(records.length).toBeGreaterThan(1);
    expect(records.length).toBeLessThan(5000);
  });

  it('yields one IO_ERROR for corrupt gzip data', async () => {
    const corrupt = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(64, 0x41)]);
    expect(summary(await readAll(tmp.write('corrupt.json.gz', corrupt)))).toEqual(['IO_ERROR@1#0']);
  });

  it('yields nothing for empty or whitespace-only files', async () => {
    for (const name of ['e.json', 'e.jsonl']) {
      expect(await readAll(tmp.write(name, ''))).toEqual([]);
      expect(await readAll(tmp.write(`ws-${name}`, '\n \r\n\t\n'))).toEqual([]);
    }
    expect(await readAll(tmp.write('e.jsonl.gz', '', true))).toEqual([]);
  });

  it('skips a UTF-8 byte-order mark', async () => {
    const bom = '\uFEFF';
    expect(summary(await readAll(tmp.write('bom.jsonl', `${bom}{"a":1}\n`)))).toEqual(['event@1#0']);
    expect(summary(await readAll(tmp.write('bom.json', `${bom}{"a":1}`)))).toEqual(['event@1#0']);
  });

  it('stops reading and releases the file when the consumer stops early', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => evtxLine(i)).join('\n');
    const files = [tmp.write('early.jsonl', lines), tmp.write('early.jsonl.gz', lines, true)];
    const openFds = (): number => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);
    const before = openFds();
    for (const file of files) {
      const records = readEvents(file);
      const first = await records.next();
      expect(first.value).toMatchObject({ kind: 'event', index: 0, line: 1 });
      await records.return(undefined);
      expect((await records.next()).done).toBe(true);
    }
    for (let tries = 0; tries < 100 && openFds() > before; tries++) await new Promise((r) => setTimeout(r, 5));
    expect(openFds()).toBe(before);
  });
});
