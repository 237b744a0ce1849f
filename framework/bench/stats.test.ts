import { describe, expect, it } from 'vitest';
import { median, medianRatio, p95, timeInterleaved, timeRuns } from './stats.js';

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

  it('timeInterleaved alternates the workloads round by round after the warm-up rounds', async () => {
    const order: string[] = [];
    const times = await timeInterleaved(3, [() => void order.push('a'), () => void order.push('b')], undefined, 1);
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(times.map((t) => t.length)).toEqual([3, 3]);
  });

  it('medianRatio is the median of the paired ratios, not the ratio of the medians', () => {
    // Round 2 was slow for both (machine noise): paired ratios stay 2, 2, 2.
    expect(medianRatio([2, 20, 4], [1, 10, 2])).toBe(2);
    expect(medianRatio([1, 9, 3], [1, 3, 1])).toBe(3);
    expect(medianRatio([], [])).toBeNaN();
  });
});
