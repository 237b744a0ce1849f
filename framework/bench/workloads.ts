/**
 * The timed workloads of `sigmatest bench`. Each runs `runs` times and reports the median (stats.ts); results
 * are accumulated into counters that are returned, so no work can be optimised away.
 * - matcherPass: RulesetMatcher.match over events held in memory (W1, W2); stats from the last run.
 * - referencePass: referenceDecide of every rule on every event (the reference interpreter, same events or a
 *   sample of them).
 * - parseOnlyPass: readEvents over a file (gunzip + split + JSON.parse + adapt), nothing else.
 * - endToEndPass (W3): readEvents + match + one JSON match record per match (scan's record shape) formatted
 *   into a string that is discarded.
 */
import { referenceDecide } from '../engine/reference.js';
import type { Event } from '../engine/event.js';
import type { RulesetMatcher, RulesetMatcherStats } from '../engine/ruleset-matcher.js';
import { readEvents } from '../events/index.js';
import type { IrRule } from '../ir/types.js';
import { median, perSecond, timeRuns } from './stats.js';
import type { Throughput } from './types.js';

export function throughput(events: number, runsMs: readonly number[]): Throughput {
  const medianMs = median(runsMs);
  return { events, runsMs: runsMs.map((t) => Number(t.toFixed(3))), medianMs: Number(medianMs.toFixed(3)), eventsPerSecond: Math.round(perSecond(events, medianMs)) };
}

export interface MatcherPass {
  readonly throughput: Throughput;
  readonly stats: RulesetMatcherStats;
}

export async function matcherPass(matcher: RulesetMatcher, events: readonly Event[], runs: number, after?: () => void): Promise<MatcherPass> {
  const times = await timeRuns(
    runs,
    () => {
      matcher.resetStats();
      for (let i = 0; i < events.length; i++) matcher.match(events[i] as Event);
    },
    after,
  );
  return { throughput: throughput(events.length, times), stats: matcher.stats() };
}

export async function referencePass(rules: readonly IrRule[], events: readonly Event[], runs: number, after?: () => void): Promise<{ throughput: Throughput; matches: number }> {
  let matches = 0;
  const times = await timeRuns(
    runs,
    () => {
      matches = 0;
      for (const event of events) for (const rule of rules) if (referenceDecide(rule, event)) matches++;
    },
    after,
  );
  return { throughput: throughput(events.length, times), matches };
}

export async function parseOnlyPass(file: string, runs: number, after?: () => void): Promise<{ throughput: Throughput; events: number }> {
  let events = 0;
  const times = await timeRuns(
    runs,
    async () => {
      events = 0;
      for await (const record of readEvents(file)) if (record.kind === 'event') events++;
    },
    after,
  );
  return { throughput: throughput(events, times), events };
}

export interface RecordFields {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly level?: string;
}

export async function endToEndPass(
  matcher: RulesetMatcher,
  rules: readonly RecordFields[],
  file: string,
  runs: number,
  after?: () => void,
): Promise<{ throughput: Throughput; events: number; matches: number; outputChars: number }> {
  let events = 0;
  let matches = 0;
  let outputChars = 0;
  const times = await timeRuns(
    runs,
    async () => {
      events = 0;
      matches = 0;
      outputChars = 0;
      for await (const record of readEvents(file)) {
        if (record.kind !== 'event') continue;
        events++;
        for (const index of matcher.match(record.event)) {
          const r = rules[index] as RecordFields;
          const line = JSON.stringify({ rule_id: r.id, rule_title: r.title, rule_path: r.path, level: r.level ?? null, source: record.source, event_index: record.index }) + '\n';
          outputChars += line.length;
          matches++;
        }
      }
    },
    after,
  );
  return { throughput: throughput(events, times), events, matches, outputChars };
}
