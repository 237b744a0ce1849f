/**
 * A prepared `run` suite restricted to one shard. Rules and correlation rules go by a hash of their file
 * (shard.ts), and with each go its cases (case files, regression tests and sequence cases are paired with their
 * rule) and its policy problems; problems
 * and diagnostics not tied to a loaded rule (a rule file that failed to load, an invalid case file, an unknown
 * rule…) go by a hash of the file they point at. So every item of the unsharded report is in exactly one shard,
 * and mergeRunReports of all shards gives the unsharded report back. Pure.
 */
import type { PreparedSuite } from '../harness/run.js';
import { fileInShard, type Shard } from './shard.js';

export function shardSuite(suite: PreparedSuite, shard: Shard): PreparedSuite {
  return {
    ruleset: { ...suite.ruleset, diagnostics: suite.ruleset.diagnostics.filter((d) => fileInShard(d.span.file, shard)) },
    entries: suite.entries.filter((e) => fileInShard(e.rule.ir.path, shard)),
    sequences: suite.sequences.filter((e) => fileInShard(e.correlation.path, shard)),
    problems: suite.problems.filter((p) => fileInShard(p.span.file, shard)),
  };
}

/** The suite-level items alone (problems, diagnostics), no rule. */
export function suiteHead(suite: PreparedSuite): PreparedSuite {
  return { ...suite, entries: [], sequences: [] };
}

/** A unit of work: a rule (index into `entries`) or a correlation rule (index into `sequences`). */
export type WorkItem = { readonly rule: number } | { readonly sequence: number };

/** Some rules of the suite without its suite-level items (a worker's chunk). */
export function suiteChunk(suite: PreparedSuite, items: readonly WorkItem[]): PreparedSuite {
  return {
    ruleset: { ...suite.ruleset, diagnostics: [] },
    entries: items.flatMap((w) => ('rule' in w ? [suite.entries[w.rule]!] : [])),
    sequences: items.flatMap((w) => ('sequence' in w ? [suite.sequences[w.sequence]!] : [])),
    problems: [],
  };
}

/** The path of a work item's rule (to check that two threads index the same suite). */
export function workItemPath(suite: PreparedSuite, item: WorkItem): string {
  return 'rule' in item ? suite.entries[item.rule]!.rule.ir.path : suite.sequences[item.sequence]!.correlation.path;
}

/** The selected rules of `part` (a shard of `suite`, or the suite) as work items of `suite`, rules first. */
export function workItems(suite: PreparedSuite, part: PreparedSuite): WorkItem[] {
  const rule = new Map(suite.entries.map((e, i) => [e, i]));
  const sequence = new Map(suite.sequences.map((e, i) => [e, i]));
  return [
    ...part.entries.filter((e) => e.selected).map((e): WorkItem => ({ rule: rule.get(e)! })),
    ...part.sequences.filter((e) => e.selected).map((e): WorkItem => ({ sequence: sequence.get(e)! })),
  ];
}

/** Events a work item evaluates, plus one: how much work it is. */
export function workWeight(suite: PreparedSuite, item: WorkItem): number {
  const cases: readonly { readonly events: readonly unknown[] }[] = 'rule' in item ? suite.entries[item.rule]!.cases : suite.sequences[item.sequence]!.cases;
  return 1 + cases.reduce((n, c) => n + c.events.length, 0);
}
