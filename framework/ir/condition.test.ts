import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCondition, resolvePattern, tokenize } from './condition.js';

const names = ['selection', 'sel_a', 'sel_b', 'filter_main_mdadm.conf', 'filter_x', '_hidden', 'notepad', 'a-b'];

function ok(text: string) {
  const r = parseCondition(text, names);
  if (!r.ok) throw new Error(`${r.problem.code}: ${r.problem.message}`);
  return r.expr;
}

function problem(text: string) {
  const r = parseCondition(text, names);
  if (r.ok) throw new Error(`expected a problem for ${text}`);
  return r.problem;
}

describe('parseCondition precedence (semantics §6.1)', () => {
  it('and binds tighter than or', () => {
    expect(ok('selection or sel_a and sel_b')).toEqual({
      kind: 'or',
      args: [{ kind: 'ref', name: 'selection' }, { kind: 'and', args: [{ kind: 'ref', name: 'sel_a' }, { kind: 'ref', name: 'sel_b' }] }],
    });
  });
  it('not binds tighter than and', () => {
    expect(ok('not selection and sel_a')).toEqual({ kind: 'and', args: [{ kind: 'not', arg: { kind: 'ref', name: 'selection' } }, { kind: 'ref', name: 'sel_a' }] });
  });
  it('parentheses and not not', () => {
    expect(ok('not not (selection or sel_a)')).toEqual({
      kind: 'not',
      arg: { kind: 'not', arg: { kind: 'or', args: [{ kind: 'ref', name: 'selection' }, { kind: 'ref', name: 'sel_a' }] } },
    });
  });
  it('identifiers starting with an operator word are identifiers', () => {
    expect(ok('notepad and not selection')).toEqual({ kind: 'and', args: [{ kind: 'ref', name: 'notepad' }, { kind: 'not', arg: { kind: 'ref', name: 'selection' } }] });
  });
  it('x of patterns resolve to names, skipping _ identifiers', () => {
    expect(ok('1 of filter_*')).toEqual({ kind: 'of', quantifier: 'any', pattern: 'filter_*', names: ['filter_main_mdadm.conf', 'filter_x'] });
    expect(ok('all of them')).toMatchObject({ quantifier: 'all', names: ['selection', 'sel_a', 'sel_b', 'filter_main_mdadm.conf', 'filter_x', 'notepad', 'a-b'] });
    expect(ok('any of _*')).toMatchObject({ names: ['_hidden'] });
  });
  it('identifiers with dashes', () => expect(ok('a-b')).toEqual({ kind: 'ref', name: 'a-b' }));
});

describe('parseCondition errors', () => {
  const rows: [string, string][] = [
    ['selection AND sel_a', 'CONDITION_SYNTAX'],
    ['2 of sel*', 'CONDITION_SYNTAX'],
    ['(selection', 'CONDITION_SYNTAX'],
    ['selection)', 'CONDITION_SYNTAX'],
    ['selection and', 'CONDITION_SYNTAX'],
    ['', 'CONDITION_SYNTAX'],
    ['selection sel_a', 'CONDITION_SYNTAX'],
    ['missing', 'UNDEFINED_IDENTIFIER'],
    ['1 of nothing_*', 'EMPTY_PATTERN'],
    ['selection | count() by x > 5', 'LEGACY_AGGREGATION'],
    ['selection near sel_a', 'LEGACY_NEAR'],
    ['1 of a-*', 'CONDITION_SYNTAX'],
  ];
  for (const [text, code] of rows) it(`${JSON.stringify(text)} → ${code}`, () => expect(problem(text).code).toBe(code));
  it('locates the problem', () => expect(problem('selection and missing').offset).toBe(14));
});

describe('resolvePattern', () => {
  it('is a full match', () => expect(resolvePattern('sel', ['sel', 'sel_a'])).toEqual(['sel']));
  it('wildcards anywhere', () => expect(resolvePattern('s*_a', ['sel_a', 'sel_b', 'x_a'])).toEqual(['sel_a']));
  it('selects what the anchored regular expression of the glob selects (seed 11)', () => {
    const text = (chars: string, max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((c) => c.join(''));
    fc.assert(
      fc.property(text('ab_*', 7), fc.array(text('ab_', 6), { maxLength: 6 }), (pattern, names) => {
        const re = new RegExp(`^${pattern.split('*').join('.*')}$`, 's');
        const hidden = pattern !== 'them' && !pattern.startsWith('_');
        expect(resolvePattern(pattern, names)).toEqual(names.filter((n) => re.test(n) && !(hidden && n.startsWith('_'))));
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
});

describe('tokenize', () => {
  it('splits like /\\(|\\)|[^\\s()]+/g (property, seed 6061)', () => {
    console.info('condition tokenize: fast-check seed 6061');
    const piece = fc.constantFrom('(', ')', ' ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u200b', 'a', 'sel_1', '*', '|', 'é', '\ud83d', '1 of');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        const want = [...text.matchAll(/\(|\)|[^\s()]+/g)].map((m) => ({ text: m[0], offset: m.index ?? 0 }));
        expect(tokenize(text), JSON.stringify(text)).toEqual(want);
      }),
      { seed: 6061, numRuns: 3000 },
    );
  });
});
