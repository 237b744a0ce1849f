/**
 * runBenchmarks(config) → BenchReport: loads and compiles the rules (timed), gets the events into memory
 * (generated or read from files), then times, each `runs` times after one untimed warm-up run: the parse-only
 * pass and W3 over the events files (W2's files, read from disk one after the other), W1 (one rule, generated
 * Sysmon 3 events), W2 (the rule set on every event) with the reference interpreter on a sample of the same
 * events, and the per-rule costs. All ratios are computed from figures of this same run. Throws only on
 * programming errors; input problems (no rules, unreadable events) come back as `{ error }`.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { currentPoolSize } from '../cli/v8-pool.js';
import type { Event } from '../engine/event.js';
import { compileRuleset } from '../engine/ruleset-matcher.js';
import { loadInliningBudget } from '../jit-budget.js';
import { buildRuleset, type PreparedRule, type RulesetOptions } from '../ruleset/build-ruleset.js';
import { cycle, evenSample, generatedPool, loadEventFiles, writeJsonlGz } from './events.js';
import { measureCorrelation } from './correlation.js';
import { measureRuleCosts } from './rule-cost.js';
import { medianRatio, MemoryPeak, sig, timeInterleaved } from './stats.js';
import type { BenchReport, MachineInfo, W1Figures } from './types.js';
import { endToEndPass, matcherPass, parseOnlyPass, referencePass, throughput } from './workloads.js';

export const PORTMAP_RULE_ID = '07837ab9-60e1-481f-a74d-c31fb496a94c';

export interface BenchConfig {
  readonly rulePaths: readonly string[];
  readonly ruleset: Omit<RulesetOptions, 'unresolvedPlaceholder'>;
  /** Events files for W2 (held in memory) and W3 (read from disk, one after the other); ignored when `generate` is set. */
  readonly eventFiles: readonly string[];
  readonly generate?: { readonly count: number; readonly template: string };
  /** The W1 rule file (when absent, the portmap rule is looked up by id in the rule set; else W1 is skipped). */
  readonly w1RulePath?: string;
  readonly w1Events: number;
  readonly runs: number;
  readonly seed?: number;
  readonly referenceSample?: number;
  readonly w1ReferenceEvents?: number;
  readonly ruleCostCap?: number;
  /** Correlation workload: events (default 1,000,000; 0 skips it) and distinct group-by values (default 100,000). */
  readonly correlationEvents?: number;
  readonly correlationGroups?: number;
  /** Restricts the loaded rule set (`bench --shard i/n`); default: every rule. */
  readonly selectRules?: (rules: readonly PreparedRule[]) => readonly PreparedRule[];
  readonly version: string;
  readonly onPhase?: (message: string) => void;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version, platform: os.platform(), arch: os.arch(), totalMemoryMB: Math.round(os.totalmem() / 2 ** 20), v8PoolSize: currentPoolSize(process.execArgv, process.env['NODE_OPTIONS']), loadInliningBudget: loadInliningBudget() };
}

async function w1Rule(config: BenchConfig, rules: readonly PreparedRule[]): Promise<PreparedRule | undefined> {
  if (config.w1RulePath && existsSync(config.w1RulePath)) {
    const built = await buildRuleset([config.w1RulePath], { ...config.ruleset, unresolvedPlaceholder: 'error' });
    if (built.rules[0]) return built.rules[0];
  }
  return rules.find((r) => r.ir.id === PORTMAP_RULE_ID);
}

interface W1Run {
  readonly figures: W1Figures;
  /** Median over rounds of (W1 events/s) / (reference events/s). */
  readonly perReference: number;
}

async function runW1(config: BenchConfig, rule: PreparedRule, after: () => void): Promise<W1Run> {
  const events = cycle(generatedPool('sysmon-3', Math.min(10_000, config.w1Events), config.seed ?? 1) ?? [], config.w1Events);
  const matcher = compileRuleset([rule.ir], { compiled: [rule.compiled], plainEvents: true });
  const pass = matcherPass(matcher, events);
  const sample = events.slice(0, Math.min(events.length, config.w1ReferenceEvents ?? 20_000));
  const reference = referencePass([rule.ir], sample);
  const [w1Ms, refMs] = (await timeInterleaved(config.runs, [pass.run, reference.run], after)) as [number[], number[]];
  const figures = { ...throughput(events.length, w1Ms), rule: rule.ir.path, pool: Math.min(10_000, config.w1Events), matches: pass.result().matches, reference: throughput(sample.length, refMs) };
  return { figures, perReference: rateRatio(events.length, w1Ms, sample.length, refMs) };
}

/** Median over paired rounds of (aEvents / aMs) / (bEvents / bMs). */
function rateRatio(aEvents: number, aMs: readonly number[], bEvents: number, bMs: readonly number[]): number {
  return sig(medianRatio(bMs, aMs) * (aEvents / Math.max(1, bEvents)));
}

export async function runBenchmarks(config: BenchConfig): Promise<BenchReport | { error: string }> {
  const phase = config.onPhase ?? ((): void => undefined);
  const memory = new MemoryPeak().start();
  const after = (): void => memory.sample();
  const notes: string[] = [];
  let tempFile: string | undefined;
  try {
    phase(`loading rules from ${config.rulePaths.join(', ')}`);
    let start = performance.now();
    const ruleset = await buildRuleset(config.rulePaths, { ...config.ruleset, unresolvedPlaceholder: 'error' });
    const buildMs = performance.now() - start;
    const rules = config.selectRules ? config.selectRules(ruleset.rules) : ruleset.rules;
    if (rules.length === 0) return { error: `no rules loaded from ${config.rulePaths.join(', ')}` };
    start = performance.now();
    const matcher = compileRuleset(rules.map((r) => r.ir), { compiled: rules.map((r) => r.compiled), plainEvents: true });
    const compileRulesetMs = performance.now() - start;
    if (ruleset.failedRules > 0) notes.push(`${ruleset.failedRules} rule(s) could not be loaded or evaluated (e.g. unresolved placeholders) and are not in the rule set`);
    after();

    let events: Event[];
    let sources: string[];
    let w3Files: string[];
    if (config.generate) {
      phase(`generating ${config.generate.count} ${config.generate.template} events`);
      events = cycle(generatedPool(config.generate.template, Math.min(10_000, config.generate.count), config.seed ?? 1) ?? [], config.generate.count);
      if (events.length === 0) return { error: `no event template named '${config.generate.template}'` };
      tempFile = path.join(os.tmpdir(), `sigmatest-bench-${process.pid}-${Date.now()}.jsonl.gz`);
      await writeJsonlGz(events, tempFile);
      sources = [`generated:${config.generate.template}`];
      w3Files = [tempFile];
    } else {
      phase(`reading ${config.eventFiles.join(', ')}`);
      const loaded = await loadEventFiles(config.eventFiles);
      if (loaded.unreadable.length > 0) return { error: loaded.unreadable.join('; ') };
      if (loaded.events.length === 0) return { error: `no events in ${config.eventFiles.join(', ')}` };
      if (loaded.malformed > 0) notes.push(`${loaded.malformed} malformed record(s) skipped`);
      events = loaded.events;
      sources = [...config.eventFiles];
      w3Files = [...config.eventFiles];
    }
    after();

    const portmap = config.w1Events > 0 ? await w1Rule(config, rules) : undefined;
    if (!portmap) notes.push('W1 skipped: the portmap rule was not found');
    if (portmap) phase(`W1: ${portmap.ir.title} on ${config.w1Events} events, beside the reference interpreter`);
    const w1Run = portmap ? await runW1(config, portmap, after) : undefined;
    const w1 = w1Run?.figures;

    const sample = evenSample(events, config.referenceSample ?? 500);
    phase(`interleaved rounds: parse-only and W3 over ${w3Files.map((f) => path.basename(f)).join(', ')}, W2 (${rules.length} rules on ${events.length} events), reference on ${sample.length} events`);
    const recordFields = rules.map((r) => ({ id: r.ir.id, title: r.ir.title, path: r.ir.path, ...(r.ir.level ? { level: r.ir.level } : {}) }));
    const parsePass = parseOnlyPass(w3Files);
    const w3Pass = endToEndPass(matcher, recordFields, w3Files);
    const w2Pass = matcherPass(matcher, events);
    const referenceRun = referencePass(rules.map((r) => r.ir), sample);
    const [parseMs, w3Ms, w2Ms, refMs] = (await timeInterleaved(config.runs, [parsePass.run, w3Pass.run, w2Pass.run, referenceRun.run], after)) as [number[], number[], number[], number[]];
    const parse = { throughput: throughput(parsePass.result(), parseMs) };
    const w3Result = w3Pass.result();
    const w3 = { throughput: throughput(w3Result.events, w3Ms), ...w3Result };
    const w2 = { throughput: throughput(events.length, w2Ms), stats: w2Pass.result() };
    const reference = { throughput: throughput(sample.length, refMs) };
    notes.push(`reference interpreter timed on ${sample.length} evenly spaced events of the W2 set (W1: on ${w1?.reference.events ?? 0} of its events)`);
    notes.push('parse-only, W3, W2 and the reference ran in interleaved rounds; each ratio is the median of its per-round ratios');

    const correlationEvents = config.correlationEvents ?? 1_000_000;
    const correlationGroups = config.correlationGroups ?? 100_000;
    if (correlationEvents > 0) phase(`correlation: ${correlationEvents} events through an event_count rule over ${correlationGroups} groups (child process)`);
    const correlation = correlationEvents > 0 ? await measureCorrelation({ events: correlationEvents, groups: correlationGroups }) : undefined;

    phase(`per-rule cost of ${rules.length} rules`);
    const ruleCosts = measureRuleCosts(rules, events, { runs: config.runs, cap: config.ruleCostCap ?? 2000, after: (done) => done % 200 === 0 && after() });
    memory.stop();

    const s = w2.stats;
    const parseEps = parse.throughput.eventsPerSecond;
    const ratio = (a: number, b: number): number => (b > 0 ? sig(a / b) : NaN);
    const parsed = parse.throughput.events;
    const ratios: Record<string, number> = {
      'w2.perParse': rateRatio(events.length, w2Ms, parsed, parseMs),
      'w2.perReference': rateRatio(events.length, w2Ms, sample.length, refMs),
      'w3.perReference': rateRatio(w3.events, w3Ms, sample.length, refMs),
      'w3.timeOverParse': sig(medianRatio(w3Ms, parseMs)),
      ...(w1 && w1Run ? { 'w1.perParse': ratio(w1.eventsPerSecond, parseEps), 'w1.perReference': w1Run.perReference } : {}),
    };
    return {
      tool: 'sigmatest bench',
      version: config.version,
      machine: machineInfo(),
      runs: config.runs,
      load: { rulePaths: [...config.rulePaths], rules: rules.length, failedRules: ruleset.failedRules, buildMs: Math.round(buildMs), compileRulesetMs: Math.round(compileRulesetMs) },
      ...(w1 ? { w1 } : {}),
      w2: {
        ...w2.throughput,
        sources,
        rules: rules.length,
        meanEvaluated: sig(s.meanEvaluated),
        p95Evaluated: s.p95Evaluated,
        p95EvaluatedPct: sig((100 * s.p95Evaluated) / rules.length),
        routedToNone: s.routedToNone,
        routedToNoneShare: sig(s.routedToNone / Math.max(1, s.events)),
        noCandidateShare: sig(s.noCandidate / Math.max(1, s.events)),
        matches: s.matches,
        reference: reference.throughput,
      },
      w3: { ...w3.throughput, files: config.generate ? [`generated:${config.generate.template}`] : w3Files, matches: w3.matches, outputChars: w3.outputChars, parseOnly: parse.throughput },
      ruleCosts,
      ...(correlation ? { correlation } : {}),
      memory: { peakHeapMB: Math.round(memory.heapUsed / 2 ** 20), peakRssMB: Math.round(memory.rss / 2 ** 20) },
      ratios,
      notes,
    };
  } finally {
    memory.stop();
    if (tempFile) await rm(tempFile, { force: true });
  }
}
