/**
 * The value being transformed while a modifier chain is applied left to right (lowering time only).
 * A chain starts with `raw` (the YAML value) and each modifier maps one Work to another or reports why it cannot.
 */
import type { DiagnosticCode } from '../../diagnostics.js';
import type { ScalarValue } from '../../loader/types.js';
import type { FieldrefPosition, IrMatcher, IrPattern } from '../types.js';
import { literalPattern, parseSigmaString } from '../pattern.js';

export type Work =
  | { readonly t: 'raw'; readonly v: ScalarValue }
  /** Sigma string(s); several = an expansion group (OR-ed). `bytes`: literal chars stand for bytes (after wide/utf16*). */
  | { readonly t: 'str'; readonly alts: readonly IrPattern[]; readonly bytes: boolean }
  /** Regular expression source(s); `inline` = flags taken from a leading `(?i)`-style group. */
  | { readonly t: 're'; readonly alts: readonly { readonly source: string; readonly inline: string }[] }
  | { readonly t: 'ref'; readonly field: string; readonly position: FieldrefPosition }
  /** A finished typed matcher (cidr, exists, comparisons, time parts): only list modifiers may follow. */
  | { readonly t: 'done'; readonly matcher: IrMatcher };

/** Flags that apply to the whole item rather than to one value. */
export interface ItemFlags {
  linking: 'or' | 'and';
  negated: boolean;
  cased: boolean;
  /** Flags from the regex flag modifiers (`i`, `m`, `s`), each once, in the order given. */
  regexFlags: string;
  /** Whether contains/startswith/endswith was given (keyword items then get no implicit substring search). */
  positioned: boolean;
}

export interface ModifierContext {
  readonly flags: ItemFlags;
  /** 0-based position of this modifier in the chain. */
  readonly index: number;
  readonly field: string | null;
  readonly placeholders: Readonly<Record<string, readonly string[]>> | undefined;
  /** Report a problem; `error` rejects the rule. */
  report(code: DiagnosticCode, message: string, severity?: 'error' | 'warning'): void;
}

export interface ModifierDef {
  readonly name: string;
  /** Returns the transformed value, or null after reporting an error. */
  apply(work: Work, ctx: ModifierContext): Work | null;
}

export function describeWork(work: Work): string {
  switch (work.t) {
    case 'raw':
      return work.v === null ? 'null' : typeof work.v;
    case 'str':
      return 'string';
    case 're':
      return 'regular expression';
    case 'ref':
      return 'field reference';
    case 'done':
      return work.matcher.kind;
  }
}

/**
 * A value as a Sigma string: strings are escape-processed, numbers and booleans become their text
 * (pySigma converts them when a string modifier applies). Null and typed values cannot.
 */
export function asString(work: Work, ctx: ModifierContext, modifier: string): Extract<Work, { t: 'str' }> | null {
  if (work.t === 'str') return work;
  if (work.t === 'raw' && work.v !== null) {
    const pattern = typeof work.v === 'string' ? parseSigmaString(work.v) : literalPattern(String(work.v));
    return { t: 'str', alts: [pattern], bytes: false };
  }
  ctx.report('MODIFIER_CHAIN', `'${modifier}' applies to strings, not to a ${describeWork(work)} value`);
  return null;
}

export function mustBeFirst(ctx: ModifierContext, modifier: string): boolean {
  if (ctx.index === 0) return true;
  ctx.report('MODIFIER_CHAIN', `'${modifier}' must be the first modifier of the chain`);
  return false;
}
