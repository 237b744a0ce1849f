/**
 * Literals that every match of a JavaScript regular expression (no `u` flag, as lowered by ir/modifiers/regex.ts)
 * must contain, for the prefilter (prefilter-atoms.ts). Contract (may only under-report): for each returned L,
 * whenever `new RegExp(source, flags).test(text)` holds, foldCase(text) contains L; [] when none is known.
 * Conservative scan of the top level of the pattern only: any top-level `|` → ''; groups, classes, `.`, class
 * escapes and assertions end a literal run; a quantifier removes the atom before it from the run; escapes of
 * letters or digits other than \d\D\w\W\s\S\b\B (\x, \u, \c, \k, back-references, octal…) → '' (not parsed);
 * `\` + punctuation is that character (identity escape). Runs are cut at non-ASCII characters and lower-cased:
 * without `u`, the `i` flag never maps a non-ASCII character to an ASCII one and ASCII folds the same in any
 * context, so an ASCII run of the pattern occurs, lower-cased, in the folded text. Flags other than i, m, s → ''.
 */

const CLASS_ESCAPES = 'dDwWsSbB';
const QUANTIFIER = /^\{\d+(?:,\d*)?\}/;

interface Scan {
  runs: string[];
  run: string;
  /** The current run's last character is a single literal atom (a quantifier after it removes it). */
  lastIsLiteral: boolean;
}

function endRun(s: Scan): void {
  if (s.run !== '') s.runs.push(s.run);
  s.run = '';
  s.lastIsLiteral = false;
}

function literal(s: Scan, c: string): void {
  s.run += c;
  s.lastIsLiteral = true;
}

/** The quantified atom (if it was a literal) leaves the run, and the run ends. */
function quantify(s: Scan): void {
  if (s.lastIsLiteral) s.run = s.run.slice(0, -1);
  endRun(s);
}

/** Index just past the class opening at `start`, or -1. Without `u`, the first unescaped `]` closes it. */
function skipClass(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i + 1;
  }
  return -1;
}

/** Index just past the group opening at `start` (nested groups and classes included), or -1. */
function skipGroup(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      const end = skipClass(source, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/** Scans `source`; null when a construct is not understood (then nothing is known). */
function scanRuns(source: string): string[] | null {
  const s: Scan = { runs: [], run: '', lastIsLiteral: false };
  for (let i = 0; i < source.length; ) {
    const c = source[i] as string;
    if (c === '|' || c === ')') return null;
    if (c === '(' || c === '[') {
      const next = c === '(' ? skipGroup(source, i) : skipClass(source, i);
      if (next < 0) return null;
      endRun(s);
      i = next;
    } else if (c === '\\') {
      const e = source[i + 1];
      if (e === undefined) return null;
      if (/[A-Za-z0-9]/.test(e)) {
        if (!CLASS_ESCAPES.includes(e)) return null;
        endRun(s);
      } else {
        literal(s, e);
      }
      i += 2;
    } else if (c === '*' || c === '+' || c === '?') {
      quantify(s);
      i += source[i + 1] === '?' ? 2 : 1;
    } else if (c === '{' && QUANTIFIER.test(source.slice(i))) {
      quantify(s);
      i += (QUANTIFIER.exec(source.slice(i)) as RegExpExecArray)[0].length;
      if (source[i] === '?') i++;
    } else if (c === '.' || c === '^' || c === '$') {
      endRun(s);
      i++;
    } else {
      literal(s, c);
      i++;
    }
  }
  endRun(s);
  return s.runs;
}

/** See the header: every literal a match must contain (distinct, longest first); [] when none is known. */
export function requiredRegexLiterals(source: string, flags: string): string[] {
  if (/[^ims]/.test(flags)) return [];
  const runs = scanRuns(source);
  if (runs === null) return [];
  const pieces = runs.flatMap((r) => r.split(/[^\x00-\x7f]+/)).map((r) => r.toLowerCase());
  return [...new Set(pieces.filter((p) => p !== ''))].sort((a, b) => b.length - a.length);
}
