/**
 * The timed workloads of `sigmatest bench`, as passes: `run()` does the work once, `result()` reads what the last
 * run produced (counters accumulated by the work itself, so nothing can be optimised away). run-bench.ts times
 * passes interleaved (stats.ts timeInterleaved) so the ratios between them come from the same rounds.
 * - matcherPass: RulesetMatcher.match over events held in memory (W1, W2); stats of the last run.
 * - referencePass: referenceDecide of every rule on every event (the reference interpreter).
 * - parseOnlyPass: readEvents over files, one after the other (gunzip + split + JSON.parse + adapt), nothing else.
 * - endToEndPass (W3): readEvents over the same files + match + one JSON match record per match (scan's record
 *   shape) formatted into a string that is discarded (report/match-record.ts, as scan writes it).
 */
import { referenceDecide } from '../engine/reference.js';
import type { Event } from '../engine/event.js';
import type { RulesetMatcher, RulesetMatcherStats } from '../engine/ruleset-matcher.js';
import { readEvents } from '../events/index.js';
import type { IrRule } from '../ir/types.js';
import { MatchRecordFormatter, type MatchRecordRule } from '../report/match-record.js';
import { median, perSecond } from './stats.js';
import type { Throughput } from './types.js';

export function throughput(events: number, runsMs: readonly number[]): Throughput {
  const medianMs = median(runsMs);
  return { events, runsMs: runsMs.map((t) => Number(t.toFixed(3))), medianMs: Number(medianMs.toFixed(3)), eventsPerSecond: Math.round(perSecond(events, medianMs)) };
}

export interface Pass<R> {
  readonly run: () => void | Promise<void>;
  readonly result: () => R;
}

export function matcherPass(matcher: RulesetMatcher, events: readonly Event[]): Pass<RulesetMatcherStats> {
  return {
    run: () => {
      matcher.resetStats();
      for (let i = 0; i < events.length; i++) matcher.match(events[i] as Event);
    },
    result: () => matcher.stats(),
  };
}

export function referencePass(rules: readonly IrRule[], events: readonly Event[]): Pass<number> {
  let matches = 0;
  return {
    run: () => {
      matches = 0;
      for (const event of events) for (const rule of rules) if (referenceDecide(rule, event)) matches++;
    },
    result: () => matches,
  };
}

export function parseOnlyPass(files: readonly string[]): Pass<number> {
  let events = 0;
  return {
    run: async () => {
      events = 0;
      for (const file of files) for await (const record of readEvents(file)) if (record.kind === 'event') events++;
    },
    result: () => events,
  };
}

export interface EndToEndResult {
  readonly events: number;
  readonly matches: number;
  readonly outputChars: number;
}

export function endToEndPass(matcher: RulesetMatcher, rules: readonly MatchRecordRule[], files: readonly string[]): Pass<EndToEndResult> {
  let result: EndToEndResult = { events: 0, matches: 0, outputChars: 0 };
  const formatter = new MatchRecordFormatter();
  return {
    run: async () => {
      let events = 0;
      let matches = 0;
      let outputChars = 0;
      for (const file of files) {
        for await (const record of readEvents(file)) {
          if (record.kind !== 'event') continue;
          events++;
          for (const index of matcher.match(record.event)) {
            outputChars += formatter.line(rules[index] as MatchRecordRule, record.source, record.index).length;
            matches++;
          }
        }
      }
      result = { events, matches, outputChars };
    },
    result: () => result,
  };
}
