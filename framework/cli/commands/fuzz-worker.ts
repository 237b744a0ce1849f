/**
 * Worker-thread side of `sigmatest fuzz --workers N` (tinypool): each worker loads the rule set once (cached per
 * rule paths), then fuzzes the rules of each task it is given by id. Input and output are plain data.
 */
import { fuzzRule } from '../../../generators/fuzz/fuzz-rule.js';
import type { RuleFuzzResult } from '../../../generators/fuzz/types.js';
import { buildRuleset, type Ruleset, type RulesetOptions } from '../../ruleset/build-ruleset.js';

export interface FuzzTask {
  readonly rules: readonly string[];
  readonly ruleset: Omit<RulesetOptions, 'unresolvedPlaceholder'>;
  readonly ids: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly replay?: string;
  readonly collectExamples: boolean;
}

let cached: { key: string; ruleset: Promise<Ruleset> } | undefined;

function rulesetFor(task: FuzzTask): Promise<Ruleset> {
  const key = JSON.stringify([task.rules, task.ruleset]);
  if (cached?.key !== key) cached = { key, ruleset: buildRuleset(task.rules, { ...task.ruleset, unresolvedPlaceholder: 'error' }) };
  return cached.ruleset;
}

export default async function fuzzTask(task: FuzzTask): Promise<RuleFuzzResult[]> {
  const ruleset = await rulesetFor(task);
  const wanted = new Set(task.ids);
  return ruleset.rules
    .filter((r) => wanted.has(`${r.ir.path}\u0000${r.ir.id}`))
    .map((rule) => fuzzRule(rule, { runs: task.runs, seed: task.seed, collectExamples: task.collectExamples, ...(task.replay ? { path: task.replay } : {}) }));
}
