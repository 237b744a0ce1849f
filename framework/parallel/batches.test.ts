/**
 * Batched matching (what `scan --workers` and `scan --shard` run): raw batches number records exactly as
 * readEvents does; matchBatch finds exactly the matches and malformed records of record-by-record matching, in
 * the same order, on this thread and on worker threads (dist/ worker module); the ordered window emits in
 * submission order; work and event chunks cover their input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleset, type RulesetMatcher } from '../engine/ruleset-matcher.js';
import { readEvents } from '../events/read-events.js';
import { makeTempDir, type TempDir } from '../events/test-support.js';
import { buildRuleset, type PreparedRule } from '../ruleset/build-ruleset.js';
import { readSharedSettings } from '../ruleset/settings.js';
import { BLOCK, SLOT, slotCount, takeBlocks } from './bench-protocol.js';
import { OrderedWindow, WorkerPool } from './pool.js';
import { recordText } from '../events/raw-record.js';
import { BufferPool, PackedRecords, packBatch, transfer, unpackBatch } from './packed-batch.js';
import { readRawBatches, type IndexedRaw } from './raw-batches.js';
import { contiguousChunks } from './run-suite.js';
import { matchBatch, scanRuleOrder, type BatchResult } from './scan-batch.js';
import type { ScanSetup, ScanTaskResult } from './scan-worker.js';
import { recordInShard } from './shard.js';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

/** Events that the bundled portmap rule matches (every 3rd), others, and malformed records in between. */
function eventsFile(dir: TempDir, gzip = false): string {
  const lines: string[] = [];
  for (let i = 0; i < 500; i++) {
    if (i % 97 === 5) lines.push('{"broken": ');
    else if (i % 89 === 7) lines.push('[1, 2]');
    else lines.push(JSON.stringify({ Channel: SYSMON, EventID: 3, Initiated: 'true', DestinationHostname: i % 3 === 0 ? `h${i}.portmap.io` : `h${i}.example.org`, Image: `C:\\x${i}.exe` }));
  }
  return dir.write(gzip ? 'events.jsonl.gz' : 'events.jsonl', lines.join('\n') + '\n', gzip);
}

interface Flat {
  readonly hits: [number, number][];
  readonly errors: [number, string][];
  readonly events: number;
}

function flatten(results: readonly BatchResult[]): Flat {
  const hits: [number, number][] = [];
  const errors: [number, string][] = [];
  let events = 0;
  for (const r of results) {
    for (let i = 0; i < r.hits.length; i += 2) hits.push([r.hits[i]!, r.hits[i + 1]!]);
    for (const e of r.errors) errors.push([e.index, `${e.diagnostic.code} ${e.diagnostic.span.line}:${e.diagnostic.span.col} ${e.diagnostic.message}`]);
    events += r.events;
  }
  return { hits, errors, events };
}

async function oneByOne(file: string, matcher: RulesetMatcher, keep: (i: number) => boolean = () => true): Promise<Flat> {
  const hits: [number, number][] = [];
  const errors: [number, string][] = [];
  let events = 0;
  for await (const r of readEvents(file)) {
    if (!keep(r.index)) continue;
    if (r.kind === 'error') errors.push([r.index, `${r.diagnostic.code} ${r.diagnostic.span.line}:${r.diagnostic.span.col} ${r.diagnostic.message}`]);
    else {
      events++;
      for (const rule of matcher.match(r.event)) hits.push([r.index, rule]);
    }
  }
  return { hits, errors, events };
}

describe('batched matching', () => {
  let dir: TempDir;
  let rules: PreparedRule[];
  let matcher: RulesetMatcher;
  const setup: ScanSetup = { rules: ['rules'], gating: true, placeholders: 'cases/_placeholders.yml' };

  beforeAll(async () => {
    dir = makeTempDir();
    const settings = await readSharedSettings(setup);
    const ruleset = await buildRuleset(setup.rules, { logsourceMap: settings.logsourceMap, ...(settings.placeholders ? { placeholders: settings.placeholders } : {}), unresolvedPlaceholder: 'error' });
    rules = scanRuleOrder(ruleset.rules);
    matcher = compileRuleset(rules.map((r) => r.ir), { compiled: rules.map((r) => r.compiled), plainEvents: true });
  });
  afterAll(() => dir.remove());

  it.each([false, true])('finds what record-by-record matching finds (gzip %s), for any batch size', async (gzip) => {
    const file = eventsFile(dir, gzip);
    const expected = await oneByOne(file, matcher);
    expect(expected.hits.length).toBeGreaterThan(100);
    expect(expected.errors.length).toBeGreaterThan(5);
    for (const batchSize of [1, 7, 2000]) {
      const results: BatchResult[] = [];
      for await (const item of readRawBatches(file, { batchSize })) if (item.kind === 'batch') results.push(matchBatch(matcher, file, item.records));
      expect(flatten(results)).toEqual(expected);
    }
  });

  it('keeps only the records of a shard, numbered as in the whole file', async () => {
    const file = eventsFile(dir);
    for (const index of [1, 2, 3]) {
      const keep = (i: number): boolean => recordInShard(i, { index, count: 3 });
      const results: BatchResult[] = [];
      for await (const item of readRawBatches(file, { batchSize: 50, keep })) if (item.kind === 'batch') results.push(matchBatch(matcher, file, item.records));
      expect(flatten(results)).toEqual(await oneByOne(file, matcher, keep));
    }
  });

  it('packs a batch for a worker (text or byte records) and unpacks it to the same records, problems in place', async () => {
    const file = eventsFile(dir);
    for (const bytes of [false, true]) {
      const records: IndexedRaw[] = [];
      for await (const item of readRawBatches(file, { batchSize: 10_000, bytes })) if (item.kind === 'batch') records.push(...item.records);
      expect(records.every((r) => (bytes ? 'bytes' in r : 'text' in r))).toBe(true);
      const tooLarge = (index: number): IndexedRaw => ({ index, line: index + 1, problem: 'EVENT_TOO_LARGE', message: `too large ${index}` });
      const withProblem: IndexedRaw[] = [...records.slice(0, 3), tooLarge(3), { index: 4, line: 5, text: 'é ✓ {}' }, ...records.slice(5, 8), tooLarge(8), ...records.slice(9)];
      const packed = packBatch(withProblem);
      expect(packed.problems).toHaveLength(2);
      const plain = (r: IndexedRaw): unknown => ('problem' in r ? r : { index: r.index, line: r.line, text: recordText(r) });
      expect(unpackBatch(packed).map(plain)).toEqual(withProblem.map(plain));
      // record by record, in any order, as the workers read them
      const inPlace = new PackedRecords(packed);
      expect(inPlace.length).toBe(withProblem.length);
      for (let i = withProblem.length - 1; i >= 0; i--) expect(plain(inPlace.at(i) as IndexedRaw)).toEqual(plain(withProblem[i] as IndexedRaw));
      expect([inPlace.at(-1), inPlace.at(withProblem.length)]).toEqual([undefined, undefined]);
      expect(transfer(packed)).toEqual([packed.bytes.buffer, packed.rows.buffer]);
    }
    expect(unpackBatch(packBatch([]))).toEqual([]);
  });

  it('packs into pooled buffers that are large enough, and the records come out the same', async () => {
    const records: IndexedRaw[] = [];
    for await (const item of readRawBatches(eventsFile(dir), { batchSize: 10_000, bytes: true })) if (item.kind === 'batch') records.push(...item.records);
    const pool = new BufferPool();
    const big = new ArrayBuffer(1 << 20);
    pool.give({ bytes: new Uint8Array(big), rows: new Int32Array(0), problems: [] });
    expect(pool.spare).toBe(1); // the empty rows buffer is not kept
    const packed = packBatch(records.slice(0, 20), pool);
    expect(packed.bytes.buffer === big || packed.rows.buffer === big).toBe(true); // the first take gets it
    expect(packed.bytes.byteLength + packed.rows.byteLength).toBeLessThan(big.byteLength);
    expect(unpackBatch(packed).map((r) => recordText(r as Extract<IndexedRaw, { bytes: Buffer }>))).toEqual(records.slice(0, 20).map((r) => recordText(r as Extract<IndexedRaw, { bytes: Buffer }>)));
    expect(pool.spare).toBe(0);
  });

  it('matches byte records exactly like text records (same hits and malformed records)', async () => {
    const file = eventsFile(dir, true);
    for (const bytes of [false, true]) {
      const results: BatchResult[] = [];
      for await (const item of readRawBatches(file, { batchSize: 37, bytes })) if (item.kind === 'batch') results.push(matchBatch(matcher, file, bytes ? new PackedRecords(packBatch(item.records)) : item.records));
      expect(flatten(results)).toEqual(await oneByOne(file, matcher));
    }
  });

  it('ends with one IO_ERROR for a file that cannot be opened', async () => {
    const items = [];
    for await (const item of readRawBatches(`${dir.path}/missing.jsonl`)) items.push(item);
    expect(items).toHaveLength(1);
    expect(items[0]?.kind === 'io-error' && items[0].diagnostic.code).toBe('IO_ERROR');
  });

  it('decides the same on worker threads (dist/ worker module), for the same rule list', async () => {
    const file = eventsFile(dir);
    const pool = new WorkerPool('scan-worker.js', 2);
    try {
      const batches: IndexedRaw[][] = [];
      for await (const item of readRawBatches(file, { batchSize: 64, bytes: true })) if (item.kind === 'batch') batches.push(item.records);
      const results = await Promise.all(
        batches.map((records) => {
          const batch = packBatch(records);
          return pool.run<ScanTaskResult>({ setup, source: file, batch }, transfer(batch));
        }),
      );
      for (const r of results) expect(r.rules).toBe(rules.length);
      expect(flatten(results)).toEqual(await oneByOne(file, matcher));
      // one batch at a time through a BufferPool: the worker moves each batch's buffers back, the next batch reuses them
      const buffers = new BufferPool();
      const sequential: ScanTaskResult[] = [];
      for (const records of batches) {
        const batch = packBatch(records, buffers);
        const sent = Buffer.from(batch.bytes).toString('utf8');
        const result = await pool.run<ScanTaskResult>({ setup, source: file, batch }, transfer(batch));
        expect(batch.bytes.byteLength).toBe(0); // moved to the worker
        expect(Buffer.from(result.returned?.bytes ?? []).toString('utf8')).toBe(sent); // and back
        buffers.give(result.returned);
        sequential.push(result);
      }
      expect(buffers.spare).toBeGreaterThan(0);
      expect(flatten(sequential)).toEqual(flatten(results));
    } finally {
      await pool.destroy();
    }
  });
});

describe('OrderedWindow', () => {
  it('emits in submission order whatever order results arrive in, with at most `limit` in flight', async () => {
    const emitted: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const window = new OrderedWindow<number>(3, (n) => {
      emitted.push(n);
      inFlight--;
    });
    for (let i = 0; i < 20; i++) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await window.push(new Promise((resolve) => setTimeout(() => resolve(i), (20 - i) % 7)));
    }
    await window.drain();
    expect(emitted).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(maxInFlight).toBeLessThanOrEqual(3);
  });

  it('surfaces a rejection when its turn comes', async () => {
    const window = new OrderedWindow<number>(10, () => undefined);
    await window.push(Promise.resolve(1));
    await window.push(Promise.reject(new Error('worker died')));
    await expect(window.drain()).rejects.toThrow('worker died');
  });
});

describe('chunks', () => {
  it('contiguousChunks keeps order, covers every item and balances weight', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const chunks = contiguousChunks(items, (i) => (i < 10 ? 50 : 1), 4);
    expect(chunks.flat()).toEqual(items);
    expect(chunks.length).toBeLessThanOrEqual(4);
    expect(chunks[0]!.length).toBeLessThan(10); // the heavy head is split off
    expect(contiguousChunks([], () => 1, 4)).toEqual([]);
    expect(contiguousChunks([1, 2], () => 1, 8).flat()).toEqual([1, 2]);
  });

  it('takeBlocks gives every event to exactly one of the threads sharing the counter', () => {
    const s = new Int32Array(new SharedArrayBuffer(slotCount(2) * Int32Array.BYTES_PER_ELEMENT));
    const total = 5 * BLOCK + 17;
    const seen = new Uint8Array(total);
    const mark = (start: number, end: number): void => {
      for (let i = start; i < end; i++) seen[i]! += 1;
    };
    let second = 0;
    // Thread A takes the first block; while it runs it, thread B takes every other block.
    const first = takeBlocks(s, total, (start, end) => {
      mark(start, end);
      if (second === 0) second = takeBlocks(s, total, mark);
    });
    expect(first).toBe(BLOCK);
    expect(second).toBe(total - BLOCK);
    expect([...seen].every((n) => n === 1)).toBe(true);
    expect(takeBlocks(s, total, mark)).toBe(0); // the counter is spent until the main thread zeroes it
    Atomics.store(s, SLOT.next, 0);
    expect(takeBlocks(s, 0, mark)).toBe(0);
  });
});
