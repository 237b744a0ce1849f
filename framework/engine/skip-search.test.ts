/**
 * SkipSearch (skip-search.ts), alone and as NeedleIndex picks it (long ASCII needles): scanText then, when it
 * gives up, scanFolded on the folded text reports exactly the needles of the folded text (property against
 * String.prototype.includes), with the units whose folding is ASCII (U+212A KELVIN SIGN → k, U+0130 → i + U+0307)
 * inside and at the ends of occurrences; scanText alone reports only needles that occur.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeedleIndex } from './aho-corasick.js';
import { ValueView } from './compile-matcher.js';
import { foldCase } from './fold.js';
import { SkipSearch, SKIP_MIN_LENGTH } from './skip-search.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20261204);

function collect(scan: (sink: { needle(i: number): void }) => void): number[] {
  const seen = new Set<number>();
  scan({ needle: (i) => seen.add(i) });
  return [...seen].sort((a, b) => a - b);
}

function occurring(needles: readonly string[], text: string): number[] {
  const folded = foldCase(text);
  return needles.flatMap((n, i) => (folded.includes(n) ? [i] : []));
}

/** The contract as NeedleIndex uses it: scanText, and on false scanFolded over the folded text. */
function searched(search: SkipSearch, text: string): { reported: number[]; ascii: boolean; partial: number[] } {
  let ascii = true;
  const partial = collect((sink) => (ascii = search.scanText(text, sink)));
  const reported = ascii ? partial : collect((sink) => search.scanFolded(foldCase(text), sink));
  return { reported, ascii, partial };
}

const letter = fc.constantFrom('a', 'b', 'k', 'i', ':', '\\', '.', ' ', 'e');
const needle = fc.array(letter, { minLength: 3, maxLength: 12 }).map((units) => units.join(''));
/** Text pieces: ASCII in both cases and units whose folding is or is not ASCII. */
const tricky = fc.constantFrom('\u212a', 'İ', 'ß', 'é', 'Σ', 'ς', '😀', '\ud83d', 'K', 'I', 'A', 'E', '::', '\\');

describe('SkipSearch', () => {
  it('reports exactly the needles of the folded text (property)', () => {
    console.info(`SkipSearch: fast-check seed ${seed}`);
    fc.assert(
      fc.property(fc.uniqueArray(needle, { minLength: 1, maxLength: 12 }), fc.array(fc.oneof(letter, tricky, fc.nat(11)), { maxLength: 40 }), (needles, parts) => {
        const ids = Int32Array.from(needles.map((_, i) => i));
        const search = new SkipSearch(needles, ids);
        // numbers in `parts` insert a needle (upper-cased every other time), so that occurrences are frequent
        const text = parts.map((p, i) => (typeof p === 'number' ? (i % 2 === 0 ? (needles[p % needles.length] as string).toUpperCase() : (needles[p % needles.length] as string)) : p)).join('');
        const result = searched(search, text);
        const want = occurring(needles, text);
        expect(result.reported, JSON.stringify(text)).toEqual(want);
        for (const i of result.partial) expect(want).toContain(i);
      }),
      { seed, numRuns: 3000 },
    );
  });

  it('finds occurrences that only the folding holds, giving up the ASCII scan for them', () => {
    const search = new SkipSearch(['kerberos::ptt', 'gentilkiwi', 'lsadump::'], Int32Array.from([0, 1, 2]));
    for (const [text, want] of [
      ['x \u212aerberos::ptt y', [0]], // KELVIN SIGN → k, at the start of the occurrence
      ['KERBEROS::PT\u212a', []], // not 't'
      ['by GENTILKIWİ', [1]], // İ → i + U+0307: the occurrence ends on its i
      ['gentİlkiwi', []], // U+0307 splits the needle
      ['LSADUMP::sam and gentilkiwi', [1, 2]],
    ] as const) {
      const result = searched(search, text);
      expect(result.reported, text).toEqual(want);
      if (text.includes('\u212a') || text.includes('İ')) expect(result.ascii, text).toBe(false);
    }
  });

  it('is what NeedleIndex uses for long ASCII needles, with the same results', () => {
    const needles = ['privilege::debug', 'sekurlsa::', 'mimidrv.sys', 'kiwi legit printer'];
    expect(needles.every((n) => n.length >= SKIP_MIN_LENGTH)).toBe(true);
    const index = new NeedleIndex(needles);
    expect((index as unknown as { ascii: unknown }).ascii).toBeInstanceOf(SkipSearch);
    for (const text of ['PRIVILEGE::DEBUG sekurlsa::logonpasswords', 'mimidrv.sy', '\u212aiwi legit printer', 'é mimidrv.sys']) {
      const want = occurring(needles, text);
      expect(collect((sink) => index.scanString(text, sink)), text).toEqual(want);
      expect(collect((sink) => index.scan(new ValueView(text), sink)), text).toEqual(want);
    }
  });

  it('keeps the automaton when a needle is short or not ASCII', () => {
    expect((new NeedleIndex(['sekurlsa::', 'a:b', 'mimikatz']) as unknown as { ascii: unknown }).ascii).not.toBeInstanceOf(SkipSearch);
    expect((new NeedleIndex(['sekurlsa::', 'mimikatz', 'arrêté-là']) as unknown as { ascii: unknown }).ascii).not.toBeInstanceOf(SkipSearch);
  });
});
