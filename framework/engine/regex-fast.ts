/**
 * Linear-time tests for two shapes of `re` values on which V8's backtracking engine is super-linear (for example
 * `\+.*\+.*\+…` on a long command line). Contract: when `fastRegexTest(source, flags)` returns f, then for EVERY
 * string text, f(text) === new RegExp(source, flags).test(text) (unanchored search, no `u` flag, flags a subset
 * of "ims" as lowered by ir/modifiers/regex.ts); it returns null for anything else, and the caller keeps RegExp.
 * The pattern is data: it is parsed, never turned into code. Recognised (anything else → null):
 *  1. gap patterns: literal segments separated by `.*` (a leading or trailing `.*` too; `.*` alone matches
 *     everything). Literals: characters other than `^$\.*+?()[]{}|` and line terminators, and `\` + ASCII
 *     punctuation or space (an identity escape: that character). With `i`: ASCII literals only.
 *  2. dot repetitions: `.{N}`, `.{N,}` or `.{N,M}` (M ≥ N), the atom also written `(.)` or `(?:.)` (a capture is
 *     not observable through test()), optionally between `.*`s, without literals: true iff N consecutive code
 *     units without a line terminator occur (with `s`: iff the text has N code units), since a run of N `.`s is
 *     the shortest match and any longer run contains one. Anchored forms do not occur in the SigmaHQ corpus and
 *     are not recognised.
 * `m` only changes `^` and `$`, which are never recognised, so it is ignored.
 */

/** Line terminators: what `.` does not match without the `s` flag. */
const LINE_TERMINATORS = '\n\r\u2028\u2029';
/** Characters that are not literal atoms when unescaped (`]`, `{`, `}` can be in Annex B; refused anyway). */
const SYNTAX = '^$\\.*+?()[]{}|';
/** `{N}`, `{N,}` or `{N,M}` (at most 7 digits: larger bounds are refused). */
const QUANTIFIER = /\{(\d{1,7})(,(\d{1,7})?)?\}/y;
const DOT_ATOMS = ['(.)', '(?:.)', '.'] as const;

type Token = { t: 'lit'; c: string } | { t: 'gap' } | { t: 'rep'; min: number };

function isTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** ASCII punctuation or space: `\` + one of these is an identity escape outside a class without `u`. */
function isAsciiPunctuation(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 0x20 && code <= 0x2f) || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
}

/** A dot repetition at `at` (`.`, `(.)` or `(?:.)` then a quantifier in braces): its token and end, or null. */
function dotRepetition(source: string, at: number): { token: Token; end: number } | null {
  const atom = DOT_ATOMS.find((a) => source.startsWith(a, at));
  if (atom === undefined) return null;
  QUANTIFIER.lastIndex = at + atom.length;
  const m = QUANTIFIER.exec(source);
  if (!m) return null;
  const min = Number(m[1]);
  if (m[3] !== undefined && Number(m[3]) < min) return null;
  return { token: { t: 'rep', min }, end: QUANTIFIER.lastIndex };
}

/** The source as literals, `.*` gaps and dot repetitions; null at the first construct outside that subset. */
function tokenize(source: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === '\\') {
      const next = source.charAt(i + 1);
      if (next === '' || !isAsciiPunctuation(next)) return null;
      tokens.push({ t: 'lit', c: next });
      i += 2;
    } else if (source.startsWith('.*', i)) {
      tokens.push({ t: 'gap' });
      i += 2;
    } else if (c === '.' || c === '(') {
      const rep = dotRepetition(source, i);
      if (!rep) return null;
      tokens.push(rep.token);
      i = rep.end;
    } else if (SYNTAX.includes(c) || LINE_TERMINATORS.includes(c)) {
      return null;
    } else {
      tokens.push({ t: 'lit', c });
      i += 1;
    }
  }
  return tokens;
}

/** ASCII-only lower-casing (A–Z → a–z, nothing else: the length and every other code unit are unchanged). */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

function nextTerminator(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (isTerminator(text.charCodeAt(i))) return i;
  return text.length;
}

/** Start of the line holding `at`, knowing that this line starts at or after `floor`. */
function lineStartOf(text: string, at: number, floor: number): number {
  for (let i = at - 1; i >= floor; i--) if (isTerminator(text.charCodeAt(i))) return i + 1;
  return floor;
}

/** `segments` in order, each after the previous, anywhere in the text (the `s` flag: `.*` spans lines). */
function inOrder(text: string, segments: readonly string[]): boolean {
  let pos = 0;
  for (const seg of segments) {
    const at = text.indexOf(seg, pos);
    if (at < 0) return false;
    pos = at + seg.length;
  }
  return true;
}

/**
 * `segments` in order within one line (no `s` flag: `.` does not match a terminator, and no segment contains one,
 * so a match lies in one line). Within a line, placing each segment at its earliest occurrence after the previous
 * one is exact: if any placement q0 < q1 < … exists, induction gives greedy pi ≤ qi (qi is an occurrence at or
 * after q(i-1) + |L(i-1)| ≥ p(i-1) + |L(i-1)|), so greedy never fails when a placement exists. When segment i's
 * earliest occurrence is beyond the line's end, that line and all lines up to the occurrence's line have no
 * placement, so the search restarts at the start of that line. Each code unit is scanned O(1) times per segment.
 */
function inOrderWithinLine(text: string, segments: readonly string[]): boolean {
  let lineStart = 0;
  attempt: for (;;) {
    const lineEnd = nextTerminator(text, lineStart);
    let pos = lineStart;
    for (const seg of segments) {
      const at = text.indexOf(seg, pos);
      if (at < 0) return false;
      if (at >= lineEnd) {
        lineStart = lineStartOf(text, at, lineEnd + 1);
        continue attempt;
      }
      pos = at + seg.length;
    }
    return true;
  }
}

/**
 * Literals and gaps only → the test of its segments (null with `i` and a non-ASCII literal). Empty segments (a
 * leading, trailing or doubled `.*`) are dropped: `.*` may match the empty string, and test() is unanchored.
 */
function gapTest(tokens: readonly Token[], flags: string): ((text: string) => boolean) | null {
  const folded = flags.includes('i');
  const segments: string[] = [''];
  for (const token of tokens) {
    if (token.t === 'gap') segments.push('');
    else if (token.t === 'lit') segments[segments.length - 1] += token.c;
  }
  // Without `u`, `i` never matches a non-ASCII code unit with an ASCII one (Canonicalize keeps the character when
  // its upper case would be ASCII), so ASCII lower-casing of both sides is exact for ASCII literals.
  if (folded && segments.some((s) => /[^\x00-\x7f]/.test(s))) return null;
  const nonEmpty = segments.filter((s) => s !== '').map((s) => (folded ? asciiLower(s) : s));
  const search =
    nonEmpty.length === 0
      ? () => true
      : nonEmpty.length === 1
        ? (t: string) => t.includes(nonEmpty[0] ?? '')
        : flags.includes('s')
          ? (t: string) => inOrder(t, nonEmpty)
          : (t: string) => inOrderWithinLine(t, nonEmpty);
  return folded ? (t) => search(asciiLower(t)) : search;
}

/** Some N consecutive code units without a line terminator. */
function hasRunWithinLine(text: string, n: number): boolean {
  if (text.length < n) return false;
  if (n === 0) return true;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (isTerminator(text.charCodeAt(i))) run = 0;
    else if (++run >= n) return true;
  }
  return false;
}

/**
 * A linear-time test equal to `new RegExp(source, flags).test` on every string, or null when the pattern is not in
 * the recognised subset (see the header).
 */
export function fastRegexTest(source: string, flags: string): ((text: string) => boolean) | null {
  if (![...flags].every((f) => 'ims'.includes(f)) || new Set(flags).size !== flags.length) return null;
  const tokens = tokenize(source);
  if (!tokens) return null;
  const reps = tokens.filter((t): t is Token & { t: 'rep' } => t.t === 'rep');
  if (reps.length === 0) return gapTest(tokens, flags);
  const rep = reps[0];
  if (reps.length > 1 || tokens.some((t) => t.t === 'lit') || !rep) return null;
  const n = rep.min;
  return flags.includes('s') ? (t) => t.length >= n : (t) => hasRunWithinLine(t, n);
}
