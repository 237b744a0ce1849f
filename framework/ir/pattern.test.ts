import { describe, expect, it } from 'vitest';
import { parseSigmaString, renderPattern, withWildcards } from './pattern.js';

const lit = (v: string) => ({ t: 'lit', v });
const ANY = { t: 'any' };
const ONE = { t: 'one' };

describe('parseSigmaString (semantics §4 table)', () => {
  const rows: [string, unknown[]][] = [
    ['C:\\Windows\\System32', [lit('C:\\Windows\\System32')]],
    ['C:\\\\Windows', [lit('C:\\Windows')]],
    ['\\\\server\\share', [lit('\\server\\share')]],
    ['\\\\\\\\server\\share', [lit('\\\\server\\share')]],
    ['\\\\', [lit('\\')]],
    ['\\', [lit('\\')]],
    ['a\\*b', [lit('a*b')]],
    ['a\\\\*b', [lit('a\\'), ANY, lit('b')]],
    ['a\\\\\\*b', [lit('a\\*b')]],
    ['a\\\\\\\\*b', [lit('a\\\\'), ANY, lit('b')]],
    ['\\\\\\\\*\\\\IPC$', [lit('\\\\'), ANY, lit('\\IPC$')]],
    ['\\\\\\*\\IPC$', [lit('\\*\\IPC$')]],
    ['C:\\Users\\*\\AppData', [lit('C:\\Users*\\AppData')]],
    ['50%\\%', [lit('50%\\%')]],
    ['8???', [lit('8'), ONE, ONE, ONE]],
    ['', []],
    ['*', [ANY]],
  ];
  for (const [input, parts] of rows) {
    it(`${JSON.stringify(input)}`, () => expect(parseSigmaString(input)).toEqual(parts));
  }
});

describe('withWildcards', () => {
  it('adds * only where missing', () => {
    expect(withWildcards(parseSigmaString('*a'), true, true)).toEqual([ANY, lit('a'), ANY]);
    expect(withWildcards(parseSigmaString('a*'), true, false)).toEqual([ANY, lit('a'), ANY]);
    expect(withWildcards(parseSigmaString('a\\*'), false, true)).toEqual([lit('a*'), ANY]);
  });
});

describe('renderPattern', () => {
  it('round-trips through parseSigmaString', () => {
    for (const s of ['a\\*b', 'x*y?z', 'C:\\\\Windows\\\\', '\\\\\\\\*']) {
      const p = parseSigmaString(s);
      expect(parseSigmaString(renderPattern(p))).toEqual(p);
    }
  });
});
