/**
 * IR → readable text, for explanations and reports (never parsed back by the engine).
 * displayMatcher: one matcher as Sigma-ish text — string patterns as quoted Sigma strings (`*`/`?` wildcards,
 * literal `*`, `?`, `\` escaped; `''` for a quote) with ` (cased)` when cased; regex `/source/flags`;
 * number/bool/null literally; compare `< 5`; timepart `hour = 3`; cidr its text; `exists: true`;
 * `fieldref(equals) Other`. displayItem: an item's field, modifiers and one display string per value, with the
 * outer `*` implied by contains/startswith/endswith (or by a keyword's implicit substring search) left out.
 * Every displayed value is at most MAX_VALUE characters (truncated with `…`).
 */
import { renderPattern } from '../ir/pattern.js';
import type { CompareOp, IrItem, IrMatcher, IrPattern, IrValue } from '../ir/types.js';

export const MAX_VALUE = 200;
/** Alternatives of one value (windash, base64offset …) shown before summarising the rest. */
const MAX_ALTERNATIVES = 3;

const COMPARE: Readonly<Record<CompareOp, string>> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function fullText(m: IrMatcher): string {
  switch (m.kind) {
    case 'string':
      return quote(renderPattern(m.pattern)) + (m.cased ? ' (cased)' : '');
    case 'regex':
      return `/${m.source}/${m.flags}`;
    case 'number':
    case 'bool':
      return String(m.value);
    case 'null':
      return 'null';
    case 'compare':
      return `${COMPARE[m.op]} ${m.value}`;
    case 'timepart':
      return `${m.part} = ${m.value}`;
    case 'cidr':
      return m.text;
    case 'exists':
      return `exists: ${m.value}`;
    case 'fieldref':
      return `fieldref(${m.position}) ${m.field}` + (m.cased ? ' (cased)' : '');
  }
}

export function displayMatcher(m: IrMatcher): string {
  return truncate(fullText(m), MAX_VALUE);
}

/** Which outer `*` the item's modifiers (or keyword search) added to every string pattern. */
function impliedWildcards(item: IrItem): { start: boolean; end: boolean } {
  const has = (m: string): boolean => item.modifiers.includes(m);
  const positioned = has('contains') || has('startswith') || has('endswith');
  if (item.field === null && !positioned) return { start: true, end: true };
  return { start: has('contains') || has('endswith'), end: has('contains') || has('startswith') };
}

function stripWildcards(pattern: IrPattern, start: boolean, end: boolean): IrPattern {
  let from = 0;
  let to = pattern.length;
  if (start && pattern[from]?.t === 'any') from++;
  if (end && to > from && pattern[to - 1]?.t === 'any') to--;
  return pattern.slice(from, to);
}

function displayValue(value: IrValue, implied: { start: boolean; end: boolean }): string {
  const shown = value.alternatives.map((m) =>
    m.kind === 'string' ? { ...m, pattern: stripWildcards(m.pattern, implied.start, implied.end) } : m,
  );
  const head = shown.slice(0, MAX_ALTERNATIVES).map(fullText);
  const rest = shown.length - head.length;
  const text = head.join(' | ') + (rest > 0 ? ` | … (+${rest} variants)` : '');
  return truncate(text, MAX_VALUE);
}

export interface ItemDisplay {
  readonly field: string | null;
  readonly modifiers: readonly string[];
  readonly values: readonly string[];
}

export function displayItem(item: IrItem): ItemDisplay {
  const implied = impliedWildcards(item);
  return { field: item.field, modifiers: item.modifiers, values: item.values.map((v) => displayValue(v, implied)) };
}
