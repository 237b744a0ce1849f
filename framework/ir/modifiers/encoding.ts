/**
 * base64, base64offset, wide/utf16le, utf16be, utf16 (semantics §5.5–§5.7).
 * Encodings produce "byte strings": each character of the literal stands for one byte (latin1), so chained
 * encodings (wide|base64offset) encode the right bytes. Event values are then compared as ordinary strings.
 */
import { Buffer } from 'node:buffer';
import { hasWildcard, literalPattern, patternText } from '../pattern.js';
import type { IrPattern } from '../types.js';
import { asString, type ModifierContext, type ModifierDef, type Work } from './work.js';

type StrWork = Extract<Work, { t: 'str' }>;

/**
 * The bytes an encoding modifier encodes. pySigma quirk kept on purpose (semantics §5.5): an escaped wildcard
 * is encoded together with its backslash (`a\*b` → base64 of `a\*b`).
 */
function valueBytes(pattern: IrPattern, bytes: boolean): Buffer {
  const text = patternText(pattern).replace(/[*?]/g, '\\$&');
  return Buffer.from(text, bytes ? 'latin1' : 'utf8');
}

function wildcardFree(str: StrWork, ctx: ModifierContext, name: string): boolean {
  if (!str.alts.some(hasWildcard)) return true;
  ctx.report('MODIFIER_CHAIN', `'${name}' cannot encode a value with wildcards; put contains/startswith/endswith after it`);
  return false;
}

/** The three base64 fragments that appear whatever the value's offset in the encoded data (§5.6). */
export function base64OffsetFragments(data: Buffer): string[] {
  const startCut = [0, 2, 3] as const;
  const endCut = [0, 3, 2] as const;
  const fragments: string[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = Buffer.concat([Buffer.alloc(i, 0x20), data]).toString('base64');
    const end = endCut[(data.length + i) % 3] ?? 0;
    fragments.push(encoded.slice(startCut[i] ?? 0, encoded.length - end));
  }
  return fragments;
}

export const base64: ModifierDef = {
  name: 'base64',
  apply(work, ctx) {
    const str = asString(work, ctx, 'base64');
    if (!str || !wildcardFree(str, ctx, 'base64')) return null;
    const alts = str.alts.map((p) => literalPattern(valueBytes(p, str.bytes).toString('base64')));
    return { t: 'str', alts, bytes: false };
  },
};

export const base64offset: ModifierDef = {
  name: 'base64offset',
  apply(work, ctx) {
    const str = asString(work, ctx, 'base64offset');
    if (!str || !wildcardFree(str, ctx, 'base64offset')) return null;
    const alts = str.alts.flatMap((p) => base64OffsetFragments(valueBytes(p, str.bytes)).map(literalPattern));
    return { t: 'str', alts: dedupe(alts), bytes: false };
  },
};

function dedupe(patterns: IrPattern[]): IrPattern[] {
  const seen = new Set<string>();
  return patterns.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function utf16(name: string, encode: (text: string) => Buffer): ModifierDef {
  return {
    name,
    apply(work, ctx) {
      const str = asString(work, ctx, name);
      if (!str) return null;
      if (str.bytes) {
        ctx.report('MODIFIER_CHAIN', `'${name}' cannot re-encode an already encoded value`);
        return null;
      }
      const alts = str.alts.map((p) =>
        p.map((part) => (part.t === 'lit' ? { t: 'lit' as const, v: encode(part.v).toString('latin1') } : part)),
      );
      return { t: 'str', alts, bytes: true };
    },
  };
}

const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le');
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

export const wide = utf16('wide', utf16le);
export const utf16leModifier = utf16('utf16le', utf16le);
export const utf16beModifier = utf16('utf16be', utf16be);
/** Spec: BOM FF FE then UTF-16LE (pySigma differs, see README "Semantics decisions"). */
export const utf16Modifier: ModifierDef = {
  name: 'utf16',
  apply(work, ctx) {
    const inner = utf16('utf16', utf16le).apply(work, ctx);
    if (!inner || inner.t !== 'str') return inner;
    return { ...inner, alts: inner.alts.map((p) => [{ t: 'lit', v: '\u00ff\u00fe' }, ...p]) };
  },
};
