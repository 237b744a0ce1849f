/**
 * `bench`: loading and compiling the rule set cold, in fresh processes. A process loads a rule set cold once (the
 * JIT warms up on it: the same work takes about half the time a second time), so the bench's own load is one sample;
 * this measures `runs` more, each in a new Node process started as this one was (same V8 pool size, cli/v8-pool.ts),
 * one after the other, and reports their median. In: rule paths and settings files as given to bench, runs. Out:
 * per run the buildRuleset and compileRuleset times (ms) and the medians of build, compile and their sum; `isolated`
 * says whether child processes measured them (false when the compiled module is not on disk — tests run from the
 * TypeScript sources — and this process measured `runs` warm loads instead, which only tests the plumbing).
 */
import { performance } from 'node:perf_hooks';
import { compileRuleset } from '../engine/ruleset-matcher.js';
import { buildRuleset } from '../ruleset/build-ruleset.js';
import { readSharedSettings, rulesetOptions } from '../ruleset/settings.js';
import { compiledModule, runNodeJson, startedAsScript } from './child-process.js';
import { median } from './stats.js';

export interface ColdLoadRequest {
  readonly rules: readonly string[];
  readonly logsourceMap?: string;
  readonly placeholders?: string;
}

export interface LoadSample {
  readonly buildMs: number;
  readonly compileRulesetMs: number;
  readonly rules: number;
}

export interface ColdLoadFigures {
  readonly runs: readonly LoadSample[];
  readonly medianBuildMs: number;
  readonly medianCompileRulesetMs: number;
  /** Median over runs of build + compile (not the sum of the two medians). */
  readonly medianTotalMs: number;
  readonly isolated: boolean;
}

/** One load and compile in this process, as `bench` does it (evaluation settings: unresolved placeholders are errors). */
export async function loadOnce(request: ColdLoadRequest): Promise<LoadSample> {
  const shared = await readSharedSettings({ gating: true, ...request });
  let start = performance.now();
  const ruleset = await buildRuleset(request.rules, { ...rulesetOptions(shared), unresolvedPlaceholder: 'error' });
  const buildMs = performance.now() - start;
  start = performance.now();
  compileRuleset(
    ruleset.rules.map((r) => r.ir),
    { compiled: ruleset.rules.map((r) => r.compiled), plainEvents: true },
  );
  return { buildMs: Math.round(buildMs), compileRulesetMs: Math.round(performance.now() - start), rules: ruleset.rules.length };
}

export async function measureColdLoad(request: ColdLoadRequest, runs: number): Promise<ColdLoadFigures | { error: string }> {
  const modulePath = compiledModule('./cold-load.js', import.meta.url);
  const samples: LoadSample[] = [];
  for (let run = 0; run < runs; run++) {
    const sample = modulePath !== null ? await runNodeJson<LoadSample>([modulePath, JSON.stringify(request)], 'cold load') : await loadOnce(request);
    if ('error' in sample) return sample;
    samples.push(sample);
  }
  return {
    runs: samples,
    medianBuildMs: median(samples.map((s) => s.buildMs)),
    medianCompileRulesetMs: median(samples.map((s) => s.compileRulesetMs)),
    medianTotalMs: median(samples.map((s) => s.buildMs + s.compileRulesetMs)),
    isolated: modulePath !== null,
  };
}

export function coldLoadSummary(c: ColdLoadFigures): string {
  const totals = c.runs.map((s) => s.buildMs + s.compileRulesetMs);
  const where = c.isolated ? `${c.runs.length} fresh processes` : `${c.runs.length} runs in this process (not cold: no compiled module)`;
  return `load + compile of ${c.runs[0]?.rules ?? 0} rules in ${where}: median ${c.medianTotalMs} ms (build ${c.medianBuildMs} + compileRuleset ${c.medianCompileRulesetMs}; runs ${totals.join(' / ')} ms)`;
}

if (startedAsScript(import.meta.url)) {
  process.stdout.write(JSON.stringify(await loadOnce(JSON.parse(process.argv[2] ?? '{}') as ColdLoadRequest)));
}
