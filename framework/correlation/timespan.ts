/**
 * Correlation timespans (semantics §11.1): `<integer><unit>`, units `s m h d` (spec) and pySigma's `w` (7 d),
 * `M` (2,629,746 s, a mean Gregorian month) and `y` (31,556,952 s, a mean Gregorian year). Units are
 * case-sensitive: `1M` is a month, `1H` is invalid. Out: seconds, or `null` when the text is not a timespan
 * (bad unit, no digits, zero, or a length beyond Number.MAX_SAFE_INTEGER milliseconds).
 */
const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  M: 2_629_746,
  y: 31_556_952,
};

export const TIMESPAN_UNITS = Object.keys(UNIT_SECONDS);

export function parseTimespan(text: string): number | null {
  const m = /^(\d+)([a-zA-Z])$/.exec(text);
  if (!m) return null;
  const unit = UNIT_SECONDS[m[2] as string];
  if (unit === undefined) return null;
  const seconds = Number(m[1]) * unit;
  if (seconds <= 0 || !Number.isSafeInteger(seconds * 1000)) return null;
  return seconds;
}
