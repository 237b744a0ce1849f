import { describe, expect, it } from 'vitest';
import { correlationThroughput } from './workload.js';

describe('correlationThroughput', () => {
  it('pushes N events over K groups and reports rate, memory and the groups left', () => {
    const r = correlationThroughput({ events: 20_500, groups: 1_000 });
    expect(r.events).toBe(20_500);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.eventsPerSecond).toBeCloseTo(r.events / r.seconds, 6);
    expect(r.peakRssMb).toBeGreaterThan(10);
    // One event per 10 ms over 1,000 users: each user recurs every 10 s, so 5 events take 40 s < 1 h and a group
    // fires and resets at every 5th event. 20,500 events = 20 per user (all reset) + one more for 500 users.
    expect(r.groupsAtEnd).toBe(500);
    // 10,000 users recur every 100 s; with a 30 s timespan nothing fires and only the users of the last 30 s
    // (3,001 events, one each) are held: expired windows are dropped.
    expect(correlationThroughput({ events: 20_500, groups: 10_000, timespanSeconds: 30 }).groupsAtEnd).toBe(3_001);
  });
});
