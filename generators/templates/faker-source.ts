/**
 * Faker seeded from fast-check, plus generic value builders (ids, GUIDs, hashes, timestamps).
 * Contract: `fakerArbitrary()` draws one integer seed from fast-check and returns a Faker seeded with it, so
 * fast-check's seed (and path) replays every value exactly, and shrinking moves toward seed 0. The Faker is
 * stateful: fast-check clones it (fc.cloneMethod) by re-seeding, so every use of a generated value starts from
 * the same state. Builders here take the Faker and never read the clock or Math.random: dates come from a fixed
 * window (2024-01-01 .. 2026-12-31 UTC) and the Faker's reference date is pinned.
 */
import { base, en, Faker } from '@faker-js/faker';
import fc from 'fast-check';

/** Largest seed drawn by fakerArbitrary (seeds are 0..MAX_SEED). */
export const MAX_SEED = 0x7fffffff;

const WINDOW_FROM = Date.UTC(2024, 0, 1);
const WINDOW_TO = Date.UTC(2026, 11, 31);

/** A fresh English Faker seeded with `seed`; same seed, same sequence of values. */
export function seededFaker(seed: number): Faker {
  const f = new Faker({ locale: [en, base] });
  f.seed(seed);
  f.setDefaultRefDate(new Date(WINDOW_TO));
  return f;
}

function withFastCheckMethods(f: Faker, seed: number): Faker {
  Object.defineProperty(f, fc.cloneMethod, { value: () => withFastCheckMethods(seededFaker(seed), seed) });
  Object.defineProperty(f, fc.toStringMethod, { value: () => `seededFaker(${seed})` });
  return f;
}

/** Faker seeded from a fast-check integer (unbiased: small seeds are no edge cases for Faker); shrinks toward seed 0. */
export function fakerArbitrary(): fc.Arbitrary<Faker> {
  return fc.noBias(fc.integer({ min: 0, max: MAX_SEED })).map((seed) => withFastCheckMethods(seededFaker(seed), seed));
}

/** One of `items`, chosen by the Faker. */
export function pick<T>(f: Faker, items: readonly T[]): T {
  return f.helpers.arrayElement(items);
}

/** Upper-case hex string of `length` digits. */
export function hexUpper(f: Faker, length: number): string {
  return f.string.hexadecimal({ length, casing: 'upper', prefix: '' });
}

/** `0x` + lower-case hex of an integer in [min, max], as Windows writes logon ids and handles. */
export function hexNumber(f: Faker, min: number, max: number): string {
  return `0x${f.number.int({ min, max }).toString(16)}`;
}

/** A Windows process id (multiple of 4, as the kernel hands them out). */
export function processId(f: Faker): number {
  return f.number.int({ min: 100, max: 16_000 }) * 4;
}

/** A Linux process id. */
export function linuxPid(f: Faker): number {
  return f.number.int({ min: 300, max: 4_194_303 });
}

/** A GUID without braces, upper case (`747F3D96-D6F7-5D31-0000-00104ACE2500`). */
export function guidUpper(f: Faker): string {
  return f.string.uuid().toUpperCase();
}

/** A GUID in Sysmon's rendering, `{...}`, with the per-machine first group `prefix` (8 hex digits). */
export function sysmonGuid(f: Faker, prefix: string): string {
  return `{${prefix}-${hexUpper(f, 4)}-${hexUpper(f, 4)}-${hexUpper(f, 4)}-${hexUpper(f, 8)}0${f.number.int({ min: 0, max: 9 })}00}`;
}

/** Sysmon's hash list: `SHA1=...,MD5=...,SHA256=...,IMPHASH=...` (upper-case hex). */
export function hashesString(f: Faker): string {
  return `SHA1=${hexUpper(f, 40)},MD5=${hexUpper(f, 32)},SHA256=${hexUpper(f, 64)},IMPHASH=${hexUpper(f, 32)}`;
}

/** An event time inside the fixed window (millisecond precision). */
export function eventTime(f: Faker): Date {
  return f.date.between({ from: WINDOW_FROM, to: WINDOW_TO });
}

/** `2026-12-04 10:11:12.345`, Sysmon's UtcTime format. */
export function sysmonUtcTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** `2026-12-04T10:11:12.345Z`. */
export function isoTime(date: Date): string {
  return date.toISOString();
}

/** `2026-12-04T10:11:12.345678Z`, the evtx TimeCreated SystemTime format (microseconds). */
export function systemTime(f: Faker, date: Date): string {
  return date.toISOString().replace('Z', `${String(f.number.int({ min: 0, max: 999 })).padStart(3, '0')}Z`);
}

/** `date` plus a few milliseconds (the delay between an action and its log record). */
export function later(f: Faker, date: Date, maxMs = 50): Date {
  return new Date(date.getTime() + f.number.int({ min: 1, max: maxMs }));
}

/** A date `days` before `date` at most (e.g. a file's creation time). */
export function earlier(f: Faker, date: Date, days: number): Date {
  return new Date(date.getTime() - f.number.int({ min: 1_000, max: days * 86_400_000 }));
}
