/**
 * requiredRegexLiterals: table cases, and the contract as a property — whenever a random regular expression
 * (built from literals, escapes, classes, groups, alternations, quantifiers and anchors) matches a random text,
 * every literal returned occurs in the folded text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCase } from './fold.js';
import { requiredRegexLiterals } from './regex-literal.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20261204);

describe('requiredRegexLiterals', () => {
  it.each([
    ['abc', '', ['abc']],
    ['ab*c', '', ['a', 'c']],
    ['ab+c', 'i', ['a', 'c']],
    ['ab{2}c{1,}d{x', '', ['d{x', 'a']],
    ['\\$PSHome\\[\\s*\\d{1,3}', '', ['$pshome[']],
    ['cmd.{0,5}(?:/c|/r).+powershell', '', ['powershell', 'cmd']],
    ['(?:a|b)xyz[0-9]+é+q', 'i', ['xyz', 'q']],
    ['a|b', '', []],
    ['\\x41BC', '', []],
    ['ab\\1', '', []],
    ['ABC', 'g', []],
    ['[]]x[^]y', '', [']x', 'y']],
    ['ARRÊTÉ', '', ['arr', 't']],
  ])('/%s/%s → %j', (source, flags, expected) => {
    expect(requiredRegexLiterals(source, flags)).toEqual(expected);
  });

  it('returns only literals that every match contains (property)', () => {
    const token = fc.constantFrom('a', 'B', 'c', 'İ', 'K', '.', '\\.', '\\d', '\\w', '\\s', '\\b', '\\$', '[ab]', '[^a]', '(a|bc)', '(?:c)', '(?=a)', '^', '$', '{', '}', ']', '-', ' ', '\u212a');
    const quantifier = fc.constantFrom('', '', '', '*', '+', '?', '{2}', '{1,2}', '*?', '{,2}');
    const regex = fc.array(fc.tuple(token, quantifier), { minLength: 1, maxLength: 6 }).map((parts) => parts.map(([t, q]) => t + q).join(''));
    const text = fc.array(fc.constantFrom('a', 'A', 'b', 'B', 'c', 'C', 'İ', 'i̇', 'k', '\u212a', '.', '1', ' ', '$', '{', '}', ']', '-', 'bc', '{,2}'), { maxLength: 12 }).map((p) => p.join(''));
    let matched = 0;
    fc.assert(
      fc.property(regex, fc.constantFrom('', 'i', 's', 'im'), fc.array(text, { minLength: 20, maxLength: 20 }), (source, flags, texts) => {
        let re: RegExp;
        try {
          re = new RegExp(source, flags);
        } catch {
          return true;
        }
        const literals = requiredRegexLiterals(source, flags);
        for (const t of texts.filter((x) => re.test(x))) {
          matched++;
          for (const l of literals) if (!foldCase(t).includes(l)) throw new Error(`/${source}/${flags} matches ${JSON.stringify(t)} without ${JSON.stringify(l)}`);
        }
        return true;
      }),
      { seed, numRuns: 3000 },
    );
    expect(matched).toBeGreaterThan(5000);
  });
});
