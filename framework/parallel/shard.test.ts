/**
 * Shard and worker option parsing, the stable hash, and the split contract: every file and every record index
 * belongs to exactly one shard of n.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileInShard, formatShard, parseShard, parseWorkers, recordInShard, rulesOfShard, shardKey, shardOfFile, stableHash } from './shard.js';

describe('parseShard', () => {
  it('accepts i/n with 1 ≤ i ≤ n', () => {
    expect(parseShard('1/2')).toEqual({ index: 1, count: 2 });
    expect(parseShard(' 3 / 3 ')).toEqual({ index: 3, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(formatShard({ index: 2, count: 5 })).toBe('2/5');
  });

  it.each(['0/2', '3/2', 'x', '1/0', '0/0', '-1/2', '1.5/2', '1/2/3', '', '1/', '/2', '1/100000'])('rejects %j with a message naming the option', (text) => {
    const r = parseShard(text);
    expect(typeof r).toBe('string');
    expect(r).toContain('--shard must be i/n');
  });
});

describe('parseWorkers', () => {
  it('accepts 1..256', () => {
    expect(parseWorkers('1')).toBe(1);
    expect(parseWorkers('8')).toBe(8);
  });
  it.each(['0', '-1', 'x', '1.5', '', '257'])('rejects %j', (text) => {
    expect(parseWorkers(text)).toMatch(/--workers must be an integer from 1 to 256/);
  });
});

describe('stableHash / shardKey', () => {
  it('is 32-bit FNV-1a (known vectors)', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('foobar')).toBe(0xbf9cf968);
  });

  it('normalises separators and dot segments, so the same file hashes the same', () => {
    expect(shardKey('./rules/a/../b.yml')).toBe('rules/b.yml');
    expect(shardKey('rules\\windows\\x.yml')).toBe('rules/windows/x.yml');
    expect(shardOfFile('./rules/x.yml', 7)).toBe(shardOfFile('rules/x.yml', 7));
  });
});

describe('splits', () => {
  it('puts every file in exactly one shard of n', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 20 }), (file, count) => {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => fileInShard(file, { index, count }));
        expect(owners).toEqual([shardOfFile(file, count)]);
      }),
    );
  });

  it('puts every record index in exactly one shard of n, round robin', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 20 }), (record, count) => {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => recordInShard(record, { index, count }));
        expect(owners).toEqual([(record % count) + 1]);
      }),
    );
  });

  it('splits a rule list into disjoint shards that together are the list, order kept', () => {
    const rules = Array.from({ length: 200 }, (_, i) => ({ ir: { path: `rules/r${i}.yml` } }));
    const parts = [1, 2, 3].map((index) => rulesOfShard(rules, { index, count: 3 }));
    expect(parts.flat().length).toBe(200);
    expect(new Set(parts.flat()).size).toBe(200);
    for (const part of parts) {
      expect(part.length).toBeGreaterThan(40); // a hash spreads 200 files roughly evenly
      expect(part).toEqual(rules.filter((r) => part.includes(r)));
    }
    expect(rulesOfShard(rules, undefined)).toEqual(rules);
  });
});
