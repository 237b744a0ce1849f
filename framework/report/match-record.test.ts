/**
 * MatchRecordFormatter: every line is exactly JSON.stringify of the record object plus a newline, whatever the
 * rule texts and source names hold (quotes, backslashes, control and non-ASCII characters, lone surrogates), with
 * the per-rule and per-source caches in play (rules and sources repeat and alternate).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchRecordFormatter, type MatchRecordRule } from './match-record.js';

const SEED = Number(process.env['SIGMATEST_SEED'] ?? 20261204);

const reference = (r: MatchRecordRule, source: string, index: number): string =>
  JSON.stringify({ rule_id: r.id, rule_title: r.title, rule_path: r.path, level: r.level ?? null, source, event_index: index }) + '\n';

describe(`MatchRecordFormatter (seed ${SEED})`, () => {
  it('formats like JSON.stringify of the record, with cached rule heads and source names', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const rule = fc.record({ id: text, title: text, path: text, level: fc.option(text, { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 4 }), fc.array(text, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(2 ** 31)), { maxLength: 20 }), (rules, sources, picks) => {
        const formatter = new MatchRecordFormatter();
        for (const [r, s, index] of picks) {
          const ruleObject = rules[r % rules.length] as MatchRecordRule;
          const source = sources[s % sources.length] as string;
          expect(formatter.line(ruleObject, source, index)).toBe(reference(ruleObject, source, index));
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('writes level null when the rule has none, and the index as a JSON number', () => {
    const line = new MatchRecordFormatter().line({ id: 'i', title: 't "q"', path: 'C:\\r.yml' }, 'e.jsonl', 7);
    expect(JSON.parse(line)).toEqual({ rule_id: 'i', rule_title: 't "q"', rule_path: 'C:\\r.yml', level: null, source: 'e.jsonl', event_index: 7 });
  });
});
