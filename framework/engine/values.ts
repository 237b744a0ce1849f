/**
 * Event-side value semantics shared by both evaluators (semantics §7 "Per value"): string forms, decimal
 * numeric strings, timestamps. Pure functions of one value.
 */

/** The text a string-type rule value is compared with: numbers as JS prints them (5.0 → "5"), booleans as
 * "true"/"false", objects as compact JSON. */
export function stringForm(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

const DECIMAL = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

/** A number, or a decimal numeric string (`"4688"`, `" 4688 "`, `"1.5"`); anything else (hex, words) → null. */
export function numericValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value);
  return null;
}

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const TIMESTAMP = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/**
 * Date parts of a timestamp as written (no time-zone conversion, §5.13): `YYYY-MM-DD[( |T)hh:mm…]`, or a
 * number of seconds (below 1e11) or milliseconds since the epoch, read in UTC.
 */
export function dateParts(value: unknown): DateParts | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const d = new Date(Math.abs(value) < 1e11 ? value * 1000 : value);
    if (Number.isNaN(d.getTime())) return null;
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
  }
  if (typeof value !== 'string') return null;
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  return { year, month, day, hour, minute };
}

/** ISO-8601 week number (1–53). */
export function isoWeek(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}
