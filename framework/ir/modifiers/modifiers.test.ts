import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSigmaString, patternText } from '../pattern.js';
import { base64OffsetFragments } from './encoding.js';
import { optionDashes, windashVariants } from './windash.js';

describe('base64offset fragments (semantics §5.6 table)', () => {
  const rows: [string, string[]][] = [
    ['ping', ['cGluZ', 'Bpbm', 'waW5n']],
    ['Invoke-', ['SW52b2tlL', 'ludm9rZS', 'JbnZva2Ut']],
    ['foobar', ['Zm9vYmFy', 'Zvb2Jhc', 'mb29iYX']],
    ['http://', ['aHR0cDovL', 'h0dHA6Ly', 'odHRwOi8v']],
    ['IEX (New-Object', ['SUVYIChOZXctT2JqZWN0', 'lFWCAoTmV3LU9iamVjd', 'JRVggKE5ldy1PYmplY3']],
  ];
  for (const [value, fragments] of rows) {
    it(value, () => expect(base64OffsetFragments(Buffer.from(value, 'utf8'))).toEqual(fragments));
  }
  it('wide ping', () => expect(base64OffsetFragments(Buffer.from('ping', 'utf16le'))).toEqual(['cABpAG4AZw', 'AAaQBuAGcA', 'wAGkAbgBnA']));
  it('wide Invoke-', () => expect(base64OffsetFragments(Buffer.from('Invoke-', 'utf16le'))).toEqual(['SQBuAHYAbwBrAGUALQ', 'kAbgB2AG8AawBlAC0A', 'JAG4AdgBvAGsAZQAtA']));
});

describe('windash option dashes', () => {
  it('are where the Unicode regular expression finds them (property, seed 5104)', () => {
    console.info('windash option dashes: fast-check seed 5104');
    const reference = (text: string): number[] => [...text.matchAll(/(?<![\p{L}\p{N}_])[-/](?=[\p{L}\p{N}_])/gu)].map((m) => m.index ?? -1);
    const piece = fc.constantFrom('-', '/', 'a', 'Z', '0', '_', ' ', '.', 'é', '٣', 'ß', '\u{1d49c}', '\u{1f600}', '\ud835', '\udc9c', '\u2013', 'x-', '/-');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(optionDashes(text), JSON.stringify(text)).toEqual(reference(text));
      }),
      { seed: 5104, numRuns: 3000 },
    );
  });
});

describe('windash variants (semantics §5.4 table)', () => {
  const variants = (s: string) => windashVariants(parseSigmaString(s)).map(patternText);
  it('-ep', () => expect(variants('-ep')).toEqual(['-ep', '/ep', '–ep', '—ep', '―ep']));
  it(' /c', () => expect(variants(' /c')).toEqual([' -c', ' /c', ' –c', ' —c', ' ―c']));
  it('--param: only the second dash', () => expect(variants('--param')).toEqual(['--param', '-/param', '-–param', '-—param', '-―param']));
  it('-param-1 -param2: 25 variants', () => expect(variants('-param-1 -param2')).toHaveLength(25));
  it('start/b and x-y unchanged', () => {
    expect(variants('start/b')).toEqual(['start/b']);
    expect(variants('x-y')).toEqual(['x-y']);
  });
  it('unicode dash in the rule is not expanded', () => expect(variants(' –ep ')).toEqual([' –ep ']));
});
