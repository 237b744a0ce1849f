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
import type { ItemFlags, ModifierContext, Work } from './modifiers/work.js';
import type { IrItem, IrMatcher, IrPattern, IrValue } from './types.js';

export interface ItemReporter {
  (code: DiagnosticCode, message: string, span: SourceSpan, severity?: 'error' | 'warning'): void;
}

export interface LowerOptions {
  readonly placeholders?: Readonly<Record<string, readonly string[]>>;
  /** How an `expand` placeholder without a value is reported (`check` without --placeholders: warning). */
  readonly unresolvedPlaceholder?: 'error' | 'warning';
}

function newFlags(): ItemFlags {
  return { linking: 'or', negated: false, cased: false, regexFlags: new Set(), positioned: false };
}

function checkModifierNames(item: SigmaItem, report: ItemReporter): boolean {
  if (item.modifiers.length === 0) return true;
  const unknown = item.modifiers.filter((m) => !MODIFIERS.has(m));
  for (const m of unknown) {
    report('UNKNOWN_MODIFIER', `unknown modifier '${m}' in '${item.key}' (known: ${MODIFIER_NAMES.join(', ')})`, item.span);
  }
  const repeated = item.modifiers.filter((m, i) => item.modifiers.indexOf(m) !== i);
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
  const seen = new Set<string>();
  let failed = false;
  const fail = (code: DiagnosticCode, message: string, severity: 'error' | 'warning' = 'error'): void => {
    const effective = code === 'UNRESOLVED_PLACEHOLDER' ? (options.unresolvedPlaceholder ?? 'error') : severity;
    if (effective === 'error' || code === 'UNRESOLVED_PLACEHOLDER') failed = true;
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

function lowerValue(
  value: ScalarValue,
  item: SigmaItem,
  flags: ItemFlags,
  options: LowerOptions,
  fail: (c: DiagnosticCode, m: string, s?: 'error' | 'warning') => void,
): IrMatcher[] | null {
  let work: Work | null = { t: 'raw', v: value };
  for (let index = 0; index < item.modifiers.length && work; index++) {
    const def = MODIFIERS.get(item.modifiers[index] ?? '');
    if (!def) return null;
    const ctx: ModifierContext = { flags, index, field: item.field, placeholders: options.placeholders, report: fail };
    work = def.apply(work, ctx);
  }
  return work ? finish(work, flags, item.field === null, fail) : null;
}
