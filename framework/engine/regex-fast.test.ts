/**
 * fastRegexTest: which sources it recognises (and the near misses it must refuse), exactness against RegExp as a
 * property for every flag combination (random recognised patterns and texts over a small alphabet with line
 * terminators, both letter cases and non-ASCII letters), the ASCII case-insensitivity claim over all 65,536 code
 * units, every recognised `re` value of the SigmaHQ corpus (skipped loudly when ../shared is absent), and a
 * hostile input that makes RegExp backtrack.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerRule } from '../ir/lower.js';
import type { IrDetection, IrMatcher } from '../ir/types.js';
import { loadRuleText } from '../loader/index.js';
import { fastRegexTest } from './regex-fast.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20260611);
const FLAG_SETS = ['', 'i', 'm', 's', 'im', 'is', 'ms', 'ims'] as const;

function same(source: string, flags: string, text: string): boolean {
  const f = fastRegexTest(source, flags);
  if (!f) throw new Error(`/${source}/${flags} was not recognised`);
  return f(text) === new RegExp(source, flags).test(text);
}

describe('fastRegexTest recognition', () => {
  it.each([
    ['foo', ''],
    ['', ''],
    ['.*', ''],
    ['.*.*', 's'],
    ['foo.*bar', 'i'],
    ['\\+.*\\+.*\\+', ''],
    ['`.*`.*`', 'ims'],
    ['.*a.*', 'm'],
    ['\\{\\}\\^\\.\\\\\\$\\(\\)\\[\\]\\|\\?\\*\\/\\-\\ \\_\\`\\~', ''],
    ['a b/c:d', ''],
    ['ärger', ''],
    ['.{3}', ''],
    ['.{3,}', 's'],
    ['.{3,5}', 'i'],
    ['.{0,}', ''],
    ['(.){200,}', ''],
    ['(?:.){2}', 'm'],
    ['.*.{4}.*', ''],
  ])('recognises /%s/%s', (source, flags) => {
    expect(fastRegexTest(source, flags)).not.toBeNull();
  });

  it.each([
    ['\\d', ''],
    ['\\w', ''],
    ['\\s', ''],
    ['\\b', ''],
    ['[+]', ''],
    ['a|b', ''],
    ['(a)', ''],
    ['(?:a)', ''],
    ['a+', ''],
    ['a*', ''],
    ['a?', ''],
    ['.+', ''],
    ['.', ''],
    ['a.b', ''],
    ['a{2}', ''],
    ['{2}', ''],
    ['a{', ''],
    ['a}', ''],
    [']', ''],
    ['^a.*b', ''],
    ['a.*b$', ''],
    ['^.{3,}', ''],
    ['.{3,}$', 'm'],
    ['\\u0041', ''],
    ['\\x41', ''],
    ['\\n', ''],
    ['\\1', ''],
    ['\\0', ''],
    ['\\cA', ''],
    ['\\k<a>', ''],
    ['\\é', ''],
    ['a\\', ''],
    ['a\nb', 's'],
    ['a\u2028', ''],
    ['.*?', ''],
    ['.**', ''],
    ['.*+', ''],
    ['.{3}?', ''],
    ['.{2}{3}', ''],
    ['.{,3}', ''],
    ['.{3,2}', ''],
    ['.{12345678}', ''],
    ['.{3}a', ''],
    ['a.*.{3}', ''],
    ['.{2}.{3}', ''],
    ['(.)*', ''],
    ['(.)', ''],
    ['(..){2}', ''],
    ['é', 'i'],
    ['ab.*cd\u00e9', 'is'],
    ['abc', 'g'],
    ['abc', 'u'],
    ['abc', 'ii'],
  ])('refuses /%s/%s', (source, flags) => {
    expect(fastRegexTest(source, flags)).toBeNull();
  });
});

/** Text alphabet: the literal characters of the patterns, both cases, line terminators, non-ASCII letters. */
const TEXT_CHARS = ['a', 'A', 'b', 'B', 'x', 'X', '+', '.', '\\', '`', '^', '{', ' ', '\n', '\r', '\u2028', '\u2029', 'é', 'É', '\u212a', 'ſ', 'k', 's'] as const;
/** Pattern literals as written, with the text each one matches. */
const LITERALS: readonly (readonly [string, string])[] = [
  ['a', 'a'], ['B', 'B'], ['k', 'k'], ['S', 'S'], ['x', 'x'], [' ', ' '], ['`', '`'],
  ['\\+', '+'], ['\\.', '.'], ['\\\\', '\\'], ['\\^', '^'], ['\\{', '{'],
];
const NON_ASCII_LITERAL = ['é', 'é'] as const;

const swapCase = (s: string): string => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

/** A gap pattern (literals and `.*`) with the literal runs a text should contain to match it. */
function gapPattern(ascii: boolean): fc.Arbitrary<{ source: string; runs: string[] }> {
  const literal = fc.constantFrom(...LITERALS, ...(ascii ? [] : [NON_ASCII_LITERAL]));
  const piece = fc.oneof({ weight: 3, arbitrary: literal }, { weight: 2, arbitrary: fc.constant(['.*', ''] as const) });
  return fc.array(piece, { maxLength: 8 }).map((pieces) => ({
    source: pieces.map(([s]) => s).join(''),
    runs: pieces
      .map(([s, t]) => (s === '.*' ? '\u0000' : t))
      .join('')
      .split('\u0000')
      .filter((r) => r !== ''),
  }));
}

/** A dot repetition (`.{N}`, `(.){N,}`, `.*(?:.){N,M}.*`…). */
const dotPattern: fc.Arbitrary<{ source: string; runs: string[] }> = fc
  .tuple(fc.constantFrom('', '.*'), fc.constantFrom('.', '(.)', '(?:.)'), fc.nat(6), fc.constantFrom('{N}', '{N,}', '{N,M}'), fc.nat(3), fc.constantFrom('', '.*'))
  .map(([pre, atom, n, form, extra, post]) => ({
    source: pre + atom + form.replace('N', String(n)).replace('M', String(n + extra)) + post,
    runs: [],
  }));

/** Texts built from alphabet characters, the pattern's runs (sometimes case-swapped) and runs of `x`. */
function textsFor(runs: readonly string[], count: number): fc.Arbitrary<string[]> {
  const pieces: fc.Arbitrary<string>[] = [fc.constantFrom(...TEXT_CHARS), fc.integer({ min: 1, max: 7 }).map((n) => 'x'.repeat(n))];
  if (runs.length > 0) pieces.push(fc.tuple(fc.constantFrom(...runs), fc.boolean()).map(([r, swap]) => (swap ? swapCase(r) : r)));
  const text = fc.array(fc.oneof(...pieces), { maxLength: 10 }).map((p) => p.join(''));
  return fc.array(text, { minLength: count, maxLength: count });
}

describe('fastRegexTest is exact (property, seed ' + seed + ')', () => {
  for (const flags of FLAG_SETS) {
    it(`equals RegExp.test on random patterns and texts with flags '${flags}'`, () => {
      let comparisons = 0;
      let matches = 0;
      const pattern = fc.oneof(gapPattern(flags.includes('i')), dotPattern);
      fc.assert(
        fc.property(
          pattern.chain((p) => fc.tuple(fc.constant(p), textsFor(p.runs, 25))),
          ([p, texts]) => {
            const f = fastRegexTest(p.source, flags);
            if (!f) throw new Error(`/${p.source}/${flags} was not recognised`);
            const re = new RegExp(p.source, flags);
            for (const t of texts) {
              const expected = re.test(t);
              if (f(t) !== expected) throw new Error(`/${p.source}/${flags} on ${JSON.stringify(t)}: RegExp says ${expected}`);
              comparisons++;
              if (expected) matches++;
            }
          },
        ),
        { seed, numRuns: 1000 },
      );
      expect(comparisons).toBeGreaterThanOrEqual(20_000);
      // Both outcomes are common, so the comparisons are not trivially all true or all false.
      expect(matches / comparisons).toBeGreaterThan(0.2);
      expect(matches / comparisons).toBeLessThan(0.9);
    });
  }

  it('equals RegExp on hand-picked line-break cases (late occurrences, every terminator)', () => {
    for (const flags of FLAG_SETS) {
      for (const text of ['a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', 'ab', 'ba\nab', 'a\na\nxb', 'a\nb\na\u2029ab', 'xxa\nxxxxxb\nb']) {
        expect(same('a.*b', flags, text)).toBe(true);
        expect(same('a.*b.*a', flags, text)).toBe(true);
      }
      for (const text of ['x'.repeat(9), 'xxxx\nxxxxx', 'xxxxx\nxxxx', 'xx\rxx\u2028xxxxx\u2029', '']) expect(same('.{5}', flags, text)).toBe(true);
    }
  });
});

describe('case-insensitive matching without u', () => {
  it('never matches a non-ASCII code unit with an ASCII letter (all 65,536 code units, every ASCII letter)', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    const matched: string[] = [];
    for (const letter of letters) {
      const re = new RegExp(letter, 'i');
      for (let code = 0; code < 0x10000; code++) {
        const c = String.fromCharCode(code);
        if (re.test(c) && c.toLowerCase() !== letter.toLowerCase()) matched.push(`${letter}~U+${code.toString(16)}`);
      }
    }
    expect(matched).toEqual([]);
  });

  it('equals RegExp for every printable ASCII literal on every code unit', () => {
    let mismatches = 0;
    for (let p = 0x20; p < 0x7f; p++) {
      const ch = String.fromCharCode(p);
      const source = /[a-zA-Z0-9]/.test(ch) ? ch : `\\${ch}`;
      const f = fastRegexTest(source, 'i');
      if (!f) throw new Error(`/${source}/i was not recognised`);
      const re = new RegExp(source, 'i');
      for (let code = 0; code < 0x10000; code++) {
        const c = String.fromCharCode(code);
        if (f(c) !== re.test(c)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});

/** The 14-`\\+` pattern of "Potential PowerShell Command Line Obfuscation". */
const PLUS14 = Array.from({ length: 14 }, () => '\\+').join('.*');

describe('hostile inputs', () => {
  /** 20,000 units of `a` with `plus` pluses spread through it (and a line break at `breakAt` when given). */
  function text(plus: number, breakAt?: number): string {
    const units: string[] = Array.from({ length: 20_000 }, (_, i) => (i % 1400 === 700 && i / 1400 < plus ? '+' : 'a'));
    if (breakAt !== undefined) units[breakAt] = '\n';
    return units.join('');
  }

  it('decides the 14-`\\+` pattern on 20,000 units of + and a', () => {
    const f = fastRegexTest(PLUS14, '');
    expect(f).not.toBeNull();
    expect(text(14).split('+').length - 1).toBe(14);
    expect(f?.(text(14))).toBe(true);
    expect(f?.(text(13))).toBe(false);
    expect(f?.(text(14, 10_000))).toBe(false);
    expect(fastRegexTest(PLUS14, 's')?.(text(14, 10_000))).toBe(true);
    const alternating = Array.from({ length: 10_000 }, () => '+a').join('');
    expect(f?.(alternating)).toBe(true);
    expect(f?.(alternating.replace(/\+/g, (_, i: number) => (i % 20 === 0 ? '\n+' : '+')))).toBe(false);
  });

  it('decides a two-literal gap pattern when the second literal is many lines later', () => {
    const lines = `${'xa\n'.repeat(10_000)}b`;
    expect(fastRegexTest('a.*b', '')?.(lines)).toBe(false);
    expect(fastRegexTest('a.*b', '')?.(`${lines}a b`)).toBe(true);
    expect(fastRegexTest('a.*b', 's')?.(lines)).toBe(true);
  });

  it('decides .{1000,} on long texts with and without line breaks', () => {
    const f = fastRegexTest('.{1000,}', '');
    expect(f?.('a'.repeat(20_000))).toBe(true);
    expect(f?.(Array.from({ length: 40 }, () => 'a'.repeat(999)).join('\r\n'))).toBe(false);
    expect(fastRegexTest('.{1000,}', 's')?.(Array.from({ length: 40 }, () => 'a'.repeat(999)).join('\r\n'))).toBe(true);
  });
});

/** Every `re` matcher of the rule files under `dirs` that contain `|re` (loaded and lowered by the engine). */
function corpusRegexes(dirs: readonly string[]): { file: string; title: string; m: IrMatcher & { kind: 'regex' } }[] {
  const out: { file: string; title: string; m: IrMatcher & { kind: 'regex' } }[] = [];
  const visit = (d: IrDetection, file: string, title: string): void => {
    if (d.kind !== 'item') return d.children.forEach((c) => visit(c, file, title));
    for (const v of d.item.values) for (const m of v.alternatives) if (m.kind === 'regex') out.push({ file, title, m });
  };
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(name) ? [p] : [];
    });
  for (const file of dirs.flatMap(walk)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('|re')) continue;
    for (const doc of loadRuleText(text, file).documents) {
      if (doc.kind !== 'rule') continue;
      const ir = lowerRule(doc).rule;
      if (ir) for (const d of Object.values(ir.detections)) visit(d, file, doc.title);
    }
  }
  return out;
}

/** A small deterministic generator (mulberry32). */
function random(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Texts near a pattern: its literal characters (both cases), line terminators, and runs of `x` around `.{N}`. */
function nearTexts(source: string, count: number, next: () => number): string[] {
  const literals = source.replace(/\(\?:\.\)|\(\.\)|\.\{[\d,]+\}|\.\*/g, '').replace(/\\(.)/g, '$1');
  const n = Number(/\{(\d+)/.exec(source)?.[1] ?? 3);
  const chars = [...new Set([...literals, ...swapCase(literals), 'x', 'é', '\n', '\r', '\u2028', ' '])];
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return Array.from({ length: count }, () => {
    const parts = Array.from({ length: Math.floor(next() * 40) }, () => (next() < 0.15 ? 'x'.repeat(Math.max(0, n - 3 + Math.floor(next() * 6))) : pick(chars)));
    return parts.join('');
  });
}

const SIGMA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/sigma');
const haveSigma = existsSync(path.join(SIGMA, 'rules'));
if (!haveSigma) console.warn(`SKIPPED: SigmaHQ corpus |re values not found at ${SIGMA} (../shared is absent)`);

describe.skipIf(!haveSigma)('SigmaHQ corpus re values (../shared/sigma)', () => {
  it('every recognised value equals RegExp on a few hundred generated texts each', () => {
    const dirs = readdirSync(SIGMA)
      .filter((d) => d.startsWith('rules'))
      .map((d) => path.join(SIGMA, d));
    const all = corpusRegexes(dirs);
    const recognised = all.filter(({ m }) => fastRegexTest(m.source, m.flags) !== null);
    const next = random(seed);
    let comparisons = 0;
    for (const { file, m } of recognised) {
      const f = fastRegexTest(m.source, m.flags);
      const re = new RegExp(m.source, m.flags);
      for (const t of nearTexts(m.source, 300, next)) {
        if (f?.(t) !== re.test(t)) throw new Error(`${file}: /${m.source}/${m.flags} on ${JSON.stringify(t)}`);
        comparisons++;
      }
    }
    const rules = new Set(recognised.map((r) => r.file)).size;
    console.log(`regex-fast: ${recognised.length} of ${all.length} corpus re values recognised (${rules} rules), ${comparisons} comparisons`);
    expect(all.length).toBeGreaterThan(100);
    const sources = new Set(recognised.map((r) => r.m.source));
    // The two shapes this module exists for, when the corpus still has them.
    for (const s of [PLUS14, '.{1000,}']) if (all.some((r) => r.m.source === s)) expect(sources.has(s)).toBe(true);
  });
});
