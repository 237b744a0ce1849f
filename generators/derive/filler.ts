/**
 * Text for the free parts of a pattern: what `*` and `?` stand for, and values of fields that only need to
 * exist. In: the neighbouring literal text (so a `*` before `\cmd.exe` becomes a folder, before `.portmap.io` a
 * host label). Out: short text, possibly empty. Must hold: pure function of the Rng's draws.
 */
import { chance, pick, type Rng } from './rng.js';

export interface FillerHint {
  /** Literal text generated just before the gap (may be ''). */
  readonly before: string;
  /** Literal text that must follow the gap (may be ''). */
  readonly after: string;
}

/** Fills one `*` gap. Replaceable through the derive options (e.g. with Faker-backed text). */
export type Filler = (rng: Rng, hint: FillerHint) => string;

const WINDOWS_DIRS = ['C:\\Windows\\System32', 'C:\\Users\\alice\\AppData\\Local\\Temp', 'C:\\ProgramData\\Contoso', 'D:\\tools', 'C:\\Users\\Public'];
const UNIX_DIRS = ['/usr/local/bin', '/tmp', '/home/alice', '/opt/app'];
const LABELS = ['host7', 'updates', 'cdn', 'a1b2', 'mail', 'dev-box'];
const WORDS = ['alpha', 'report', 'data', 'x', 'svc', '42', 'Temp', 'run', 'value'];
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomWord(rng: Rng): string {
  if (chance(rng, 50)) return pick(rng, WORDS);
  let out = '';
  const n = rng.nextInt(1, 6);
  for (let i = 0; i < n; i++) out += ALNUM[rng.nextInt(0, ALNUM.length - 1)];
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

export const defaultFiller: Filler = (rng, { before, after }) => {
  if (chance(rng, 20)) return '';
  if (before === '' && after.startsWith('\\')) return pick(rng, WINDOWS_DIRS);
  if (before === '' && after.startsWith('/')) return pick(rng, UNIX_DIRS);
  if (after.startsWith('.') && !before.endsWith('.')) return pick(rng, LABELS);
  const word = chance(rng, 20) ? `${randomWord(rng)} ${randomWord(rng)}` : randomWord(rng);
  if (before.endsWith('\\') || before.endsWith('/')) return word;
  const left = WORD_CHAR.test(before.slice(-1)) ? ' ' : '';
  const right = WORD_CHAR.test(after.slice(0, 1)) ? ' ' : '';
  return left + word + right;
};

const ONE_CHARS = ['a', 'b', 'x', 'Z', '7', '_', '-', ' ', 'é', '😀'];

/** What `?` stands for: exactly one code point (sometimes a non-ASCII or astral one). */
export function oneCodePoint(rng: Rng): string {
  return chance(rng, 85) ? (ALNUM[rng.nextInt(0, ALNUM.length - 1)] as string) : pick(rng, ONE_CHARS);
}

/** A plain value for a field that must merely be present (and differ from whatever it must not match). */
export function presentValue(rng: Rng): string {
  return `${randomWord(rng)}${rng.nextInt(0, 999)}`;
}
