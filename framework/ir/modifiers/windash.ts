/**
 * windash (semantics §5.4, pySigma): every `-` or `/` not preceded by a word character and followed by one
 * becomes each of `-`, `/`, en dash, em dash, horizontal bar; k positions give 5^k variants (OR-ed group).
 */
import type { IrPattern, IrPatternPart } from '../types.js';
import { asString, type ModifierDef } from './work.js';

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;
const OPTION_DASH = /(?<![\p{L}\p{N}_])[-/](?=[\p{L}\p{N}_])/gu;
const MAX_VARIANTS = 5 ** 6;

/** Split a literal into alternating text and expansion points. */
function splitLiteral(text: string): { before: string; dash: boolean }[] {
  const out: { before: string; dash: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(OPTION_DASH)) {
    out.push({ before: text.slice(last, m.index), dash: true });
    last = (m.index ?? 0) + 1;
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
    return { ...str, alts };
  },
};
