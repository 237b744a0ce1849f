/**
 * Strings that a JavaScript regular expression finds (semantics §5.8: `RegExp` without `u`, unanchored search).
 * A small generator for the syntax the corpus uses: literals and escapes, `.`, `\d \w \s` and their negations,
 * classes (ranges, negated), groups (capturing, `(?:`, named), alternation, quantifiers `? * + {m,n}` (lazy or
 * not, repetitions capped), back references; anchors, `\b` and lookarounds generate nothing.
 * Must hold: every returned sample passes `new RegExp(source, flags).test(sample)`; otherwise `null`.
 */
import { chance, pick, type Rng } from './rng.js';

type CharSet = { readonly ranges: readonly (readonly [number, number])[]; readonly loose: boolean; readonly src: string };
type Node =
  | { readonly t: 'seq'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly options: readonly Node[] }
  | { readonly t: 'lit'; readonly v: string }
  | { readonly t: 'set'; readonly set: CharSet }
  | { readonly t: 'group'; readonly body: Node; readonly index: number | null }
  | { readonly t: 'repeat'; readonly body: Node; readonly min: number; readonly max: number }
  | { readonly t: 'backref'; readonly index: number }
  | { readonly t: 'empty' };

const DIGIT: [number, number][] = [[48, 57]];
const WORD: [number, number][] = [[97, 122], [65, 90], [48, 57], [95, 95]];
const SPACE: [number, number][] = [[32, 32], [9, 9]];
const REPEAT_CAP = 3;
const POOL = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', '\n', '\r', 'é', 'Ä', 'ß'];

class Parser {
  pos = 0;
  groups = 0;
  constructor(readonly src: string) {}

  peek(): string | undefined {
    return this.src[this.pos];
  }

  disjunction(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { t: 'alt', options };
  }

  sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { t: 'seq', items };
  }

  quantified(atom: Node): Node {
    const c = this.peek();
    let range: [number, number] | null = null;
    if (c === '*') range = [0, Infinity];
    else if (c === '+') range = [1, Infinity];
    else if (c === '?') range = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (m) {
        const min = Number(m[1]);
        range = [min, m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])];
        this.pos += m[0].length - 1;
      }
    }
    if (!range) return atom;
    this.pos++;
    if (this.peek() === '?') this.pos++;
    return { t: 'repeat', body: atom, min: range[0], max: range[1] };
  }

  atom(): Node {
    const c = this.src[this.pos++] as string;
    if (c === '^' || c === '$') return { t: 'empty' };
    if (c === '.') return { t: 'set', set: { ranges: [], loose: true, src: '.' } };
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    return { t: 'lit', v: c };
  }

  group(): Node {
    let index: number | null = null;
    let lookaround = false;
    const rest = this.src.slice(this.pos);
    if (rest.startsWith('?:')) this.pos += 2;
    else if (/^\?<?[=!]/.test(rest)) {
      lookaround = true;
      this.pos += rest[1] === '<' ? 3 : 2;
    } else if (rest.startsWith('?<')) {
      this.pos = this.src.indexOf('>', this.pos) + 1;
      index = ++this.groups;
    } else index = ++this.groups;
    const body = this.disjunction();
    if (this.src[this.pos++] !== ')') throw new Error('unbalanced group');
    return lookaround ? { t: 'empty' } : { t: 'group', body, index };
  }

  escape(): Node {
    const c = this.src[this.pos++] ?? '\\';
    if (c === 'b' || c === 'B') return { t: 'empty' };
    if (/[1-9]/.test(c) && Number(c) <= this.groups) return { t: 'backref', index: Number(c) };
    const set = classEscape(c, this.src.slice(this.pos - 2, this.pos));
    if (set) return { t: 'set', set };
    return { t: 'lit', v: this.escapedChar(c) };
  }

  escapedChar(c: string): string {
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', v: '\v', f: '\f', '0': '\0' };
    if (simple[c] !== undefined) return simple[c] as string;
    const hex = c === 'x' ? /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos)) : c === 'u' ? /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.pos)) : null;
    if (hex) {
      this.pos += hex[0].length;
      return String.fromCharCode(parseInt(hex[0], 16));
    }
    if (c === 'c' && /[A-Za-z]/.test(this.peek() ?? '')) return String.fromCharCode((this.src.charCodeAt(this.pos++) as number) % 32);
    return c;
  }

  charClass(): Node {
    const start = this.pos - 1;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const ranges: (readonly [number, number])[] = [];
    let loose = negated;
    while (this.pos < this.src.length && this.peek() !== ']') {
      const lo = this.classAtom();
      if (lo.set) {
        ranges.push(...lo.set.ranges);
        loose ||= lo.set.loose;
        continue;
      }
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom();
        if (hi.set) {
          ranges.push([lo.code, lo.code], [45, 45], ...hi.set.ranges);
          loose ||= hi.set.loose;
        } else ranges.push([lo.code, Math.max(lo.code, hi.code)]);
      } else ranges.push([lo.code, lo.code]);
    }
    if (this.src[this.pos++] !== ']') throw new Error('unterminated class');
    return { t: 'set', set: { ranges: negated ? [] : ranges, loose, src: this.src.slice(start, this.pos) } };
  }

  classAtom(): { code: number; set?: CharSet } {
    const c = this.src[this.pos++] as string;
    if (c !== '\\') return { code: c.charCodeAt(0) };
    const e = this.src[this.pos++] ?? '\\';
    if (e === 'b') return { code: 8 };
    const set = classEscape(e, '\\' + e);
    if (set) return { code: 0, set };
    return { code: this.escapedChar(e).charCodeAt(0) };
  }
}

function classEscape(c: string, src: string): CharSet | null {
  if (c === 'd') return { ranges: DIGIT, loose: false, src };
  if (c === 'w') return { ranges: WORD, loose: false, src };
  if (c === 's') return { ranges: SPACE, loose: false, src };
  if (c === 'D' || c === 'W' || c === 'S') return { ranges: [], loose: true, src };
  return null;
}

const parsed = new Map<string, Node | null>();

function parse(source: string): Node | null {
  if (!parsed.has(source)) {
    try {
      const p = new Parser(source);
      const node = p.disjunction();
      parsed.set(source, p.pos === source.length ? node : null);
    } catch {
      parsed.set(source, null);
    }
  }
  return parsed.get(source) ?? null;
}

const compiled = new Map<string, RegExp>();

function regexOf(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = compiled.get(key);
  if (!re) compiled.set(key, (re = new RegExp(source, flags)));
  return re;
}

interface GenContext {
  readonly rng: Rng;
  readonly flags: string;
  readonly captures: Map<number, string>;
}

function sampleSet(set: CharSet, g: GenContext): string {
  const test = regexOf(`^(?:${set.src})$`, g.flags.replace('m', ''));
  for (let i = 0; i < 4 && set.ranges.length > 0; i++) {
    const [lo, hi] = pick(g.rng, set.ranges);
    const c = String.fromCharCode(g.rng.nextInt(lo, Math.min(hi, lo + 0xff)));
    if (test.test(c)) return c;
  }
  const allowed = POOL.filter((c) => test.test(c));
  return allowed.length > 0 ? pick(g.rng, allowed) : '';
}

/** Alternatives that can only produce '' (assertions such as `\b`) are drawn less often. */
function isEmpty(node: Node): boolean {
  return node.t === 'empty' || (node.t === 'seq' && node.items.every(isEmpty));
}

function generate(node: Node, g: GenContext): string {
  switch (node.t) {
    case 'seq':
      return node.items.map((n) => generate(n, g)).join('');
    case 'alt': {
      const solid = node.options.filter((o) => !isEmpty(o));
      return generate(pick(g.rng, solid.length > 0 && chance(g.rng, 80) ? solid : node.options), g);
    }
    case 'lit':
      return node.v;
    case 'set':
      return sampleSet(node.set, g);
    case 'group': {
      const text = generate(node.body, g);
      if (node.index !== null) g.captures.set(node.index, text);
      return text;
    }
    case 'repeat': {
      const extra = Math.min(node.max - node.min, REPEAT_CAP);
      const n = node.min + (chance(g.rng, 30) ? 0 : g.rng.nextInt(0, extra));
      let out = '';
      for (let i = 0; i < n; i++) out += generate(node.body, g);
      return out;
    }
    case 'backref':
      return g.captures.get(node.index) ?? '';
    case 'empty':
      return '';
  }
}

/** Whether the generator understands the pattern's syntax (it may still fail to produce a sample). */
export function regexGenerable(source: string): boolean {
  return parse(source) !== null;
}

/** A string the regex finds, or null when none was produced in `tries` draws. */
export function sampleRegex(source: string, flags: string, rng: Rng, tries = 16): string | null {
  const node = parse(source);
  if (!node) return null;
  const re = regexOf(source, flags);
  for (let i = 0; i < tries; i++) {
    const sample = generate(node, { rng, flags, captures: new Map() });
    re.lastIndex = 0;
    if (re.test(sample)) return sample;
  }
  return null;
}
