/**
 * expand (semantics §12.2): `%name%` placeholders become the configured values (OR-ed expansion group; the values
 * are Sigma strings, so their wildcards stay wildcards). `\%` is a literal percent sign. Without a value for a
 * placeholder the rule cannot be evaluated (the caller decides whether that is an error or a warning).
 */
import { parseSigmaString } from '../pattern.js';
import type { IrPattern, IrPatternPart } from '../types.js';
import { asString, type ModifierContext, type ModifierDef } from './work.js';

const PLACEHOLDER = /(?<!\\)%([^%]+)%/g;

type Resolver = (name: string) => readonly string[] | null;

/** Expand one literal run into alternative part lists. */
function expandLiteral(
  text: string,
  resolve: Resolver,
  valueParts: (value: string) => IrPatternPart[] = parseSigmaString as (value: string) => IrPatternPart[],
): IrPatternPart[][] | null {
  let alts: IrPatternPart[][] = [[]];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const values = resolve(m[1] ?? '');
    if (!values) return null;
    const before = literalParts(text.slice(last, m.index));
    alts = alts.flatMap((a) => values.map((v) => [...a, ...before, ...valueParts(v)]));
    last = (m.index ?? 0) + m[0].length;
  }
  const rest = literalParts(text.slice(last));
  return alts.map((a) => [...a, ...rest]);
}

function literalParts(text: string): IrPatternPart[] {
  const unescaped = text.replace(/\\%/g, '%');
  return unescaped === '' ? [] : [{ t: 'lit', v: unescaped }];
}

function expandPattern(pattern: IrPattern, resolve: Resolver): IrPattern[] | null {
  let alts: IrPatternPart[][] = [[]];
  for (const part of pattern) {
    if (part.t !== 'lit') {
      alts = alts.map((a) => [...a, part]);
      continue;
    }
    const expanded = expandLiteral(part.v, resolve);
    if (!expanded) return null;
    alts = alts.flatMap((a) => expanded.map((e) => [...a, ...e]));
  }
  return alts;
}

function resolverFor(ctx: ModifierContext): { resolve: Resolver; missing: Set<string> } {
  const missing = new Set<string>();
  const resolve: Resolver = (name) => {
    const values = ctx.placeholders?.[name];
    if (values && values.length > 0) return values;
    missing.add(name);
    return null;
  };
  return { resolve, missing };
}

function reportMissing(ctx: ModifierContext, missing: Set<string>): void {
  const names = [...missing].map((n) => `%${n}%`).join(', ');
  ctx.report('UNRESOLVED_PLACEHOLDER', `placeholder ${names} has no value; give one in a --placeholders file`);
}

export const expand: ModifierDef = {
  name: 'expand',
  apply(work, ctx) {
    const { resolve, missing } = resolverFor(ctx);
    if (work.t === 're') {
      const alts = work.alts.flatMap((alt) => {
        const texts = expandLiteral(alt.source, resolve, (v) => [{ t: 'lit', v }]);
        return texts ? texts.map((parts) => ({ source: parts.map((p) => (p.t === 'lit' ? p.v : '')).join(''), inline: alt.inline })) : [];
      });
      if (missing.size > 0) return reportMissing(ctx, missing), null;
      return { t: 're', alts };
    }
    const str = asString(work, ctx, 'expand');
    if (!str) return null;
    const alts = str.alts.map((p) => expandPattern(p, resolve));
    if (missing.size > 0) return reportMissing(ctx, missing), null;
    return { ...str, alts: alts.flatMap((a) => a ?? []) };
  },
};
