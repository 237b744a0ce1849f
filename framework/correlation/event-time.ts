/**
 * Event timestamps for correlations (semantics §11.4 point 1). `eventTime(event, field?)` → ms since the epoch,
 * or `null` when the event has no usable timestamp (such events are never correlation records).
 *
 * Field: the configured `field` (dotted paths as in rules), else the first present of these defaults:
 *   - evtx `System.TimeCreated` SystemTime: `TimeCreated_SystemTime` (what events/adapt.ts makes of evtx_dump),
 *     `Event.System.TimeCreated.#attributes.SystemTime` (raw evtx_dump), `System.TimeCreated.SystemTime`,
 *     `System.TimeCreated.#attributes.SystemTime`;
 *   - Sysmon `UtcTime`; ECS `@timestamp`; `timestamp`; CloudTrail `eventTime`.
 * Values:
 *   - ISO 8601 / RFC 3339 text `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|UTC|±HH[:MM]]`; without a zone the time is
 *     UTC (Sysmon's `UtcTime` `2024-05-01 03:15:00.123`); fractions beyond milliseconds are truncated.
 *   - Epoch numbers (or strings of digits): absolute value below 1e11 = seconds (up to the year 5138), else
 *     milliseconds (so millisecond stamps before 1973-03-03 are misread as seconds). Fractions of a
 *     millisecond are rounded.
 * Anything else (other text, booleans, objects) → `null`.
 */
import type { Event } from '../engine/event.js';
import { fieldPath, lookupField } from '../engine/field.js';

export const DEFAULT_TIME_FIELDS: readonly string[] = [
  'TimeCreated_SystemTime',
  'Event.System.TimeCreated.#attributes.SystemTime',
  'System.TimeCreated.SystemTime',
  'System.TimeCreated.#attributes.SystemTime',
  'UtcTime',
  '@timestamp',
  'timestamp',
  'eventTime',
];

const DEFAULT_PATHS = DEFAULT_TIME_FIELDS.map((f) => [f, fieldPath(f)] as const);
const SECONDS_LIMIT = 1e11;

export function eventTime(event: Event, field?: string): number | null {
  if (field !== undefined) return parseTime(lookupField(event, field));
  for (const [name, path] of DEFAULT_PATHS) {
    const value = lookupField(event, name, path);
    if (value !== undefined && value !== null) return parseTime(value);
  }
  return null;
}

/** One timestamp value → ms since the epoch, or `null` (rules in the header). */
export function parseTime(value: unknown): number | null {
  if (typeof value === 'number') return epochMs(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return epochMs(Number(text));
  return parseDateText(text);
}

function epochMs(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  const ms = Math.abs(n) < SECONDS_LIMIT ? n * 1000 : n;
  const rounded = Math.round(ms);
  return Number.isSafeInteger(rounded) ? rounded : null;
}

const DATE_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;

function parseDateText(text: string): number | null {
  const m = DATE_TEXT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const offset = zoneOffsetMs(m[8]);
  return offset === null ? null : date.getTime() - offset;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function zoneOffsetMs(zone: string | undefined): number | null {
  if (zone === undefined || zone === 'Z' || zone === 'z' || zone === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
