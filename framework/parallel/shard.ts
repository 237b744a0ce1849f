/**
 * Shards and worker counts: the `--shard i/n` and `--workers N` option values, and the deterministic splits.
 * Contract:
 *  - parseShard('i/n') → { index: i, count: n } (1-based, 1 ≤ i ≤ n), or an error message for `0/2`, `3/2`, `x`…;
 *  - rules (and everything located in a file: their cases, load problems, diagnostics) belong to the shard
 *    chosen by a stable 32-bit FNV-1a hash of the normalised file path (`./a\b.yml` ≡ `a/b.yml`): the split does
 *    not depend on the rest of the rule set, the machine or the platform, so adding a rule never moves another;
 *  - events belong to shard (record index mod n) + 1, the record index counting every record of the file.
 * Every item belongs to exactly one shard of n, so the shards of a split are disjoint and cover everything.
 */
import path from 'node:path';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Largest accepted shard count and worker count (a typo guard, not a resource limit). */
export const MAX_SHARDS = 10_000;
export const MAX_WORKERS = 256;

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** `i/n` → Shard, or an error message naming the option. */
export function parseShard(text: string, option = '--shard'): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const bad = `${option} must be i/n with 1 ≤ i ≤ n (e.g. 1/4), got '${text}'`;
  if (!m) return bad;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count || count > MAX_SHARDS) return bad;
  return { index, count };
}

/** `--workers N` → N (1 ≤ N ≤ MAX_WORKERS), or an error message. */
export function parseWorkers(text: string, option = '--workers'): number | string {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS ? n : `${option} must be an integer from 1 to ${MAX_WORKERS}, got '${text}'`;
}

/** FNV-1a over the UTF-16 code units of `text`, as an unsigned 32-bit integer. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The form of a file path that is hashed: forward slashes, `.` and `..` segments resolved lexically. */
export function shardKey(file: string): string {
  return path.posix.normalize(file.replace(/\\/g, '/'));
}

/** 1-based shard of a file (a rule file, a case file…) among `count`. */
export function shardOfFile(file: string, count: number): number {
  return (stableHash(shardKey(file)) % count) + 1;
}

export function fileInShard(file: string, shard: Shard): boolean {
  return shardOfFile(file, shard.count) === shard.index;
}

/** Events: record `index` (0-based, every record of the file counted) belongs to shard (index mod n) + 1. */
export function recordInShard(index: number, shard: Shard): boolean {
  return index % shard.count === shard.index - 1;
}

/** The rules of `rules` whose file is in `shard` (order kept); all of them without a shard. */
export function rulesOfShard<T extends { readonly ir: { readonly path: string } }>(rules: readonly T[], shard: Shard | undefined): T[] {
  return shard ? rules.filter((r) => fileInShard(r.ir.path, shard)) : [...rules];
}
