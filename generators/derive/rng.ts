/**
 * Seeded randomness for the derivation generators. In: a 32-bit seed or any object with fast-check's
 * `Random.nextInt(min, max)` (inclusive bounds), so `fc.Random` instances can drive derivation directly.
 * Must hold: the same seed gives the same sequence (no Math.random, no clock); helpers only use `nextInt`.
 */

/** The one primitive every generator draws from: an integer in [min, max] (both inclusive). */
export interface Rng {
  nextInt(min: number, max: number): number;
}

/** mulberry32: tiny, fast, good enough for test-data choices (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { nextInt: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[rng.nextInt(0, items.length - 1)] as T;
}

/** True with probability `percent` / 100. */
export function chance(rng: Rng, percent: number): boolean {
  return rng.nextInt(0, 99) < percent;
}

export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextInt(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
