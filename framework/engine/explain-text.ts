/**
 * An Explanation as plain text lines (no trailing newlines), for the console reporter and messages:
 *   gate (<variant>): ✓|✗            — followed by the gate items only when the gate failed
 *   ✓|✗ <selection>                  — every detection identifier, then its items indented by 4:
 *       ✓ Initiated = 'true'   (event: 'true')
 *       ✗ DestinationHostname|endswith '.portmap.io'   (event: absent)
 *   condition: <text> → match|no match
 * Several values show as `[a, b, c]` (at most 5, then `… +N more`); event values are JSON-ish (strings in
 * single quotes) and at most 120 characters. `color` (optional) wraps marks and event values; default: none.
 */
import type { Explanation, ItemTrace } from '../report/model.js';
import { truncate } from './display.js';

export type ColorKind = 'held' | 'failed' | 'dim';

export interface FormatOptions {
  readonly color?: (kind: ColorKind, s: string) => string;
}

const MAX_LIST = 5;
const MAX_EVENT_VALUE = 120;
const INDENT = '    ';

type Paint = (kind: ColorKind, s: string) => string;

function mark(held: boolean, paint: Paint): string {
  return held ? paint('held', '✓') : paint('failed', '✗');
}

function singleQuoted(s: string): string {
  const body = JSON.stringify(s)
    .slice(1, -1)
    .replace(/\\(.)/g, (escape, c: string) => (c === '"' ? '"' : escape));
  return `'${body}'`;
}

/** The event's value, JSON-ish and short. */
export function formatEventValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'string') return truncate(singleQuoted(value), MAX_EVENT_VALUE);
  if (value === null || typeof value !== 'object') return truncate(String(value), MAX_EVENT_VALUE);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncate(text, MAX_EVENT_VALUE);
}

export function formatValues(values: readonly string[]): string {
  if (values.length === 1) return values[0] ?? '';
  const shown = values.slice(0, MAX_LIST);
  const more = values.length - shown.length;
  return `[${shown.join(', ')}${more > 0 ? `, … +${more} more` : ''}]`;
}

function itemText(item: ItemTrace): string {
  const values = formatValues(item.values);
  if (item.field === null) return item.modifiers.length > 0 ? `|${item.modifiers.join('|')} ${values}` : values;
  if (item.modifiers.length === 0) return `${item.field} = ${values}`;
  return `${item.field}|${item.modifiers.join('|')} ${values}`;
}

function itemLine(item: ItemTrace, paint: Paint): string {
  const event = item.field === null ? '' : '   ' + paint('dim', `(event: ${formatEventValue(item.actual)})`);
  return `${INDENT}${mark(item.held, paint)} ${itemText(item)}${event}`;
}

export function formatExplanation(x: Explanation, options: FormatOptions = {}): string[] {
  const paint: Paint = options.color ?? ((_kind, s) => s);
  const lines = [`gate (${x.variant}): ${mark(x.gateHeld, paint)}`];
  if (!x.gateHeld) lines.push(...x.gate.map((item) => itemLine(item, paint)));
  for (const s of x.selections) {
    lines.push(`${mark(s.held, paint)} ${s.name}`);
    lines.push(...s.items.map((item) => itemLine(item, paint)));
  }
  const outcome = x.matched ? paint('held', '→ match') : paint('failed', '→ no match');
  lines.push(`condition: ${x.condition.join('; ')} ${outcome}`);
  return lines;
}
