/**
 * A `re` value is searched (RegExp.test: unanchored, true when a match starts anywhere), and for a search a
 * repeated first atom is wasted work: V8's backtracking engine retries `\w+` from every position of a word, so
 * `\w+x` costs time quadratic in the length of a word run (the SigmaHQ "Powershell Token Obfuscation" regex
 * `\w+`(\w+|-|.)`…` over a script block of thousands of letters). Contract: for EVERY text,
 * new RegExp(trimLeadingRepetition(source, flags), flags).test(text) === new RegExp(source, flags).test(text).
 * Why it holds, for a first atom A that matches one code unit and has no group, and R the rest of the pattern:
 *  - `A+R` (or `A+?R`) → `AR`: a match of A+R ending its repetitions at position p contains a match of AR starting
 *    at the last repetition (R sees the same text from the same position: lookbehinds and `\b` included), and a
 *    match of AR is one of A+R;
 *  - `A*R` (or `A*?R`) → `R`, likewise (zero repetitions); then the new first atom is trimmed again.
 * A top-level `|` leaves this intact: only the first alternative's start changes, and a search holds when any
 * alternative matches somewhere. Group numbers are unchanged (A has none), so backreferences in R still refer to the
 * same groups. Atoms recognised: `.`, `\w \W \d \D \s \S`, an identity escape of ASCII punctuation, a literal
 * character outside `^$\.*+?()[]{}|`, and a bracket class; flags: a subset of "ims" (what ir/modifiers/regex.ts
 * lowers; `m` only changes `^` and `$`). Anything else is returned unchanged. The pattern is data: it is only
 * sliced, never turned into code.
 */

const SYNTAX = '^$\\.*+?()[]{}|';
const CLASS_ESCAPES = 'wWdDsS';

/** ASCII punctuation or space: `\` + one of these is an identity escape outside a class without `u`. */
function isAsciiPunctuation(code: number): boolean {
  return (code >= 0x20 && code <= 0x2f) || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
}

/** The end of a bracket class starting at `at` (just after its `]`), or -1 when it does not end. */
function classEnd(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === '^') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i + 1;
  }
  return -1;
}

/** The end of the one-unit atom at the start of `source`, or -1 when it does not start with one. */
function firstAtomEnd(source: string): number {
  const c = source.charAt(0);
  if (c === '\\') {
    const next = source.charAt(1);
    return next !== '' && (CLASS_ESCAPES.includes(next) || isAsciiPunctuation(next.charCodeAt(0))) ? 2 : -1;
  }
  if (c === '[') return classEnd(source, 0);
  if (c === '.') return 1;
  if (c === '' || SYNTAX.includes(c)) return -1;
  // A lone surrogate half is one unit, but a pair would be two atoms only without `u`: refuse both.
  const code = c.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdfff ? -1 : 1;
}

/** `source` with a repeated first atom reduced to what a search needs (see the header); unchanged otherwise. */
export function trimLeadingRepetition(source: string, flags: string): string {
  if (/[^ims]/.test(flags)) return source;
  let rest = source;
  for (;;) {
    const end = firstAtomEnd(rest);
    if (end < 0) return rest;
    const quantifier = rest.charAt(end);
    if (quantifier !== '+' && quantifier !== '*') return rest;
    const after = rest.charAt(end + 1) === '?' ? end + 2 : end + 1;
    // `A+*`, `A+??`, `A+{2}` are syntax errors (and `A+{` a literal brace): left as they are.
    const next = rest.charAt(after);
    if (next !== '' && '*+?{'.includes(next)) return rest;
    if (quantifier === '+') return rest.slice(0, end) + rest.slice(after);
    rest = rest.slice(after);
  }
}
