/**
 * One detection item → IrItem: apply its modifier chain left to right to every value (semantics §3.2, §5).
 * Problems are reported once per item (not once per value) and make the item fail (null).
 * Keyword items (field null) search every leaf of the event: string values get an implicit `*…*` unless a
 * contains/startswith/endswith modifier positions them explicitly (§3.3).
 */
import type { DiagnosticCode } from '../diagnostics.js';
import type { ScalarValue, SigmaItem } from '../loader/types.js';
import type { SourceSpan } from '../source.js';
import { literalPattern, parseSigmaString, withWildcards } from './pattern.js';
import { MODIFIERS, MODIFIER_NAMES } from './modifiers/registry.js';
import { regexCompileError } from './modifiers/regex.js';
import { POSITIONS } from './modifiers/string.js';
import type { ItemFlags, ModifierContext, Work } from './modifiers/work.js';
import type { IrItem, IrMatcher, IrPattern, IrValue } from './types.js';

export interface ItemReporter {
  (code: DiagnosticCode, message: string, span: SourceSpan, severity?: 'error' | 'warning'): void;
}

export interface LowerOptions {
  readonly placeholders?: Readonly<Record<string, readonly string[]>>;
  /** How an `expand` placeholder without a value is reported (`check` without --placeholders: warning). */
  readonly unresolvedPlaceholder?: 'error' | 'warning';
  /** For tests: false lowers every value through the modifier chain (no positionedString shortcut). */
  readonly shortcuts?: boolean;
}

function newFlags(): ItemFlags {
  return { linking: 'or', negated: false, cased: false, regexFlags: '', positioned: false };
}

function checkModifierNames(item: SigmaItem, report: ItemReporter): boolean {
  const modifiers = item.modifiers;
  let known = true;
  let repeats = false;
  for (let i = 0; i < modifiers.length; i++) {
    if (!MODIFIERS.has(modifiers[i] as string)) known = false;
    if (modifiers.indexOf(modifiers[i] as string) !== i) repeats = true;
  }
  if (known && !repeats) return true;
  const unknown = modifiers.filter((m) => !MODIFIERS.has(m));
  for (const m of unknown) {
    report('UNKNOWN_MODIFIER', `unknown modifier '${m}' in '${item.key}' (known: ${MODIFIER_NAMES.join(', ')})`, item.span);
  }
  const repeated = modifiers.filter((m, i) => modifiers.indexOf(m) !== i);
  for (const m of new Set(repeated)) report('MODIFIER_CHAIN', `modifier '${m}' is repeated in '${item.key}'`, item.span, 'warning');
  return unknown.length === 0;
}

function keywordPattern(pattern: IrPattern, flags: ItemFlags, keyword: boolean): IrPattern {
  return keyword && !flags.positioned ? withWildcards(pattern, true, true) : pattern;
}

/** The matchers one finished value stands for (an OR-ed group). */
function finish(work: Work, flags: ItemFlags, keyword: boolean, fail: (c: DiagnosticCode, m: string) => void): IrMatcher[] | null {
  const cased = flags.cased;
  switch (work.t) {
    case 'raw':
      return finishRaw(work.v, flags, keyword, fail);
    case 'str':
      return work.alts.map((p) => ({ kind: 'string', pattern: keywordPattern(p, flags, keyword), cased }));
    case 're': {
      const matchers: IrMatcher[] = [];
      for (const alt of work.alts) {
        const flagSet = new Set([...flags.regexFlags, ...alt.inline]);
        const jsFlags = [...flagSet].sort().join('');
        const error = regexCompileError(alt.source, jsFlags);
        if (error) return fail('INVALID_REGEX', `invalid regular expression /${alt.source}/: ${error}`), null;
        matchers.push({ kind: 'regex', source: alt.source, flags: jsFlags });
      }
      return matchers;
    }
    case 'ref':
      return [{ kind: 'fieldref', field: work.field, position: work.position, cased }];
    case 'done':
      return [work.matcher];
  }
}

function finishRaw(v: ScalarValue, flags: ItemFlags, keyword: boolean, fail: (c: DiagnosticCode, m: string) => void): IrMatcher[] | null {
  if (keyword) {
    if (v === null) return fail('INVALID_VALUE', 'a null keyword is meaningless: null must be bound to a field'), null;
    const pattern = typeof v === 'string' ? parseSigmaString(v) : literalPattern(String(v));
    return [{ kind: 'string', pattern: keywordPattern(pattern, flags, true), cased: flags.cased }];
  }
  if (v === null) return [{ kind: 'null' }];
  if (typeof v === 'number') return [{ kind: 'number', value: v }];
  if (typeof v === 'boolean') return [{ kind: 'bool', value: v }];
  return [{ kind: 'string', pattern: parseSigmaString(v), cased: flags.cased }];
}

export function lowerItem(item: SigmaItem, options: LowerOptions, report: ItemReporter): IrItem | null {
  if (!checkModifierNames(item, report)) return null;
  const flags = newFlags();
  /** Problems reported so far (made on the first: most items have none). */
  let seen: Set<string> | null = null;
  let failed = false;
  const fail = (code: DiagnosticCode, message: string, severity: 'error' | 'warning' = 'error'): void => {
    const effective = code === 'UNRESOLVED_PLACEHOLDER' ? (options.unresolvedPlaceholder ?? 'error') : severity;
    if (effective === 'error' || code === 'UNRESOLVED_PLACEHOLDER') failed = true;
    seen ??= new Set();
    if (seen.has(code + message)) return;
    seen.add(code + message);
    report(code, `${message} (in '${item.key ?? 'keywords'}')`, item.span, effective);
  };
  const raw: readonly ScalarValue[] = item.values.length === 0 ? [null] : item.values;
  const lowered = raw.map((value, i): IrValue | null => {
    const alternatives = lowerValue(value, item, flags, options, fail);
    return alternatives ? { alternatives, span: item.valueSpans[i] ?? item.span } : null;
  });
  if (failed) return null;
  const values = lowered.includes(null) ? lowered.filter((v): v is IrValue => v !== null) : (lowered as IrValue[]);
  return { field: item.field, values, linking: flags.linking, negated: flags.negated, modifiers: item.modifiers, span: item.span };
}

/**
 * Most values: a string under one contains/startswith/endswith, with the item-level all/neq at most. The chain's
 * result without its steps (it reports nothing there): all/neq set their item flags, the positioning modifier
 * marks the item positioned and wraps the Sigma string in `*`s, and a positioned pattern is final. Null for any
 * other chain.
 */
function positionedString(value: string, modifiers: readonly string[], flags: ItemFlags): IrMatcher[] | null {
  let position: readonly [boolean, boolean] | undefined;
  for (const m of modifiers) {
    const p = POSITIONS.get(m);
    if (p === undefined && m !== 'all' && m !== 'neq') return null;
    if (p !== undefined && position !== undefined) return null;
    position ??= p;
  }
  if (position === undefined) return null;
  for (const m of modifiers) {
    if (m === 'all') flags.linking = 'and';
    else if (m === 'neq') flags.negated = true;
  }
  flags.positioned = true;
  return [{ kind: 'string', pattern: withWildcards(parseSigmaString(value), position[0], position[1]), cased: flags.cased }];
}

function lowerValue(
  value: ScalarValue,
  item: SigmaItem,
  flags: ItemFlags,
  options: LowerOptions,
  fail: (c: DiagnosticCode, m: string, s?: 'error' | 'warning') => void,
): IrMatcher[] | null {
  if (typeof value === 'string' && item.modifiers.length > 0 && options.shortcuts !== false) {
    const positioned = positionedString(value, item.modifiers, flags);
    if (positioned !== null) return positioned;
  }
  let work: Work | null = { t: 'raw', v: value };
  if (item.modifiers.length === 0) return finish(work, flags, item.field === null, fail);
  // One context for the chain, its index advanced (modifiers use it during `apply` only).
  const ctx: { -readonly [K in keyof ModifierContext]: ModifierContext[K] } = { flags, index: 0, field: item.field, placeholders: options.placeholders, report: fail };
  for (let index = 0; index < item.modifiers.length && work; index++) {
    const def = MODIFIERS.get(item.modifiers[index] ?? '');
    if (!def) return null;
    ctx.index = index;
    work = def.apply(work, ctx);
  }
  return work ? finish(work, flags, item.field === null, fail) : null;
}
