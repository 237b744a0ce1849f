/**
 * Human renderings of a BenchReport: renderBenchText (the terminal summary; colours through the caller's
 * Colors) and renderBenchMarkdown (reports/bench.md: the machine, a workload table, the top rules).
 * renderGate: one line per regressed check, or a pass line. Pure functions.
 */
import type { CorrelationFigures } from './correlation.js';
import type { GateResult } from './gate.js';
import type { BenchReport, MachineInfo, Throughput } from './types.js';

interface Paint {
  red(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: Paint = { red: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

export function eps(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M/s`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k/s`;
  return `${n.toFixed(0)} /s`;
}

/** The load inlining budget (jit-budget.ts), as the header names it; reports from before it have none. */
function inlining(m: MachineInfo): string {
  return m.loadInliningBudget === undefined || m.loadInliningBudget === null ? "V8's inlining budget" : `inlining budget ${m.loadInliningBudget} while loading`;
}

function x(ratio: number | undefined): string {
  return ratio === undefined || !Number.isFinite(ratio) ? '-' : `${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;
}

function ms(t: Throughput): string {
  return `${t.medianMs.toFixed(1)} ms`;
}

interface Row {
  readonly workload: string;
  readonly events: number;
  readonly median: string;
  readonly eps: string;
  readonly perReference: string;
  readonly perParse: string;
}

function rows(r: BenchReport): Row[] {
  const out: Row[] = [];
  if (r.w1) out.push({ workload: 'W1 portmap rule, generated Sysmon 3', events: r.w1.events, median: ms(r.w1), eps: eps(r.w1.eventsPerSecond), perReference: x(r.ratios['w1.perReference']), perParse: x(r.ratios['w1.perParse']) });
  out.push({ workload: `W2 ${r.w2.rules} rules, in memory`, events: r.w2.events, median: ms(r.w2), eps: eps(r.w2.eventsPerSecond), perReference: x(r.ratios['w2.perReference']), perParse: x(r.ratios['w2.perParse']) });
  out.push({ workload: 'W2 reference interpreter (sample)', events: r.w2.reference.events, median: ms(r.w2.reference), eps: eps(r.w2.reference.eventsPerSecond), perReference: '1×', perParse: '-' });
  out.push({ workload: 'W3 end to end (.jsonl.gz → match records)', events: r.w3.events, median: ms(r.w3), eps: eps(r.w3.eventsPerSecond), perReference: x(r.ratios['w3.perReference']), perParse: `time ${x(r.ratios['w3.timeOverParse'])}` });
  out.push({ workload: 'parse only (same files)', events: r.w3.parseOnly.events, median: ms(r.w3.parseOnly), eps: eps(r.w3.parseOnly.eventsPerSecond), perReference: '-', perParse: '1×' });
  return out;
}

function correlationLine(c: CorrelationFigures): string {
  const where = c.isolated ? 'child process' : 'in process';
  return `correlation: ${c.events} events, event_count by a field with ${c.groups} values, ${c.timespanSeconds} s window: ${eps(Math.round(c.eventsPerSecond))} events/s, peak rss ${Math.round(c.peakRssMb)} MB (${where}), ${c.groupsAtEnd} groups held at the end`;
}

export function renderBenchText(r: BenchReport, paint: Paint = plain): string {
  const m = r.machine;
  const lines = [paint.bold(`sigmatest bench ${r.version}`) + paint.dim(`  ${m.cpu}, ${m.cores} cores, V8 pool of ${m.v8PoolSize}, ${inlining(m)}, node ${m.node}, ${m.platform}/${m.arch}; medians of ${r.runs} runs`)];
  lines.push(`rules: ${r.load.rules} loaded (${r.load.failedRules} failed) — build ${r.load.buildMs} ms, compileRuleset ${r.load.compileRulesetMs} ms`);
  for (const row of rows(r)) lines.push(`  ${row.workload.padEnd(44)} ${String(row.events).padStart(9)} ev  ${row.median.padStart(11)}  ${row.eps.padStart(11)}  vs ref ${row.perReference.padStart(7)}  vs parse ${row.perParse}`);
  const w2 = r.w2;
  lines.push(`W2 rules evaluated per event: mean ${w2.meanEvaluated}, p95 ${w2.p95Evaluated} (${w2.p95EvaluatedPct} % of rules); routed to no rule ${(100 * w2.routedToNoneShare).toFixed(1)} %, no candidate ${(100 * w2.noCandidateShare).toFixed(1)} %; ${w2.matches} matches`);
  if (r.w1) lines.push(`W1: ${r.w1.matches} matches on ${r.w1.events} events (pool ${r.w1.pool})`);
  lines.push(`per-rule cost: median ${r.ruleCosts.medianMicros} µs per evaluated event over ${r.ruleCosts.measured} rules (${r.ruleCosts.unmeasured} never applicable); top ${r.ruleCosts.top.length}:`);
  for (const t of r.ruleCosts.top) lines.push(`  ${String(t.micros).padStart(9)} µs  ${x(t.relative).padStart(8)}  ${t.title} ${paint.dim(t.path)}`);
  if (r.correlation) lines.push(correlationLine(r.correlation));
  lines.push(`peak heap ${r.memory.peakHeapMB} MB, peak rss ${r.memory.peakRssMB} MB`);
  for (const n of r.notes) lines.push(paint.dim(`note: ${n}`));
  return lines.join('\n') + '\n';
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderBenchMarkdown(r: BenchReport): string {
  const m = r.machine;
  const out = [
    `# sigmatest bench`,
    '',
    `Machine: ${cell(m.cpu)}, ${m.cores} cores, ${m.totalMemoryMB} MB, Node ${m.node} (${m.platform}/${m.arch}), a V8 thread pool of ${m.v8PoolSize}, ${inlining(m)}. sigmatest ${r.version}. Medians of ${r.runs} runs.`,
    '',
    `Rules: ${r.load.rules} loaded, ${r.load.failedRules} failed; buildRuleset ${r.load.buildMs} ms, compileRuleset ${r.load.compileRulesetMs} ms. Peak heap ${r.memory.peakHeapMB} MB, peak RSS ${r.memory.peakRssMB} MB.`,
    '',
    '| workload | events | median time | events/s | vs reference | vs parse-only |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows(r).map((row) => `| ${cell(row.workload)} | ${row.events} | ${row.median} | ${row.eps} | ${row.perReference} | ${row.perParse} |`),
    '',
    `W2: rules evaluated per event mean ${r.w2.meanEvaluated}, p95 ${r.w2.p95Evaluated} (${r.w2.p95EvaluatedPct} % of ${r.w2.rules} rules); events routed to no rule ${(100 * r.w2.routedToNoneShare).toFixed(1)} %; ${r.w2.matches} matches.`,
    '',
    ...(r.correlation ? [`${cell(correlationLine(r.correlation))}.`, ''] : []),
    `## Most expensive rules (µs per evaluated event; median rule ${r.ruleCosts.medianMicros} µs)`,
    '',
    '| µs | × median | events | rule | path |',
    '|---:|---:|---:|---|---|',
    ...r.ruleCosts.top.map((t) => `| ${t.micros} | ${x(t.relative)} | ${t.events} | ${cell(t.title)} | ${cell(t.path)} |`),
    '',
    ...r.notes.map((n) => `- ${cell(n)}`),
  ];
  return out.join('\n') + '\n';
}

export function renderGate(g: GateResult, paint: Paint = plain): string {
  const lines = g.regressions.map((c) => paint.red(`REGRESSION ${c.name}: ${c.baseline} → ${c.current} (${c.worsePct.toFixed(1)} % worse, ${c.direction} is better; limit ${g.maxRegression} %)`));
  if (g.regressions.length === 0) lines.push(paint.green(`gate: ${g.checks.length} ratios within ${g.maxRegression} % of the baseline`));
  else lines.push(paint.red(`gate: ${g.regressions.length} of ${g.checks.length} ratios worse by more than ${g.maxRegression} %`));
  return lines.join('\n') + '\n';
}
