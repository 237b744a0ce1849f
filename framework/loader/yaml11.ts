/**
 * YAML 1.1 typing of plain (unquoted) scalars, as PyYAML's SafeLoader does it (semantics §2.1).
 * In: the source text of a plain scalar. Out: the value pySigma would see, plus whether PyYAML would have
 * made it a timestamp (we keep those as strings; the caller emits a YAML_DATE_VALUE warning).
 * Must hold: the regular expressions are PyYAML's implicit resolvers (resolver.py) and the conversions are
 * SafeConstructor's (`00000429` stays a string, `010` is 8, `1_000` is 1000, `1:30` is 90, `1e3` is a string).
 */
import type { ScalarValue } from './types.js';

export interface Yaml11Scalar {
  readonly value: ScalarValue;
  /** PyYAML would have produced a `date`/`datetime`; `value` is the source text. */
  readonly timestamp: boolean;
}

/** `^(?:a|b|…)$` from one alternative per line, as PyYAML writes its verbose regular expressions. */
function anchored(alternatives: readonly string[]): RegExp {
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

const BOOL = anchored(['yes|Yes|YES|no|No|NO', 'true|True|TRUE|false|False|FALSE', 'on|On|ON|off|Off|OFF']);
const TRUE_WORDS = new Set(['yes', 'true', 'on']);
const NULL = anchored(['~', 'null|Null|NULL', '']);
const INT = anchored([
  '[-+]?0b[0-1_]+',
  '[-+]?0[0-7_]+',
  '[-+]?(?:0|[1-9][0-9_]*)',
  '[-+]?0x[0-9a-fA-F_]+',
  '[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+',
]);
const FLOAT = anchored([
  '[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?',
  '\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?',
  '[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*',
  '[-+]?\\.(?:inf|Inf|INF)',
  '\\.(?:nan|NaN|NAN)',
]);
const TIMESTAMP = anchored([
  '[0-9]{4}-[0-9]{2}-[0-9]{2}',
  '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?' +
    '(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?',
]);

/** First characters of every text the resolvers below may type (null, bool, numbers, timestamps). */
const MAYBE_TYPED = /^[-+.0-9~nNyYtTfFoO]/;

/** Type a plain scalar's source text the way PyYAML (YAML 1.1) does. */
export function resolveYaml11Plain(source: string): Yaml11Scalar {
  if (source !== '' && !MAYBE_TYPED.test(source)) return { value: source, timestamp: false };
  if (NULL.test(source)) return { value: null, timestamp: false };
  if (BOOL.test(source)) return { value: TRUE_WORDS.has(source.toLowerCase()), timestamp: false };
  if (FLOAT.test(source)) return numberOrText(source, constructFloat(source));
  if (INT.test(source)) return numberOrText(source, constructInt(source));
  if (TIMESTAMP.test(source)) return { value: source, timestamp: true };
  return { value: source, timestamp: false };
}

/** PyYAML would raise on a few degenerate matches (`0b_`); we keep the text in that case. */
function numberOrText(source: string, n: number | undefined): Yaml11Scalar {
  return { value: n === undefined ? source : n, timestamp: false };
}

function splitSign(text: string): { sign: number; digits: string } {
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.startsWith('-') || text.startsWith('+') ? text.slice(1) : text;
  return { sign, digits };
}

/** SafeConstructor.construct_yaml_int. */
function constructInt(source: string): number | undefined {
  const { sign, digits } = splitSign(source.replaceAll('_', ''));
  if (digits === '0') return 0;
  if (digits.startsWith('0b')) return signed(sign, parseDigits(digits.slice(2), /^[01]+$/, 2));
  if (digits.startsWith('0x')) return signed(sign, parseDigits(digits.slice(2), /^[0-9a-fA-F]+$/, 16));
  if (digits.startsWith('0')) return signed(sign, parseDigits(digits, /^[0-7]+$/, 8));
  if (digits.includes(':')) return signed(sign, sexagesimal(digits.split(':').map(Number)));
  return signed(sign, Number(digits));
}

/** SafeConstructor.construct_yaml_float. */
function constructFloat(source: string): number | undefined {
  const { sign, digits } = splitSign(source.replaceAll('_', '').toLowerCase());
  if (digits === '.inf') return sign * Infinity;
  if (digits === '.nan') return NaN;
  if (digits.includes(':')) return signed(sign, sexagesimal(digits.split(':').map(Number)));
  const n = Number(digits);
  return Number.isNaN(n) ? undefined : signed(sign, n);
}

function parseDigits(digits: string, allowed: RegExp, radix: number): number | undefined {
  return allowed.test(digits) ? parseInt(digits, radix) : undefined;
}

/** `1:30` → 90; `1:00:00` → 3600 (base 60, most significant first). */
function sexagesimal(parts: readonly number[]): number {
  return parts.reduce((acc, part) => acc * 60 + part, 0);
}

/** Multiply by the sign without producing `-0` for zero. */
function signed(sign: number, n: number | undefined): number | undefined {
  if (n === undefined || Number.isNaN(n)) return undefined;
  return n === 0 ? 0 : sign * n;
}
