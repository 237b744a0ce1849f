/**
 * NeedleIndex: reports exactly the needles that occur in the folded text, for ASCII and non-ASCII text, raw or
 * through a ValueView (property against String.prototype.includes), and skips numbers only when no needle could
 * occur in their string form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeedleIndex } from './aho-corasick.js';
import { ValueView } from './compile-matcher.js';
import { foldCase } from './fold.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20261204);
const piece = fc.constantFrom('a', 'b', 'ab', 'ba', 'abc', '\\', 'cmd', '.exe', 'İ', 'i̇', 'K', '\u212a', 'k', 'ß', 'é', 'É', 'Σ', 'ς', '😀', '\ud83d', 'A', 'B', 'CMD', ' ', '\n', '\u0000');
const str = fc.array(piece, { minLength: 0, maxLength: 8 }).map((p) => p.join(''));


function reported(index: NeedleIndex, scan: (sink: { needle(i: number): void }) => void): number[] {
  const seen = new Set<number>();
  scan({ needle: (i) => seen.add(i) });
  void index;
  return [...seen].sort((a, b) => a - b);
}

describe('NeedleIndex', () => {
  it('reports exactly the needles of the folded text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(piece, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 20 }), fc.array(str, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 10 }), (short, texts, cuts) => {
        // short needles, and pieces of the folded texts (so that hits are frequent)
        const pieces = texts.map((t, i) => foldCase(t).slice((cuts[i] ?? 0) % 4, ((cuts[i] ?? 0) % 4) + 1 + ((cuts[i] ?? 0) % 5)));
        const needles = [...new Set([...short.map((p) => foldCase(p.join(''))), ...pieces])].filter((n) => n.length > 0);
        if (needles.length === 0) return;
        const index = new NeedleIndex(needles);
        for (const text of texts) {
          const want = needles.flatMap((n, i) => (foldCase(text).includes(n) ? [i] : []));
          expect(reported(index, (sink) => index.scanString(text, sink)), text).toEqual(want);
          expect(reported(index, (sink) => index.scan(new ValueView(text), sink)), text).toEqual(want);
        }
      }),
      { seed, numRuns: 500 },
    );
  });

  it('reports exactly the needles of the folded text with few tabled states (deep states followed edge by edge; property)', () => {
    console.info(`NeedleIndex deep states: fast-check seed ${seed}`);
    const long = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => foldCase(p.join('')));
    fc.assert(
      fc.property(fc.array(long, { minLength: 1, maxLength: 12 }), fc.array(str, { maxLength: 8 }), fc.nat(3), (raw, texts, denseDepth) => {
        // needles, and texts made of needles and of their prefixes (so that deep states are entered and left)
        const needles = [...new Set(raw)].filter((n) => n.length > 0);
        if (needles.length === 0) return;
        const index = new NeedleIndex(needles, { denseDepth });
        const made = texts.map((t, i) => t + (needles[i % needles.length] as string) + t + (needles[(i + 1) % needles.length] as string).slice(0, 3 + i));
        for (const text of [...texts, ...made, needles.join(''), needles.join(' ').toUpperCase()]) {
          const want = needles.flatMap((n, i) => (foldCase(text).includes(n) ? [i] : []));
          expect(reported(index, (sink) => index.scanString(text, sink)), text).toEqual(want);
          expect(reported(index, (sink) => index.scan(new ValueView(text), sink)), text).toEqual(want);
        }
      }),
      { seed, numRuns: 1500 },
    );
  });

  it('knows which needles could occur in numbers and booleans', () => {
    expect(new NeedleIndex(['4688', 'x']).mayOccurIn(4688)).toBe(true);
    expect(new NeedleIndex(['infinity']).mayOccurIn(-Infinity)).toBe(true);
    expect(new NeedleIndex(['cmd']).mayOccurIn(1)).toBe(false);
    expect(new NeedleIndex(['rue']).mayOccurIn(true)).toBe(true);
    expect(new NeedleIndex(['cmd']).mayOccurIn(false)).toBe(false);
    expect(new NeedleIndex(['cmd']).mayOccurIn('x')).toBe(true);
    expect(() => new NeedleIndex(['CMD'])).toThrow();
  });
});
