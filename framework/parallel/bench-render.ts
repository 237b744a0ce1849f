/**
 * Text and Markdown of the `bench --workers N` figures (bench-w2.ts), appended to bench's own output.
 */
import type { ParallelW2Figures } from './bench-w2.js';

const eps = (n: number): string => `${n.toLocaleString('en-US')}/s`;

export function parallelSummary(p: ParallelW2Figures): string {
  return `W2 on worker threads (${p.rules} rules, ${p.events} events in memory, timed from a start barrier after warm-up): 1 worker ${eps(p.oneWorker.eventsPerSecond)}, ${p.workers} workers ${eps(p.nWorkers.eventsPerSecond)}; speedup ${p.speedup}× (median of per-round ratios); ${p.matches} matches on both`;
}

export function renderParallelText(p: ParallelW2Figures): string {
  return parallelSummary(p) + '\n';
}

export function renderParallelMarkdown(p: ParallelW2Figures): string {
  return [
    '',
    `## W2 on ${p.workers} worker threads`,
    '',
    '| threads | median time | events/s | speedup |',
    '|---:|---:|---:|---:|',
    `| 1 | ${p.oneWorker.medianMs.toFixed(1)} ms | ${eps(p.oneWorker.eventsPerSecond)} | 1× |`,
    `| ${p.workers} | ${p.nWorkers.medianMs.toFixed(1)} ms | ${eps(p.nWorkers.eventsPerSecond)} | ${p.speedup}× |`,
    '',
    `${p.rules} rules on ${p.events} events held in memory by every thread; with ${p.workers} threads each takes blocks of events from a shared counter until none is left (last round: ${p.chunks.join(' + ')} events). Timed from a start barrier after loading, compiling and warm-up; rounds interleave 1 and ${p.workers} threads; the speedup is the median of the per-round ratios. Both found ${p.matches} matches.`,
    '',
  ].join('\n');
}
