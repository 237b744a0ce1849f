/**
 * re and its flags i/m/s (semantics §5.8). The value is a regular expression used unchanged (no Sigma escape
 * processing), case-sensitive unless `i`, matched as an unanchored search. A leading Python/PCRE inline flag group
 * such as `(?i)` is not JavaScript syntax: it is stripped and its flags are applied to that value.
 */
import type { ModifierDef } from './work.js';
import { mustBeFirst } from './work.js';

const INLINE_FLAGS = /^\(\?([a-zA-Z]+)\)/;

export const re: ModifierDef = {
  name: 're',
  apply(work, ctx) {
    if (!mustBeFirst(ctx, 're')) return null;
    if (work.t !== 'raw' || work.v === null || typeof work.v === 'boolean') {
      ctx.report('INVALID_VALUE', "'re' needs a string value (a regular expression)");
      return null;
    }
    const text = String(work.v);
    const m = INLINE_FLAGS.exec(text);
    if (!m) return { t: 're', alts: [{ source: text, inline: '' }] };
    const letters = m[1] ?? '';
    const unsupported = [...letters].filter((c) => !'ims'.includes(c));
    if (unsupported.length > 0) {
      ctx.report('INVALID_REGEX', `inline regex flag(s) '${unsupported.join('')}' have no JavaScript equivalent (only i, m, s)`);
      return null;
    }
    return { t: 're', alts: [{ source: text.slice(m[0].length), inline: letters }] };
  },
};

function regexFlag(name: string, flag: 'i' | 'm' | 's'): ModifierDef {
  return {
    name,
    apply(work, ctx) {
      if (work.t !== 're') {
        ctx.report('MODIFIER_CHAIN', `'${name}' is a regular-expression flag: it must follow 're'`);
        return null;
      }
      if (!ctx.flags.regexFlags.includes(flag)) ctx.flags.regexFlags += flag;
      return work;
    },
  };
}

export const regexFlags: ModifierDef[] = [
  regexFlag('i', 'i'),
  regexFlag('ignorecase', 'i'),
  regexFlag('m', 'm'),
  regexFlag('multiline', 'm'),
  regexFlag('s', 's'),
  regexFlag('dotall', 's'),
];

/** Final JavaScript flags of one regex value; `null` plus a message when the pattern does not compile. */
export function regexCompileError(source: string, flags: string): string | null {
  try {
    new RegExp(source, flags);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
