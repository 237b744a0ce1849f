/**
 * Strings for Sigma string patterns (semantics §4): literal runs kept (optionally in random letter case when the
 * pattern is case-insensitive), `*` filled by the filler (possibly empty), `?` by exactly one code point.
 * `composePatterns` builds one value meant to satisfy several patterns at once (an `all` list, or two items on
 * one field): a start-anchored pattern first, floating ones in the middle, an end-anchored one last; a
 * fully anchored pattern takes the others' cores into its `*` gaps. Callers verify with the reference.
 */
import type { IrPattern } from '../../framework/ir/types.js';
import { oneCodePoint, type Filler } from './filler.js';
import { chance, pick, type Rng } from './rng.js';

export interface StringContext {
  readonly rng: Rng;
  readonly filler: Filler;
  /** Randomise the case of ASCII letters in literals of case-insensitive patterns. */
  readonly mixCase: boolean;
}

export interface CasedPattern {
  readonly pattern: IrPattern;
  readonly cased: boolean;
}

function caseVariant(text: string, cased: boolean, ctx: StringContext): string {
  if (cased || !ctx.mixCase || !chance(ctx.rng, 50)) return text;
  return text.replace(/[a-zA-Z]/g, (c) => (chance(ctx.rng, 50) ? c.toUpperCase() : c.toLowerCase()));
}

function nextLiteral(pattern: IrPattern, from: number): string {
  for (let i = from + 1; i < pattern.length; i++) {
    const p = pattern[i];
    if (p?.t === 'lit') return p.v;
    if (p?.t === 'one') return '';
  }
  return '';
}

/** A string that `pattern` fully matches; `inserts` go into its `*` gaps, in order, instead of filler. */
export function samplePattern(pattern: IrPattern, cased: boolean, ctx: StringContext, inserts: string[] = []): string {
  let out = '';
  pattern.forEach((p, i) => {
    if (p.t === 'lit') out += caseVariant(p.v, cased, ctx);
    else if (p.t === 'one') out += oneCodePoint(ctx.rng);
    else out += inserts.shift() ?? ctx.filler(ctx.rng, { before: out, after: nextLiteral(pattern, i) });
  });
  return out;
}

const startsFree = (p: IrPattern): boolean => p[0]?.t === 'any';
const endsFree = (p: IrPattern): boolean => p[p.length - 1]?.t === 'any';

/** The pattern without its leading and trailing `*` (what must appear somewhere). */
function core(p: IrPattern): IrPattern {
  let start = 0;
  let end = p.length;
  while (start < end && p[start]?.t === 'any') start++;
  while (end > start && p[end - 1]?.t === 'any') end--;
  return p.slice(start, end);
}

function literalLength(p: IrPattern): number {
  return p.reduce((n, part) => n + (part.t === 'lit' ? part.v.length : part.t === 'one' ? 1 : 0), 0);
}

/** One value aimed at every pattern of `patterns` plus the fixed `extras` (e.g. regex samples) somewhere inside. */
export function composePatterns(patterns: readonly CasedPattern[], extras: readonly string[], ctx: StringContext): string {
  const fixed = patterns.filter((p) => !startsFree(p.pattern) && !endsFree(p.pattern));
  const heads = patterns.filter((p) => !startsFree(p.pattern) && endsFree(p.pattern));
  const tails = patterns.filter((p) => startsFree(p.pattern) && !endsFree(p.pattern));
  const floating = patterns.filter((p) => startsFree(p.pattern) && endsFree(p.pattern));
  const cores = floating.map((p) => samplePattern(core(p.pattern), p.cased, ctx));
  const middle = [...cores, ...extras];
  if (fixed.length > 0) {
    const primary = pick(ctx.rng, fixed);
    return samplePattern(primary.pattern, primary.cased, ctx, [...middle]);
  }
  const longest = (list: readonly CasedPattern[]): CasedPattern | undefined =>
    list.length === 0 ? undefined : list.reduce((a, b) => (literalLength(b.pattern) > literalLength(a.pattern) ? b : a));
  const head = longest(heads);
  const tail = longest(tails);
  const pieces = [...(head ? [samplePattern(core(head.pattern), head.cased, ctx)] : []), ...middle];
  const tailText = tail ? samplePattern(core(tail.pattern), tail.cased, ctx) : null;
  let out = head ? '' : ctx.filler(ctx.rng, { before: '', after: pieces[0] ?? tailText ?? '' });
  pieces.forEach((piece, i) => {
    if (i > 0) out += ctx.filler(ctx.rng, { before: out, after: piece });
    out += piece;
  });
  if (tailText === null) return out + ctx.filler(ctx.rng, { before: out, after: '' });
  return out + (pieces.length > 0 ? ctx.filler(ctx.rng, { before: out, after: tailText }) : '') + tailText;
}
