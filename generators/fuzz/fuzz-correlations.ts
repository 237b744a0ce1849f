/**
 * The correlation part of `sigmatest fuzz`: each selected correlation rule fuzzed by fuzzCorrelation with the
 * run's seed and runs (its seeds are mixed from the run's seed and its id, so it replays alone), as report
 * entries sorted by (path, id): sequences generated, near-miss kinds generated and skipped with the reason,
 * checks, findings with the command that replays them and, on request, the generated sequences as sequence cases
 * (sequenceExamples, also used by `sigmatest init`). The referenced rules and inner correlations come from the
 * whole loaded rule set, whatever --filter or --shard selected. Pure: no I/O, no clock.
 */
import type { IrCorrelation } from '../../framework/correlation/types.js';
import type { IrRule } from '../../framework/ir/types.js';
import { chainCorrelations, chainRules } from '../sequences/events.js';
import { fuzzCorrelation } from '../sequences/fuzz-correlation.js';
import type { Sequence, SequenceFinding, SequenceSet } from '../sequences/types.js';
import type { Correlate } from '../sequences/verify.js';
import type { CorrelationFuzzEntry, CorrelationFuzzFinding, SequenceExample } from './types.js';

/** Everything the rule set loaded: the rules and correlations a chain may reference. */
export interface CorrelationUniverse {
  readonly rules: readonly IrRule[];
  readonly correlations: readonly IrCorrelation[];
}

export interface FuzzCorrelationsOptions {
  readonly runs: number;
  readonly seed: number;
  readonly collectExamples?: boolean;
  /** Correlation engines under test (default: the streaming engine and the brute-force reference). */
  readonly engines?: Readonly<Record<string, Correlate>>;
}

function shellWord(text: string): string {
  return /^[\w./@:+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The files that hold a correlation's chain: its own, its inner correlations', its referenced rules'. */
export function chainFiles(c: IrCorrelation, rulesById: ReadonlyMap<string, IrRule>, innerById: ReadonlyMap<string, IrCorrelation>): string[] {
  const inner = chainCorrelations(c, innerById).map((x) => x.path);
  const rules = chainRules(c, innerById, rulesById).flatMap((id) => rulesById.get(id)?.path ?? []);
  return [...new Set([c.path, ...inner, ...rules])];
}

function replayCommand(c: IrCorrelation, files: readonly string[], seed: number, runs: number): string {
  return `sigmatest fuzz --rules ${files.map(shellWord).join(' ')} --seed ${seed} --runs ${runs} --filter ${shellWord(c.id)}`;
}

function groupText(group: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(group ?? {});
  return entries.length === 0 ? 'the global group' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

function example(set: SequenceSet, sequence: string, name: string, s: Sequence): SequenceExample {
  return { sequence, name, expect: s.expect, timestamp_field: set.timestampField, events: s.events.map((e) => e.event) };
}

/** A set's sequences as sequence cases: the firing one first, then one per near-miss kind. */
export function sequenceExamples(set: SequenceSet): SequenceExample[] {
  if (!set.fires) return [];
  const fires = set.fires;
  const out = [example(set, 'fires', `fires: ${fires.events.length} event(s), one alert for ${groupText(fires.expect.groups[0])}`, fires)];
  for (const n of set.nearMisses) out.push(example(set, n.kind, `near miss ${n.kind}: ${n.why}`, n.sequence));
  return out;
}

function withReplay(f: SequenceFinding, replay: string): CorrelationFuzzFinding {
  return { ...f, replay };
}

export function fuzzCorrelations(selected: readonly IrCorrelation[], universe: CorrelationUniverse, options: FuzzCorrelationsOptions): CorrelationFuzzEntry[] {
  const rulesById = new Map(universe.rules.map((r) => [r.id, r]));
  const innerById = new Map(universe.correlations.map((c) => [c.id, c]));
  const sorted = [...selected].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.map((c): CorrelationFuzzEntry => {
    const r = fuzzCorrelation(c, rulesById, innerById, {
      seed: options.seed,
      runs: options.runs,
      collectExamples: options.collectExamples ?? false,
      ...(options.engines ? { engines: options.engines } : {}),
    });
    const replay = replayCommand(c, chainFiles(c, rulesById, innerById), options.seed, (r.failedRun ?? options.runs - 1) + 1);
    const { correlationId: _id, path: _path, findings, failedRun: _failedRun, example, ...counts } = r;
    return {
      id: c.id,
      title: c.title,
      path: c.path,
      type: c.type,
      ...counts,
      findings: findings.map((f) => withReplay(f, replay)),
      ...(options.collectExamples ? { examples: example ? sequenceExamples(example) : [] } : {}),
    };
  });
}
