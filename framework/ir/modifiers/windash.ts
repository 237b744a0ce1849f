/**
 * windash (semantics §5.4, pySigma): every `-` or `/` not preceded by a word character and followed by one
 * becomes each of `-`, `/`, en dash, em dash, horizontal bar; k positions give 5^k variants (OR-ed group).
 */
import type { IrPattern, IrPatternPart } from '../types.js';
import { asString, type ModifierDef } from './work.js';

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;
const MAX_VARIANTS = 5 ** 6;
/** A word character: a letter, a digit (Unicode) or `_` (pySigma's `\w` with re.UNICODE). */
const WORD = /^[\p{L}\p{N}_]$/u;

function isWordCodePoint(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;
  return WORD.test(String.fromCodePoint(cp));
}

/** The code point that ends just before index `i` (a surrogate pair counts as one, a lone surrogate as itself). */
function codePointBefore(text: string, i: number): number | undefined {
  if (i === 0) return undefined;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2);
  }
  return low;
}

/**
 * The positions of the option dashes: a `-` or `/` not preceded by a word character and followed by one (the
 * regular expression /(?<![\p{L}\p{N}_])[-/](?=[\p{L}\p{N}_])/gu, without running it on every literal).
 */
export function optionDashes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x2d && c !== 0x2f) continue;
    if (!isWordCodePoint(codePointBefore(text, i)) && isWordCodePoint(text.codePointAt(i + 1))) out.push(i);
  }
  return out;
}

/** Split a literal into alternating text and expansion points. */
function splitLiteral(text: string): { before: string; dash: boolean }[] {
  const out: { before: string; dash: boolean }[] = [];
  let last = 0;
  for (const index of optionDashes(text)) {
    out.push({ before: text.slice(last, index), dash: true });
    last = index + 1;
  }
  out.push({ before: text.slice(last), dash: false });
  return out;
}

export function windashVariants(pattern: IrPattern): IrPattern[] {
  let variants: IrPatternPart[][] = [[]];
  for (const part of pattern) {
    if (part.t !== 'lit') {
      variants = variants.map((v) => [...v, part]);
      continue;
    }
    let texts = [''];
    for (const piece of splitLiteral(part.v)) {
      texts = texts.map((t) => t + piece.before);
      if (piece.dash) texts = texts.flatMap((t) => DASHES.map((d) => t + d));
    }
    variants = variants.flatMap((v) => texts.map((t) => [...v, { t: 'lit' as const, v: t }]));
  }
  return variants;
}

export const windash: ModifierDef = {
  name: 'windash',
  apply(work, ctx) {
    const str = asString(work, ctx, 'windash');
    if (!str) return null;
    const alts = str.alts.flatMap(windashVariants);
    if (alts.length > MAX_VARIANTS) {
      ctx.report('INVALID_VALUE', `windash would expand this value into ${alts.length} variants (limit ${MAX_VARIANTS})`);
      return null;
    }
    return { t: 'str', alts, bytes: str.bytes };
  },
};
