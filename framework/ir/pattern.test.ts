import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSigmaString, renderPattern, withWildcards } from './pattern.js';
import type { IrPatternPart } from './types.js';

/** pySigma's two-state machine, character by character: the reference parseSigmaString must agree with. */
function referenceParse(value: string): IrPatternPart[] {
  const parts: IrPatternPart[] = [];
  let literal = '';
  let escaped = false;
  const flush = (): void => {
    if (literal !== '') parts.push({ t: 'lit', v: literal });
    literal = '';
  };
  for (const c of value) {
    if (escaped) {
      literal += c === '*' || c === '?' || c === '\\' ? c : '\\' + c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === '*' || c === '?') {
      flush();
      parts.push(c === '*' ? { t: 'any' } : { t: 'one' });
    } else {
      literal += c;
    }
  }
  if (escaped) literal += '\\';
  flush();
  return parts;
}

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
  it('agrees with the character-by-character state machine (seed 5)', () => {
    const text = fc.array(fc.constantFrom('a', 'b', '\\', '*', '?', 'é', '😀'), { maxLength: 12 }).map((c) => c.join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect(parseSigmaString(value)).toEqual(referenceParse(value));
      }),
      { seed: 5, numRuns: 5000 },
    );
  });
});

describe('withWildcards', () => {
  it('adds * only where missing', () => {
    expect(withWildcards(parseSigmaString('*a'), true, true)).toEqual([ANY, lit('a'), ANY]);
    expect(withWildcards(parseSigmaString('a*'), true, false)).toEqual([ANY, lit('a'), ANY]);
    expect(withWildcards(parseSigmaString('a\\*'), false, true)).toEqual([lit('a*'), ANY]);
  });
  it('makes an empty value (contains: \'\') a single *', () => {
    expect(withWildcards([], true, true)).toEqual([ANY]);
    expect(withWildcards([], true, false)).toEqual([ANY]);
    expect(withWildcards([], false, true)).toEqual([ANY]);
    expect(withWildcards([], false, false)).toEqual([]);
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
