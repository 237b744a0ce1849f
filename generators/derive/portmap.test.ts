/**
 * The portmap rule (SigmaHQ, Sysmon 3: `Initiated: 'true'` and `DestinationHostname|endswith: '.portmap.io'`):
 * positives match, the near misses of issue 4 part 3 are produced and confirmed, both items have an
 * independence pair.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IrRule } from '../../framework/ir/types.js';
import { referenceDecide } from '../../framework/engine/reference.js';
import { deriveNearMisses, derivePositives, independencePairs, nearMissArbitrary, positiveArbitrary, type NearMiss, type Rng } from './index.js';
import { loadRules, PORTMAP } from './test-support/bundled.js';

let rule: IrRule;

/** The fast-check Random of each run, as a value (derivation can draw from it directly). */
class RandomSource extends fc.Arbitrary<Rng> {
  generate(mrng: fc.Random): fc.Value<Rng> {
    return new fc.Value(mrng.clone(), undefined);
  }
  canShrinkWithoutContext(_value: unknown): _value is Rng {
    return false;
  }
  shrink(): fc.Stream<fc.Value<Rng>> {
    return fc.Stream.nil();
  }
}

beforeAll(async () => {
  [rule] = (await loadRules([PORTMAP])) as [IrRule];
});

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

describe('portmap rule', () => {
  it('derives positives on Sysmon 3 events that the reference matches', () => {
    const { events, reason } = derivePositives(rule, () => ({}), { seed: 11, count: 20 });
    expect(reason).toBeUndefined();
    expect(events).toHaveLength(20);
    for (const { event } of events) {
      expect(referenceDecide(rule, event)).toBe(true);
      expect(event['Channel']).toBe(SYSMON);
      expect(Number(event['EventID'])).toBe(3);
      expect(String(event['DestinationHostname']).toLowerCase().endsWith('.portmap.io')).toBe(true);
    }
  });

  it('keeps the base event and only overwrites what the rule constrains', () => {
    const base = { Channel: SYSMON, EventID: 3, Image: 'C:\\Windows\\System32\\svchost.exe', Initiated: 'false', DestinationHostname: 'example.org' };
    const [derived] = derivePositives(rule, () => ({ ...base }), { seed: 2 }).events;
    expect(derived?.event['Image']).toBe(base.Image);
    expect(derived?.event['EventID']).toBe(3);
    expect(referenceDecide(rule, derived?.event ?? {})).toBe(true);
  });

  describe('near misses', () => {
    let misses: NearMiss[];
    beforeAll(() => {
      const positive = { Channel: SYSMON, EventID: 3, Initiated: 'true', DestinationHostname: 'tunnel.portmap.io' };
      misses = deriveNearMisses(rule, positive, { seed: 5 });
    });
    const on = (field: string, operator: string): NearMiss[] => misses.filter((m) => m.target.eventField === field && m.operator === operator);

    it('are confirmed by the reference evaluator', () => {
      expect(misses.length).toBeGreaterThan(10);
      for (const m of misses) expect(m.expect).toBe(referenceDecide(rule, m.event) ? 'match' : 'no-match');
    });

    it.each([
      ['DestinationHostname', 'endswith:append-suffix', 'tunnel.portmap.io.evil.com'],
      ['DestinationHostname', 'endswith:drop-first-char', 'portmap.io'],
      ['DestinationHostname', 'endswith:change-first-char', 'xportmap.io'],
      ['Initiated', 'bool:flip', 'false'],
      ['DestinationHostname', 'field:null', null],
      ['DestinationHostname', 'field:empty', ''],
      ['Initiated', 'field:null', null],
      ['Initiated', 'field:empty', ''],
    ])('%s %s → %j, no match', (field, operator, value) => {
      const [miss] = on(field, operator);
      expect(miss?.event[field]).toBe(value);
      expect(miss?.expect).toBe('no-match');
      expect(miss?.flipped).toBe(true);
    });

    it('removes each field', () => {
      for (const field of ['Initiated', 'DestinationHostname']) {
        const [miss] = on(field, 'field:remove');
        expect(miss && field in miss.event).toBe(false);
        expect(miss?.expect).toBe('no-match');
      }
    });

    it('moves the event to another EventID and another channel', () => {
      const [eventId] = misses.filter((m) => m.operator === 'logsource:other-eventid');
      const [channel] = misses.filter((m) => m.operator === 'logsource:other-channel');
      expect(eventId?.event['EventID']).not.toBe(3);
      expect(eventId?.event['DestinationHostname']).toBe('tunnel.portmap.io');
      expect(channel?.event['Channel']).not.toBe(SYSMON);
      expect([eventId?.expect, channel?.expect]).toEqual(['no-match', 'no-match']);
      expect(eventId?.target.kind).toBe('logsource');
    });

    it('records the targeted item', () => {
      const [suffix] = on('DestinationHostname', 'endswith:append-suffix');
      expect(suffix?.target).toEqual({ kind: 'detection', identifier: 'selection', itemPath: [1], field: 'DestinationHostname', eventField: 'DestinationHostname', valueIndex: 0 });
    });
  });

  it('finds an independence pair for both items', () => {
    const { pairs, missing } = independencePairs(rule, { seed: 3 });
    expect(missing).toEqual([]);
    expect(pairs.map((p) => p.target.path)).toEqual([[0], [1]]);
    for (const p of pairs) {
      expect(p.kind).toBe('unique-cause');
      expect(referenceDecide(rule, p.match)).toBe(true);
      expect(referenceDecide(rule, p.noMatch)).toBe(false);
      const differing = Object.keys({ ...p.match, ...p.noMatch }).filter((k) => p.match[k] !== p.noMatch[k]);
      expect(differing).toEqual([p.eventField]);
    }
  });

  it('works as fast-check arbitraries and accepts a fast-check Random', () => {
    fc.assert(fc.property(positiveArbitrary(rule, () => ({})), (p) => p !== null && referenceDecide(rule, p.event)), { seed: 1, numRuns: 50 });
    fc.assert(
      fc.property(nearMissArbitrary(rule, () => ({})), (r) => r !== null && r.nearMisses.every((m) => referenceDecide(rule, m.event) === (m.expect === 'match'))),
      { seed: 1, numRuns: 50 },
    );
    fc.assert(fc.property(new RandomSource(), (random) => derivePositives(rule, () => ({}), { random }).events.length === 1), { seed: 1, numRuns: 20 });
  });
});
