/**
 * trimLeadingRepetition: which first atoms and quantifiers it trims (and what it must leave alone), the search
 * equivalence against RegExp as a property for every flag combination (random patterns over atoms, classes,
 * groups, alternation, backreferences and lookbehinds; texts over a small alphabet with line terminators and both
 * letter cases), and the quadratic case it exists for (the SigmaHQ token-obfuscation regex on a long word run).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trimLeadingRepetition } from './regex-trim.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20261205);
const FLAG_SETS = ['', 'i', 'm', 's', 'im', 'is', 'ms', 'ims'] as const;

describe('trimLeadingRepetition', () => {
  it.each([
    ['\\w+`(\\w+|-|.)`[\\w+|\\s]', '\\w`(\\w+|-|.)`[\\w+|\\s]'],
    ['\\w+?x', '\\wx'],
    ['.*foo', 'foo'],
    ['.*?foo', 'foo'],
    ['.*\\s*\\d+x', '\\dx'],
    ['a*', ''],
    ['[^ \\]]+\\.exe', '[^ \\]]\\.exe'],
    ['\\-+-', '\\--'],
    ['x+|y', 'x|y'],
    ['\\S+(?<=ab)c', '\\S(?<=ab)c'],
  ])('/%s/ searches as /%s/', (source, trimmed) => {
    expect(trimLeadingRepetition(source, '')).toBe(trimmed);
  });

  it.each([
    ['^\\w+x', ''],
    ['(\\w)+x', ''],
    ['(?:\\w)+x', ''],
    ['\\w{2,}x', ''],
    ['\\w?x', ''],
    ['\\bx+', ''],
    ['\\1+x', ''],
    ['\\x41+', ''],
    ['\\u0041+', ''],
    ['\\p{L}+', ''],
    ['\\w+{', ''],
    ['[ab', ''],
    ['[]]+a', ''], // `[]` (the empty class), then `]+`: as RegExp reads it without `u`
    ['\\w+x', 'u'],
    ['\\w+x', 'g'],
    ['\ud83d\ude00+', ''],
  ])('leaves /%s/%s as it is', (source, flags) => {
    expect(trimLeadingRepetition(source, flags)).toBe(source);
  });

  it('searches exactly as the untrimmed pattern, for every flag set (property)', () => {
    const atom = fc.constantFrom('\\w', '\\W', '\\d', '\\s', '\\S', '.', 'a', 'B', '-', '\\.', '[ab]', '[^a\\n]', '[]', '[^]', '`');
    const quantified = fc.tuple(atom, fc.constantFrom('', '+', '*', '+?', '*?', '?', '{2}')).map(([a, q]) => a + q);
    const group = fc.array(quantified, { minLength: 1, maxLength: 3 }).map((parts) => `(${parts.join('')}|-)`);
    const tail = fc.array(fc.oneof(quantified, group, fc.constantFrom('\\b', '$', '(?<=a)', '(?<!b)', '\\1', '|a')), { maxLength: 4 });
    const pattern = fc.tuple(quantified, fc.option(quantified, { nil: '' }), tail).map(([first, second, rest]) => first + second + rest.join(''));
    const text = fc.array(fc.constantFrom('a', 'A', 'b', 'B', '1', ' ', '-', '.', '`', '\n', '\r', 'é'), { maxLength: 14 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(pattern, fc.constantFrom(...FLAG_SETS), fc.array(text, { minLength: 1, maxLength: 6 }), (source, flags, texts) => {
        let original: RegExp;
        try {
          original = new RegExp(source, flags);
        } catch {
          return; // not a pattern (e.g. a backreference to a missing group is fine; `\b+` is not)
        }
        const trimmed = new RegExp(trimLeadingRepetition(source, flags), flags);
        for (const t of texts) expect(trimmed.test(t), `/${source}/${flags} on ${JSON.stringify(t)}`).toBe(original.test(t));
      }),
      { seed, numRuns: 3000 },
    );
  });

  it('makes the token-obfuscation search linear on a long word run', () => {
    const source = '\\w+`(\\w+|-|.)`[\\w+|\\s]';
    const text = `${'a'.repeat(20_000)} x\`y\`z`;
    const trimmed = new RegExp(trimLeadingRepetition(source, ''));
    expect(trimmed.test(text)).toBe(true);
    expect(trimmed.test(text.replace(/`/g, "'"))).toBe(false);
    // The untrimmed search over the same run takes quadratic steps (20,000² / 2): not timed here (benchmarks
    // measure speed), but the trimmed one must not be that pattern.
    expect(trimmed.source.startsWith('\\w+')).toBe(false);
  });
});
