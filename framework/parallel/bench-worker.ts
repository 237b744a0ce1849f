/**
 * Worker-thread side of `sigmatest bench --workers N` (tinypool): one long task per thread. Loads the rule set
 * (its `--shard` part) and compiles one whole-ruleset matcher exactly as W2 does, gets the W2 events into memory
 * (read from the files, or generated from the same seed), warms up on every event, then follows the barrier
 * protocol of bench-protocol.ts until STOP. Answers the matches of its last SINGLE and MANY passes, so the main
 * thread can check that the split changed no decision. An exception after READY is reported through FAILED.
 */
import type { Event } from '../engine/event.js';
import { compileRuleset, type RulesetMatcher } from '../engine/ruleset-matcher.js';
import { cycle, generatedPool, loadEventFiles } from '../bench/events.js';
import { buildRuleset, type RulesetOptions } from '../ruleset/build-ruleset.js';
import { MODE, SLOT, takeBlocks } from './bench-protocol.js';
import { rulesOfShard, type Shard } from './shard.js';

export interface BenchW2Setup {
  readonly rulePaths: readonly string[];
  readonly ruleset: Omit<RulesetOptions, 'unresolvedPlaceholder'>;
  readonly shard?: Shard;
  readonly eventFiles: readonly string[];
  readonly generate?: { readonly count: number; readonly template: string; readonly seed: number };
}

export interface BenchWorkerTask {
  readonly setup: BenchW2Setup;
  readonly id: number;
  readonly workers: number;
  readonly shared: SharedArrayBuffer;
}

export interface BenchWorkerResult {
  readonly id: number;
  readonly rules: number;
  readonly events: number;
  readonly singleMatches: number;
  readonly chunkMatches: number;
  readonly error?: string;
}

async function loadEvents(setup: BenchW2Setup): Promise<Event[]> {
  if (setup.generate) return cycle(generatedPool(setup.generate.template, Math.min(10_000, setup.generate.count), setup.generate.seed) ?? [], setup.generate.count);
  return (await loadEventFiles(setup.eventFiles)).events;
}

function pass(matcher: RulesetMatcher, events: readonly Event[], start: number, end: number): number {
  let matches = 0;
  for (let i = start; i < end; i++) matches += matcher.match(events[i] as Event).length;
  return matches;
}

/** MANY: blocks of events taken from the shared counter (bench-protocol.ts); their matches. */
function blocksPass(s: Int32Array, id: number, matcher: RulesetMatcher, events: readonly Event[]): number {
  let matches = 0;
  const taken = takeBlocks(s, events.length, (start, end) => {
    matches += pass(matcher, events, start, end);
  });
  Atomics.store(s, SLOT.taken + id, taken);
  return matches;
}

export default async function benchWorker(task: BenchWorkerTask): Promise<BenchWorkerResult> {
  const s = new Int32Array(task.shared);
  const built = await buildRuleset(task.setup.rulePaths, { ...task.setup.ruleset, unresolvedPlaceholder: 'error' });
  const rules = rulesOfShard(built.rules, task.setup.shard);
  const matcher = compileRuleset(rules.map((r) => r.ir), { compiled: rules.map((r) => r.compiled), plainEvents: true });
  const events = await loadEvents(task.setup);
  let singleMatches = pass(matcher, events, 0, events.length); // warm-up
  let chunkMatches = 0;
  let error: string | undefined;
  Atomics.add(s, SLOT.ready, 1);
  Atomics.notify(s, SLOT.ready);
  for (let generation = 1; ; generation++) {
    while (Atomics.load(s, SLOT.generation) < generation) Atomics.wait(s, SLOT.generation, generation - 1);
    const mode = Atomics.load(s, SLOT.mode);
    if (mode === MODE.stop) break;
    try {
      if (mode === MODE.single && task.id === 0) singleMatches = pass(matcher, events, 0, events.length);
      if (mode === MODE.many) chunkMatches = blocksPass(s, task.id, matcher, events);
    } catch (e) {
      error ??= e instanceof Error ? e.message : String(e);
      Atomics.store(s, SLOT.failed, 1);
    }
    Atomics.add(s, SLOT.done, 1);
    Atomics.notify(s, SLOT.done);
  }
  return { id: task.id, rules: rules.length, events: events.length, singleMatches, chunkMatches, ...(error ? { error } : {}) };
}
