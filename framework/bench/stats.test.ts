import { describe, expect, it } from 'vitest';
import { median, p95, timeRuns } from './stats.js';

describe('bench stats', () => {
  it('median of odd and even lists, unsorted input untouched', () => {
    const xs = [5, 1, 3];
    expect(median(xs)).toBe(3);
    expect(xs).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('p95 is the nearest-rank 95th percentile', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100 shuffled by reversal
    expect(p95(xs)).toBe(95);
    expect(p95(Array.from({ length: 20 }, (_, i) => i + 1))).toBe(19);
    expect(p95([3])).toBe(3);
    expect(p95([1, 2])).toBe(2);
    expect(p95([])).toBeNaN();
  });

  it('timeRuns times each run after an untimed warm-up', async () => {
    let calls = 0;
    const times = await timeRuns(5, () => {
      calls++;
    });
    expect(times).toHaveLength(5);
    expect(calls).toBe(6);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(0);
  });
});
