/**
 * compileAnyScalar (compile-any.ts) ≡ "some matcher's own test holds" (compileScalarTest), as a property over lists
 * of matchers of every grouped shape (exact, contains — few and many, startswith, endswith) and others (cased,
 * `?`, regex, number), on string, number and boolean values with non-ASCII and case-changing units.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrMatcher, IrPatternPart } from '../ir/types.js';
import { compileAnyScalar } from './compile-any.js';
import { compileScalarTest, ValueView } from './compile-matcher.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20261204);
const unit = fc.constantFrom('a', 'B', 'c', '.', '\\', 'İ', 'i', '\u212a', 'k', 'ß', 'Σ', 'ς', '1', ' ');
const literal = fc.array(unit, { minLength: 0, maxLength: 4 }).map((u) => u.join(''));
const lit = (v: string): IrPatternPart => ({ t: 'lit', v });

const stringMatcher: fc.Arbitrary<IrMatcher> = fc
  .tuple(fc.constantFrom('exact', 'contains', 'prefix', 'suffix', 'both', 'one', 'star'), literal, literal, fc.boolean())
  .map(([shape, a, b, cased]) => {
    const parts: IrPatternPart[] =
      shape === 'exact' ? [lit(a)]
      : shape === 'contains' ? [{ t: 'any' }, lit(a), { t: 'any' }]
      : shape === 'prefix' ? [lit(a), { t: 'any' }]
      : shape === 'suffix' ? [{ t: 'any' }, lit(a)]
      : shape === 'both' ? [lit(a), { t: 'any' }, lit(b)]
      : shape === 'one' ? [lit(a), { t: 'one' }, lit(b)]
      : [{ t: 'any' }];
    return { kind: 'string', pattern: parts, cased: cased && shape === 'both' };
  });
const otherMatcher: fc.Arbitrary<IrMatcher> = fc.oneof(
  fc.constantFrom<IrMatcher>({ kind: 'regex', source: 'b.c', flags: 'i' }, { kind: 'number', value: 1 }, { kind: 'bool', value: true }),
  fc.constantFrom<IrMatcher>({ kind: 'string', pattern: [lit('Bc')], cased: true }),
);
const matchers = fc.array(fc.oneof({ arbitrary: stringMatcher, weight: 6 }, { arbitrary: otherMatcher, weight: 1 }), { minLength: 1, maxLength: 12 });
const value = fc.oneof(fc.array(unit, { maxLength: 10 }).map((u) => u.join('')), fc.constantFrom<unknown>(1, 1.5, true, false, 'abc', 'ABC.İ'));

describe('compileAnyScalar', () => {
  it('holds exactly when some matcher holds (property)', () => {
    console.info(`compileAnyScalar: fast-check seed ${seed}`);
    fc.assert(
      fc.property(matchers, fc.array(value, { minLength: 1, maxLength: 8 }), (ms, values) => {
        const any = compileAnyScalar(ms);
        const each = ms.map(compileScalarTest);
        for (const raw of values) {
          expect(any(new ValueView(raw)), JSON.stringify({ ms, raw })).toBe(each.some((t) => t(new ValueView(raw))));
        }
      }),
      { seed, numRuns: 3000 },
    );
  });

  it('searches many contains values in one index, folding as the single tests do', () => {
    const contains = (v: string): IrMatcher => ({ kind: 'string', pattern: [{ t: 'any' }, lit(v), { t: 'any' }], cased: false });
    const test = compileAnyScalar(['-enc', 'frombase64', 'downloadstring', 'invoke-', 'İex'].map(contains));
    expect(test(new ValueView('powershell -ENC AAAA'))).toBe(true);
    expect(test(new ValueView('IEX (New-Object Net.WebClient)'))).toBe(false); // İex folds to i̇ex
    expect(test(new ValueView('x İEX y'))).toBe(true);
    expect(test(new ValueView('cmd /c dir'))).toBe(false);
    expect(test(new ValueView(12))).toBe(false);
  });
});
