import { describe, expect, it } from 'vitest';
import { adaptEvent } from '../events/adapt.js';
import { eventTime, parseTime } from './event-time.js';

const T = Date.UTC(2024, 4, 1, 3, 15, 0, 123);

describe('parseTime', () => {
  it('reads ISO 8601 text; no zone means UTC; fractions beyond ms are truncated', () => {
    expect(parseTime('2024-05-01T03:15:00.123Z')).toBe(T);
    expect(parseTime('2024-05-01T03:15:00.1239999Z')).toBe(T);
    expect(parseTime('2024-05-01 03:15:00.123')).toBe(T);
    expect(parseTime('2024-05-01T05:15:00.123+02:00')).toBe(T);
    expect(parseTime('2024-05-01T01:15:00.123-0200')).toBe(T);
    expect(parseTime('2024-05-01T03:15:00,123 UTC')).toBe(T);
    expect(parseTime('2024-05-01T03:15Z')).toBe(Date.UTC(2024, 4, 1, 3, 15));
    expect(parseTime('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(parseTime('0099-01-01T00:00:00Z')).toBe(new Date('0099-01-01T00:00:00Z').getTime());
  });

  it('reads epoch numbers: below 1e11 seconds, else milliseconds', () => {
    expect(parseTime(1714533300)).toBe(1714533300_000);
    expect(parseTime(1714533300.123)).toBe(1714533300_123);
    expect(parseTime(1714533300_123)).toBe(1714533300_123);
    expect(parseTime('1714533300')).toBe(1714533300_000);
    expect(parseTime(0)).toBe(0);
  });

  it('rejects impossible dates and anything that is not a timestamp', () => {
    for (const bad of ['2024-13-01T00:00:00Z', '2023-02-29', '2024-02-30', '2024-05-01T24:00:00Z', '2024-05-01T03:15:00+25:00',
      'yesterday', '', '1e3', true, null, {}, [1], Number.NaN, Infinity]) {
      expect(parseTime(bad), String(bad)).toBeNull();
    }
    expect(parseTime('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('eventTime', () => {
  it('reads evtx SystemTime, raw or as the adapter flattens it', () => {
    const raw = { Event: { System: { EventID: 1, TimeCreated: { '#attributes': { SystemTime: '2024-05-01T03:15:00.123000Z' } } } } };
    expect(eventTime(raw)).toBe(T);
    expect(eventTime(adaptEvent(raw)!)).toBe(T);
    expect(adaptEvent(raw)).toHaveProperty('TimeCreated_SystemTime');
  });

  it('prefers SystemTime, then UtcTime, @timestamp, timestamp, eventTime', () => {
    expect(eventTime({ TimeCreated_SystemTime: '2024-05-01T03:15:00.123Z', UtcTime: '2000-01-01 00:00:00.000' })).toBe(T);
    expect(eventTime({ UtcTime: '2024-05-01 03:15:00.123', '@timestamp': '2000-01-01T00:00:00Z' })).toBe(T);
    expect(eventTime({ '@timestamp': '2024-05-01T03:15:00.123Z', timestamp: 1 })).toBe(T);
    expect(eventTime({ timestamp: T })).toBe(T);
    expect(eventTime({ eventTime: '2024-05-01T03:15:00.123Z' })).toBe(T);
    expect(eventTime({ time: '2024-05-01T03:15:00.123Z' })).toBeNull();
  });

  it('uses only the configured field when one is given (dotted paths reach into objects)', () => {
    const event = { timestamp: T, meta: { seen: '2000-01-01T00:00:00Z' } };
    expect(eventTime(event, 'meta.seen')).toBe(Date.UTC(2000, 0, 1));
    expect(eventTime(event, 'missing')).toBeNull();
  });
});
