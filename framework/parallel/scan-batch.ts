/**
 * The matching step of `sigmatest scan` on a batch of raw records, shared by the worker threads and the
 * in-process path so that both decide and order identically:
 *  - scanRuleOrder: the rule set as scan evaluates it (sorted by path, then `--shard-by rules` applied); match
 *    indices refer to positions in this list;
 *  - matchBatch: each raw record → JSON.parse + adapt (events/read-events.ts toRecord) → the whole-ruleset
 *    matcher; out: the records that are not events (in order) and the (record index, rule index) pairs of the
 *    matches, in record order then ascending rule index: exactly what scan would print reading them one by one.
 * Plain data in and out (structured-clone friendly).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { RulesetMatcher } from '../engine/ruleset-matcher.js';
import { toRecord } from '../events/read-events.js';
import type { PreparedRule } from '../ruleset/build-ruleset.js';
import type { RecordList } from './packed-batch.js';
import type { IndexedRaw } from './raw-batches.js';
import { rulesOfShard, type Shard } from './shard.js';

export interface BatchResult {
  /** Records of the batch that were events. */
  readonly events: number;
  /** Flattened pairs [record index, rule index, …]. */
  readonly hits: Int32Array;
  /** Records that were not events (malformed, too large), in record order. */
  readonly errors: readonly { readonly index: number; readonly diagnostic: Diagnostic }[];
}

const byPath = (a: PreparedRule, b: PreparedRule): number => (a.ir.path < b.ir.path ? -1 : a.ir.path > b.ir.path ? 1 : 0);

/** The rules scan evaluates, in output order: sorted by path (stable), restricted to `ruleShard`. */
export function scanRuleOrder(rules: readonly PreparedRule[], ruleShard?: Shard): PreparedRule[] {
  return rulesOfShard([...rules].sort(byPath), ruleShard);
}

/** `records`: an array of raw records or a packed batch read in place (PackedRecords). */
export function matchBatch(matcher: RulesetMatcher, source: string, records: RecordList): BatchResult {
  let hits = new Int32Array(64);
  let used = 0;
  let events = 0;
  const errors: { index: number; diagnostic: Diagnostic }[] = [];
  for (let i = 0; i < records.length; i++) {
    const raw = records.at(i) as IndexedRaw;
    const record = toRecord(source, raw.index, raw);
    if (record.kind === 'error') {
      errors.push({ index: raw.index, diagnostic: record.diagnostic });
      continue;
    }
    events++;
    for (const rule of matcher.match(record.event)) {
      if (used + 2 > hits.length) {
        const bigger = new Int32Array(hits.length * 2);
        bigger.set(hits);
        hits = bigger;
      }
      hits[used++] = raw.index;
      hits[used++] = rule;
    }
  }
  return { events, hits: hits.slice(0, used), errors };
}
