/**
 * Whether reports can be merged as the shards of one run: each must carry a shard (`--shard i/n`), all the same
 * count and the same rule-set and settings fingerprints, no shard twice, none missing. Out: the reports ordered
 * by shard index, or every reason they cannot be merged (plain messages naming the files). Pure.
 */
import type { ShardInfo } from '../report/model.js';

export interface ShardedReport<R> {
  readonly file: string;
  readonly report: R;
  readonly shard?: ShardInfo;
}

export function orderShards<R>(kind: string, reports: readonly ShardedReport<R>[]): { ordered: ShardedReport<R>[] } | { errors: string[] } {
  const errors: string[] = [];
  const sharded: (ShardedReport<R> & { shard: ShardInfo })[] = [];
  for (const r of reports) {
    if (r.shard) sharded.push({ ...r, shard: r.shard });
    else errors.push(`${r.file}: not the ${kind} report of a sharded run (it has no "shard"; run with --shard i/n)`);
  }
  const first = sharded[0];
  if (!first) return { errors };
  const byIndex = new Map<number, string>();
  for (const r of sharded) {
    const s = r.shard;
    if (s.count !== first.shard.count) errors.push(`${r.file}: shard ${s.index}/${s.count}, but ${first.file} is one of ${first.shard.count} shards`);
    else if (s.rules !== first.shard.rules) errors.push(`${r.file}: ${kind} on a different rule set than ${first.file} (rule set ${s.rules} vs ${first.shard.rules})`);
    else if (s.config !== first.shard.config) errors.push(`${r.file}: ${kind} with different settings or version than ${first.file} (settings ${s.config} vs ${first.shard.config})`);
    const seen = byIndex.get(s.index);
    if (seen !== undefined) errors.push(`overlapping shards: ${seen} and ${r.file} are both shard ${s.index}/${s.count}`);
    else byIndex.set(s.index, r.file);
  }
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0 && errors.length === 0) errors.push(`missing ${kind} shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${first.shard.count}`).join(', ')}`);
  if (errors.length > 0) return { errors };
  return { ordered: [...sharded].sort((a, b) => a.shard.index - b.shard.index) };
}
