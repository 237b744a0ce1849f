/**
 * Timestamps with given time parts (semantics §5.13 as values.ts reads them: `YYYY-MM-DD[ T]hh:mm…` as written,
 * or epoch seconds/milliseconds in UTC; `week` is the ISO week). In: the required parts of one field.
 * Out: a timestamp string (Sysmon or evtx SystemTime style) or an epoch number, or null when no date of the
 * searched years has all the parts. Callers verify with the reference.
 */
import type { TimePart } from '../../framework/ir/types.js';
import { isoWeek } from '../../framework/engine/values.js';
import { chance, pick, type Rng } from './rng.js';

export interface PartValue {
  readonly part: TimePart;
  readonly value: number;
}

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function wanted(parts: readonly PartValue[], part: TimePart): number | undefined {
  return parts.find((p) => p.part === part)?.value;
}

function daysMatching(years: readonly number[], parts: readonly PartValue[]): [number, number, number][] {
  const month = wanted(parts, 'month');
  const day = wanted(parts, 'day');
  const week = wanted(parts, 'week');
  const out: [number, number, number][] = [];
  for (const y of years) {
    for (let m = 1; m <= 12; m++) {
      if (month !== undefined && m !== month) continue;
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      for (let d = 1; d <= last; d++) {
        if (day !== undefined && d !== day) continue;
        if (week !== undefined && isoWeek(y, m, d) !== week) continue;
        out.push([y, m, d]);
      }
    }
  }
  return out;
}

function format(rng: Rng, [y, mo, d]: [number, number, number], h: number, mi: number): string | number {
  const s = chance(rng, 40) ? 0 : rng.nextInt(0, 59);
  const ms = chance(rng, 50) ? 0 : rng.nextInt(0, 999);
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  const style = rng.nextInt(0, 9);
  if (style < 5) return `${date} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(ms, 3)}`;
  if (style < 9 || y < 1971) return `${date}T${pad(h)}:${pad(mi)}:${pad(s)}.${pad(ms, 3)}${pad(rng.nextInt(0, 9999), 4)}Z`;
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

export function sampleTimestamp(parts: readonly PartValue[], rng: Rng): string | number | null {
  const year = wanted(parts, 'year');
  const days = daysMatching(year !== undefined ? [year] : [pick(rng, YEARS), ...YEARS], parts);
  if (days.length === 0) return null;
  const hour = wanted(parts, 'hour') ?? rng.nextInt(0, 23);
  const minute = wanted(parts, 'minute') ?? rng.nextInt(0, 59);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  return format(rng, pick(rng, days.slice(0, 400)), hour, minute);
}
