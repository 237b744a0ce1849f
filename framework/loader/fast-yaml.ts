/**
 * A fast reader for the plain block YAML that Sigma rules are written in; everything else is left to the `yaml`
 * package. In: a file's text. Out: what `parseAllDocuments(text, {schema: 'core', uniqueKeys: true})` builds for
 * it — one Document, the same node classes, values, `source`, `type` and `range[0]`, and a LineCounter with the
 * same line starts — or `null` when the text is outside the subset (the caller then parses it with `yaml`, which
 * also reports any error: this reader never reports one).
 * Subset: one document holding a map at column 0, no `---`/`...`/directive line; block maps and block sequences
 * (compact `- key: value` maps included); plain scalars (multi-line ones without blank or comment lines inside),
 * single-line single- and double-quoted scalars; `|` and `|-` literal block scalars; empty values; comments.
 * Outside: flow collections, anchors, aliases, tags, multi-line quoted scalars, folded and `|+` block scalars,
 * tabs outside comment lines, CR, other control characters, duplicate keys.
 * Must hold: a non-null result equals `yaml`'s on every field the loader reads (fast-yaml.test.ts compares them on
 * every corpus file and on mutated texts); `range[1]`, `range[2]` and comments are not reproduced. It also gives
 * the document's plain value, built while reading: exactly what to-plain.ts's documentToPlain makes of `yaml`'s
 * document, with the scalars YAML 1.1 types as timestamps (for its warnings).
 */
import { LineCounter, Scalar, type Document, type ParsedNode, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { asScalarValue, keyText, yaml11Value, YAML11_SECTIONS } from './plain-scalars.js';
import {
  doubleQuoted,
  expectLineEnd,
  outside,
  OUTSIDE_SUBSET,
  plainKeyColon,
  plainScalar,
  plainStartOk,
  plainTags,
  plainContinuationEnd,
  plainValueEnd,
  singleQuoted,
  stringScalar,
  type Scanned,
} from './fast-yaml-scalars.js';
import { newDocument, newMap, newPair, newSeq } from './fast-yaml-nodes.js';

/** The core-schema tags that type plain scalars (every document of this reader shares one schema). */
const TAGS = plainTags(newDocument());

/** The plain value of a document (to-plain.ts), and the scalars YAML 1.1 would read as timestamps, in order. */
export interface ParsedPlain {
  readonly value: unknown;
  readonly dates: readonly Scalar[];
}

export interface FastYaml {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly plain: ParsedPlain;
}

/** How the plain scalars of a subtree are typed: YAML 1.2 core, YAML 1.1, or by top-level key (the root map). */
const CORE = 0;
const YAML11 = 1;
const ROOT = 2;
type Typing = typeof CORE | typeof YAML11 | typeof ROOT;

/** Characters that make the whole text a job for `yaml`: CR, C0/C1 controls but tab and LF, BOM. */
const UNSUPPORTED_CHARACTER = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]/;

const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;

/** Parse `text` if it is in the subset; `null` otherwise. Never throws for any text. */
export function parseFastYaml(text: string): FastYaml | null {
  if (UNSUPPORTED_CHARACTER.test(text)) return null;
  const doc = newDocument();
  try {
    const reader = new Reader(text, doc);
    const root = reader.document();
    doc.contents = root;
    doc.range = [root.range[0], text.length, text.length];
    const lineCounter = new LineCounter();
    lineCounter.lineStarts = reader.starts;
    return { doc, lineCounter, plain: { value: reader.value, dates: reader.dates } };
  } catch (error) {
    if (error === OUTSIDE_SUBSET) return null;
    throw error;
  }
}

/** Document markers (`---`, `...`) and directives (`%`) at a line start are left to `yaml`. */
function checkLineStart(text: string, start: number): void {
  const c = text.charCodeAt(start);
  if (c === 0x25 || (c === 0x2d && text.startsWith('---', start)) || (c === 0x2e && text.startsWith('...', start))) outside();
}

/** Distinct key values (SameValueZero): a list while small (most maps are; cheaper to build), then a Set. */
class KeySet {
  private list: unknown[] | null = [];
  private set: Set<unknown> | null = null;

  /** Adds `value`; false when it is already there. */
  add(value: unknown): boolean {
    if (this.list !== null) {
      if (this.list.includes(value)) return false;
      this.list.push(value);
      if (this.list.length > 32) {
        this.set = new Set(this.list);
        this.list = null;
      }
      return true;
    }
    const set = this.set as Set<unknown>;
    if (set.has(value)) return false;
    set.add(value);
    return true;
  }
}

class Reader {
  /** Offset of the first character of each line (`yaml`'s LineCounter.lineStarts). */
  readonly starts: number[];
  /** By line: where it ends (its `\n` or the text's end), its indentation, BLANK / COMMENT / CONTENT. */
  private readonly ends: Int32Array;
  private readonly indents: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly tags: readonly ScalarTag[];
  private readonly tabs: boolean;
  /** Scalars typed as YAML 1.1 timestamps, in document order. */
  readonly dates: Scalar[] = [];
  /**
   * What the node-reading methods leave besides the node they return (read right after the call): the index of
   * the first line after the node, and the node's plain value (key(): the offset after the key's colon).
   */
  private after = 0;
  value: unknown = null;
  private keyNext = 0;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {
    this.tags = TAGS;
    const tabs = (this.tabs = text.includes('\t'));
    let lines = 1;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lines++;
    this.starts = new Array<number>(lines);
    this.ends = new Int32Array(lines);
    this.indents = new Int32Array(lines);
    this.kinds = new Uint8Array(lines);
    for (let start = 0, line = 0; ; line++) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      let i = start;
      while (i < end && text.charCodeAt(i) === 0x20) i++;
      const kind = i === end ? BLANK : text.charCodeAt(i) === 0x23 ? COMMENT : CONTENT;
      if (i === start && kind === CONTENT) checkLineStart(text, start);
      if (tabs && kind !== COMMENT && text.slice(start, end).includes('\t')) outside();
      this.starts[line] = start;
      this.ends[line] = end;
      this.indents[line] = i - start;
      this.kinds[line] = kind;
      if (nl < 0) break;
      start = nl + 1;
    }
  }

  /** The root map (its plain value in `value`). */
  document(): ParsedNode {
    const first = this.nextContent(0);
    if (first === this.starts.length || this.indents[first] !== 0 || this.isSeqItem(this.starts[first] ?? 0, first)) {
      return outside();
    }
    const root = this.map(first, 0, this.starts[first] ?? 0, ROOT);
    if (this.nextContent(this.after) !== this.starts.length) return outside();
    return root;
  }

  private nextContent(from: number): number {
    let line = from;
    while (line < this.kinds.length && this.kinds[line] !== CONTENT) line++;
    return line;
  }

  private end(line: number): number {
    return this.ends[line] ?? this.text.length;
  }

  private indent(line: number): number {
    return this.indents[line] ?? 0;
  }

  private isSeqItem(offset: number, line: number): boolean {
    return this.text.charCodeAt(offset) === 0x2d && (offset + 1 === this.end(line) || this.text.charCodeAt(offset + 1) === 0x20);
  }

  /**
   * The node starting on `line` at its indentation, below a `key:` or `-` of a collection at column `parent`:
   * a sequence, a map, or a flow scalar (a block scalar header there is left to `yaml`).
   */
  private block(line: number, parent: number, typing: Typing): ParsedNode {
    const col = this.indent(line);
    const offset = (this.starts[line] ?? 0) + col;
    if (this.isSeqItem(offset, line)) return this.seq(line, col, typing);
    if (this.text.charCodeAt(offset) === 0x7c) return outside();
    return this.key(offset, line) === null ? this.scalar(offset, line, parent, typing) : this.map(line, col, offset, typing);
  }

  /** A map whose keys sit at column `col`; its first key is at `offset` on `line` (after `- ` when compact). */
  private map(line: number, col: number, offset: number, typing: Typing): ParsedNode {
    const map = newMap();
    // Built by assignment, as documentToPlain builds it (a later key with the same text overwrites, `__proto__`…).
    const plain: Record<string, unknown> = {};
    const keys = new KeySet();
    let at = offset;
    let current = line;
    for (;;) {
      const key = this.key(at, current);
      if (key === null || !keys.add(key.value)) return outside();
      const text = keyText(key);
      const value = this.mapValue(this.keyNext, current, col, typing === ROOT ? (YAML11_SECTIONS.has(text) ? YAML11 : CORE) : typing);
      map.items.push(newPair(key, value));
      plain[text] = this.value;
      current = this.nextContent(this.after);
      if (current === this.starts.length || this.indent(current) < col) break;
      at = (this.starts[current] ?? 0) + col;
      if (this.indent(current) > col || this.isSeqItem(at, current)) return outside();
    }
    map.range = [offset, this.end(current - 1), this.end(current - 1)];
    this.after = current;
    this.value = plain;
    return map as YAMLMap.Parsed;
  }

  /**
   * An implicit key at `offset` (`key:` / `'key':` / `"key":`), or null when the line holds a scalar instead;
   * `keyNext` is left just after its colon.
   */
  private key(offset: number, line: number): Scalar.Parsed | null {
    const end = this.end(line);
    const c = this.text.charCodeAt(offset);
    if (c === 0x27 || c === 0x22) {
      const scanned = c === 0x27 ? singleQuoted(this.text, offset, end) : doubleQuoted(this.text, offset, end);
      if (this.text.charCodeAt(scanned.end) !== 0x3a) return null;
      if (scanned.end + 1 !== end && this.text.charCodeAt(scanned.end + 1) !== 0x20) return outside();
      const type = c === 0x27 ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
      this.keyNext = scanned.end + 1;
      return this.ranged(stringScalar(scanned.value, type), offset);
    }
    if (!plainStartOk(this.text, offset, end)) return outside();
    const colon = plainKeyColon(this.text, offset, end);
    if (colon < 0) return null;
    let keyEnd = colon;
    while (this.text.charCodeAt(keyEnd - 1) === 0x20) keyEnd--;
    const source = this.text.slice(offset, keyEnd);
    this.keyNext = colon + 1;
    return this.ranged(plainScalar(source, this.tags, this.doc), offset);
  }

  /** The value after `key:` (at `from` on `line`) of a map whose keys sit at column `col`. */
  private mapValue(from: number, line: number, col: number, typing: Typing): ParsedNode {
    const end = this.end(line);
    let p = from;
    while (p < end && this.text.charCodeAt(p) === 0x20) p++;
    if (p === end || this.text.charCodeAt(p) === 0x23) {
      const next = this.nextContent(line + 1);
      const indent = next === this.starts.length ? -1 : this.indent(next);
      if (indent > col) return this.block(next, col, typing);
      if (indent === col && this.isSeqItem((this.starts[next] ?? 0) + col, next)) return this.seq(next, col, typing);
      return this.empty(p, line, typing);
    }
    if (this.isSeqItem(p, line)) return outside();
    return this.scalar(p, line, col, typing);
  }

  /** A block sequence whose `-` sit at column `col`, first one on `line`. */
  private seq(line: number, col: number, typing: Typing): ParsedNode {
    const seq = newSeq();
    const plain: unknown[] = [];
    const offset = (this.starts[line] ?? 0) + col;
    let current = line;
    for (;;) {
      seq.items.push(this.seqItem((this.starts[current] ?? 0) + col + 1, current, col, typing));
      plain.push(this.value);
      current = this.nextContent(this.after);
      if (current === this.starts.length || this.indent(current) < col) break;
      if (this.indent(current) > col) return outside();
      if (!this.isSeqItem((this.starts[current] ?? 0) + col, current)) break;
    }
    seq.range = [offset, this.end(current - 1), this.end(current - 1)];
    this.after = current;
    this.value = plain;
    return seq as YAMLSeq.Parsed;
  }

  /** What follows a `-` at column `col` (`from` is just after the dash). */
  private seqItem(from: number, line: number, col: number, typing: Typing): ParsedNode {
    const end = this.end(line);
    let p = from;
    while (p < end && this.text.charCodeAt(p) === 0x20) p++;
    if (p === end || this.text.charCodeAt(p) === 0x23) {
      const next = this.nextContent(line + 1);
      if (next === this.starts.length || this.indent(next) <= col) return this.empty(p, line, typing);
      return this.block(next, col, typing);
    }
    if (this.isSeqItem(p, line)) return outside();
    const c = this.text.charCodeAt(p);
    if (c !== 0x7c && this.key(p, line) !== null) return this.map(line, p - (this.starts[line] ?? 0), p, typing);
    return this.scalar(p, line, col, typing);
  }

  /** A scalar starting at `p` on `line`, in a collection at column `col`; no more-indented line may follow it. */
  private scalar(p: number, line: number, col: number, typing: Typing): ParsedNode {
    const end = this.end(line);
    const c = this.text.charCodeAt(p);
    let node: Scalar.Parsed;
    let next = line + 1;
    if (c === 0x7c) {
      const block = this.literal(p, line, col);
      node = this.ranged(stringScalar(block.value, Scalar.BLOCK_LITERAL), p);
      next = block.end;
    } else if (c === 0x27 || c === 0x22) {
      const scanned: Scanned = c === 0x27 ? singleQuoted(this.text, p, end) : doubleQuoted(this.text, p, end);
      expectLineEnd(this.text, scanned.end, end);
      node = this.ranged(stringScalar(scanned.value, c === 0x27 ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE), p);
    } else {
      if (!plainStartOk(this.text, p, end)) return outside();
      node = this.ranged(plainScalar(this.plain(p, line, col), this.tags, this.doc), p);
      next = this.after;
    }
    const following = this.nextContent(next);
    if (following < this.starts.length && this.indent(following) > col) return outside();
    this.after = next;
    this.value = this.plainValue(node, typing);
    return node;
  }

  /** A scalar's plain value (to-plain.ts scalarValue), noting the YAML 1.1 timestamps. */
  private plainValue(node: Scalar, typing: Typing): unknown {
    const typed = yaml11Value(node, typing === YAML11);
    if (typed === null) return asScalarValue(node.value);
    if (typed.timestamp) this.dates.push(node);
    return typed.value;
  }

  /**
   * A `|` / `|-` literal block scalar whose header is at `p` on `line`, inside a collection at column `col`.
   * Returns the value and the first line after the block.
   */
  private literal(p: number, line: number, col: number): { value: string; end: number } {
    const chomp = this.text.charCodeAt(p + 1) === 0x2d ? '-' : '';
    expectLineEnd(this.text, p + 1 + chomp.length, this.end(line));
    let first = line + 1;
    while (first < this.starts.length && this.kinds[first] === BLANK) first++;
    if (first === this.starts.length) return outside();
    const indent = this.indent(first);
    if (indent <= col) return outside();
    let last = first;
    let current = first;
    for (; current < this.starts.length; current++) {
      const blank = this.kinds[current] === BLANK;
      if (blank && this.end(current) - (this.starts[current] ?? 0) > indent) return outside();
      if (!blank && this.indent(current) < indent) break;
      if (!blank) last = current;
    }
    for (let l = line + 1; l < first; l++) if (this.end(l) - (this.starts[l] ?? 0) > indent) return outside();
    if (current < this.starts.length && this.indent(current) > col) return outside();
    const parts: string[] = [];
    for (let l = line + 1; l <= last; l++) {
      const start = this.starts[l] ?? 0;
      if (this.tabs && this.text.slice(start, this.end(l)).includes('\t')) return outside();
      parts.push(this.kinds[l] === BLANK ? '' : this.text.slice(start + indent, this.end(l)));
    }
    const body = parts.join('\n');
    return { value: chomp === '-' ? body : body + '\n', end: last + 1 };
  }

  /**
   * A plain scalar from `p` on `line`, folded over the following lines more indented than `col` (no blank or
   * comment line between them): each line trimmed, joined with a space. Returns its text (`after`: the next line).
   */
  private plain(p: number, line: number, col: number): string {
    const end = this.end(line);
    const valueEnd = plainValueEnd(this.text, p, end);
    let source = this.text.slice(p, valueEnd);
    let next = line + 1;
    if (next < this.starts.length && this.kinds[next] === CONTENT && this.indent(next) > col) {
      // A comment after the first line ends the scalar for `yaml` (it then reports the next lines): left to it.
      // Only spaces and a `# comment` can follow the value on its line (plainValueEnd).
      let i = valueEnd;
      while (i < end && this.text.charCodeAt(i) === 0x20) i++;
      if (i < end) return outside();
      do {
        const start = (this.starts[next] ?? 0) + this.indent(next);
        source += ' ' + this.text.slice(start, plainContinuationEnd(this.text, start, this.end(next)));
        next++;
      } while (next < this.starts.length && this.kinds[next] === CONTENT && this.indent(next) > col);
    }
    this.after = next;
    return source;
  }

  /** The empty (null) value of `key:` or `-` with nothing after it; `yaml` places it at `p`. */
  private empty(p: number, line: number, typing: Typing): ParsedNode {
    const node = this.ranged(plainScalar('', this.tags, this.doc), p);
    this.after = line + 1;
    this.value = this.plainValue(node, typing);
    return node;
  }

  private ranged(scalar: Scalar, offset: number): Scalar.Parsed {
    scalar.range = [offset, offset, offset];
    return scalar as Scalar.Parsed;
  }
}
