/**
 * Worker-thread side of `sigmatest scan --workers N` (tinypool): the first task loads, sorts and compiles the
 * rule set once (cached per setup) into one whole-ruleset matcher; every task then matches a batch of raw
 * records (scan-batch.ts), sent packed (packed-batch.ts), and answers with the batch's buffers moved back for
 * reuse. A task without records only loads (warm-up). `rules` in the answer lets the main thread check that both
 * sides index the same rule list.
 */
import { kTransferable, kValue, Tinypool, type Transferable } from 'tinypool';
import { compileRuleset, type RulesetMatcher } from '../engine/ruleset-matcher.js';
import { buildRuleset } from '../ruleset/build-ruleset.js';
import { readSharedSettings, rulesetOptions } from '../ruleset/settings.js';
import { PackedRecords, type PackedBatch } from './packed-batch.js';
import { matchBatch, scanRuleOrder, type BatchResult } from './scan-batch.js';
import type { Shard } from './shard.js';

/** What scan was given: option values (file paths), so every worker reads exactly what the main thread read. */
export interface ScanSetup {
  readonly rules: readonly string[];
  readonly logsourceMap?: string;
  readonly placeholders?: string;
  readonly gating: boolean;
  /** `--shard i/n --shard-by rules`: only this shard's rules. */
  readonly ruleShard?: Shard;
}

export interface ScanTask {
  readonly setup: ScanSetup;
  readonly source: string;
  /** The raw records (packBatch); an empty batch only loads the rule set. */
  readonly batch: PackedBatch;
}

/** `returned`: the task's batch, its buffers moved back to the caller for reuse (BufferPool). */
export type ScanTaskResult = BatchResult & { readonly rules: number; readonly returned?: PackedBatch };

let cached: { key: string; matcher: Promise<{ matcher: RulesetMatcher; rules: number }> } | undefined;

export async function scanMatcher(setup: ScanSetup): Promise<{ matcher: RulesetMatcher; rules: number }> {
  const settings = await readSharedSettings(setup);
  const ruleset = await buildRuleset(setup.rules, { ...rulesetOptions(settings), unresolvedPlaceholder: 'error' });
  const rules = scanRuleOrder(ruleset.rules, setup.ruleShard);
  const matcher = compileRuleset(rules.map((r) => r.ir), { compiled: rules.map((r) => r.compiled), plainEvents: true });
  return { matcher, rules: rules.length };
}

export default async function scanTask(task: ScanTask): Promise<ScanTaskResult> {
  const key = JSON.stringify(task.setup);
  if (cached?.key !== key) cached = { key, matcher: scanMatcher(task.setup) };
  const { matcher, rules } = await cached.matcher;
  const result: ScanTaskResult = { ...matchBatch(matcher, task.source, new PackedRecords(task.batch)), rules, returned: task.batch };
  // The records are done with: move their buffers back (see packed-batch.ts) instead of leaving them to this heap.
  const { bytes, rows } = task.batch;
  const buffers = [bytes.buffer, rows.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0);
  if (buffers.length === 0 || buffers[0] === buffers[1]) return result;
  const moved: Transferable = { [kTransferable]: buffers, [kValue]: result };
  return Tinypool.move(moved) as unknown as ScanTaskResult; // tinypool sends `result`, moving `buffers`
}
