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
 * every corpus file and on mutated texts); `range[1]`, `range[2]` and comments are not reproduced.
 */
import { Document, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq, type ParsedNode, type ScalarTag } from 'yaml';
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

export interface FastYaml {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/** Characters that make the whole text a job for `yaml`: CR, C0/C1 controls but tab and LF, BOM. */
const UNSUPPORTED_CHARACTER = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]/;

const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;

/** Parse `text` if it is in the subset; `null` otherwise. Never throws for any text. */
export function parseFastYaml(text: string): FastYaml | null {
  if (UNSUPPORTED_CHARACTER.test(text)) return null;
  const doc = new Document(undefined, { schema: 'core', uniqueKeys: true, prettyErrors: false }) as Document.Parsed;
  try {
    const reader = new Reader(text, doc);
    const contents = reader.document();
    doc.contents = contents;
    doc.range = [contents.range[0], text.length, text.length];
    const lineCounter = new LineCounter();
    lineCounter.lineStarts = reader.starts;
    return { doc, lineCounter };
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

interface Parsed {
  readonly node: ParsedNode;
  /** Index of the first line after the node. */
  readonly next: number;
}

class Reader {
  /** Offset of the first character of each line (`yaml`'s LineCounter.lineStarts). */
  readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  private readonly kinds: number[] = [];
  private readonly tags: readonly ScalarTag[];
  private readonly tabs: boolean;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {
    this.tags = plainTags(doc);
    const tabs = (this.tabs = text.includes('\t'));
    for (let start = 0; ; ) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      let i = start;
      while (i < end && text.charCodeAt(i) === 0x20) i++;
      const kind = i === end ? BLANK : text.charCodeAt(i) === 0x23 ? COMMENT : CONTENT;
      if (i === start && kind === CONTENT) checkLineStart(text, start);
      if (tabs && kind !== COMMENT && text.slice(start, end).includes('\t')) outside();
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(i - start);
      this.kinds.push(kind);
      if (nl < 0) break;
      start = nl + 1;
    }
  }

  document(): ParsedNode {
    const first = this.nextContent(0);
    if (first === this.starts.length || this.indents[first] !== 0 || this.isSeqItem(this.starts[first] ?? 0, first)) {
      return outside();
    }
    const root = this.map(first, 0, this.starts[first] ?? 0);
    if (this.nextContent(root.next) !== this.starts.length) return outside();
    return root.node;
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
  private block(line: number, parent: number): Parsed {
    const col = this.indent(line);
    const offset = (this.starts[line] ?? 0) + col;
    if (this.isSeqItem(offset, line)) return this.seq(line, col);
    if (this.text.charCodeAt(offset) === 0x7c) return outside();
    return this.key(offset, line) === null ? this.scalar(offset, line, parent) : this.map(line, col, offset);
  }

  /** A map whose keys sit at column `col`; its first key is at `offset` on `line` (after `- ` when compact). */
  private map(line: number, col: number, offset: number): Parsed {
    const map = new YAMLMap<ParsedNode, ParsedNode>(this.doc.schema);
    const keys = new Set<unknown>();
    let at = offset;
    let current = line;
    for (;;) {
      const key = this.key(at, current);
      if (key === null || keys.has(key.node.value)) return outside();
      keys.add(key.node.value);
      const value = this.mapValue(key.next, current, col);
      map.items.push(new Pair(key.node, value.node));
      current = this.nextContent(value.next);
      if (current === this.starts.length || this.indent(current) < col) break;
      at = (this.starts[current] ?? 0) + col;
      if (this.indent(current) > col || this.isSeqItem(at, current)) return outside();
    }
    map.range = [offset, this.end(current - 1), this.end(current - 1)];
    return { node: map as YAMLMap.Parsed, next: current };
  }

  /** An implicit key at `offset` (`key:` / `'key':` / `"key":`), or null when the line holds a scalar instead. */
  private key(offset: number, line: number): { node: Scalar.Parsed; next: number } | null {
    const end = this.end(line);
    const c = this.text.charCodeAt(offset);
    if (c === 0x27 || c === 0x22) {
      const scanned = c === 0x27 ? singleQuoted(this.text, offset, end) : doubleQuoted(this.text, offset, end);
      if (this.text.charCodeAt(scanned.end) !== 0x3a) return null;
      if (scanned.end + 1 !== end && this.text.charCodeAt(scanned.end + 1) !== 0x20) return outside();
      const type = c === 0x27 ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
      return { node: this.ranged(stringScalar(scanned.value, type), offset), next: scanned.end + 1 };
    }
    if (!plainStartOk(this.text, offset, end)) return outside();
    const colon = plainKeyColon(this.text, offset, end);
    if (colon < 0) return null;
    let keyEnd = colon;
    while (this.text.charCodeAt(keyEnd - 1) === 0x20) keyEnd--;
    const source = this.text.slice(offset, keyEnd);
    return { node: this.ranged(plainScalar(source, this.tags, this.doc), offset), next: colon + 1 };
  }

  /** The value after `key:` (at `from` on `line`) of a map whose keys sit at column `col`. */
  private mapValue(from: number, line: number, col: number): Parsed {
    const end = this.end(line);
    let p = from;
    while (p < end && this.text.charCodeAt(p) === 0x20) p++;
    if (p === end || this.text.charCodeAt(p) === 0x23) {
      const next = this.nextContent(line + 1);
      const indent = next === this.starts.length ? -1 : this.indent(next);
      if (indent > col) return this.block(next, col);
      if (indent === col && this.isSeqItem((this.starts[next] ?? 0) + col, next)) return this.seq(next, col);
      return this.empty(p, line);
    }
    if (this.isSeqItem(p, line)) return outside();
    return this.scalar(p, line, col);
  }

  /** A block sequence whose `-` sit at column `col`, first one on `line`. */
  private seq(line: number, col: number): Parsed {
    const seq = new YAMLSeq<ParsedNode>(this.doc.schema);
    const offset = (this.starts[line] ?? 0) + col;
    let current = line;
    for (;;) {
      const item = this.seqItem((this.starts[current] ?? 0) + col + 1, current, col);
      seq.items.push(item.node);
      current = this.nextContent(item.next);
      if (current === this.starts.length || this.indent(current) < col) break;
      if (this.indent(current) > col) return outside();
      if (!this.isSeqItem((this.starts[current] ?? 0) + col, current)) break;
    }
    seq.range = [offset, this.end(current - 1), this.end(current - 1)];
    return { node: seq as YAMLSeq.Parsed, next: current };
  }

  /** What follows a `-` at column `col` (`from` is just after the dash). */
  private seqItem(from: number, line: number, col: number): Parsed {
    const end = this.end(line);
    let p = from;
    while (p < end && this.text.charCodeAt(p) === 0x20) p++;
    if (p === end || this.text.charCodeAt(p) === 0x23) {
      const next = this.nextContent(line + 1);
      if (next === this.starts.length || this.indent(next) <= col) return this.empty(p, line);
      return this.block(next, col);
    }
    if (this.isSeqItem(p, line)) return outside();
    const c = this.text.charCodeAt(p);
    if (c !== 0x7c && this.key(p, line) !== null) return this.map(line, p - (this.starts[line] ?? 0), p);
    return this.scalar(p, line, col);
  }

  /** A scalar starting at `p` on `line`, in a collection at column `col`; no more-indented line may follow it. */
  private scalar(p: number, line: number, col: number): Parsed {
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
      const plain = this.plain(p, line, col);
      node = this.ranged(plainScalar(plain.source, this.tags, this.doc), p);
      next = plain.next;
    }
    const following = this.nextContent(next);
    if (following < this.starts.length && this.indent(following) > col) return outside();
    return { node, next };
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
   * comment line between them): each line trimmed, joined with a space. Returns its text and the next line.
   */
  private plain(p: number, line: number, col: number): { source: string; next: number } {
    const end = this.end(line);
    const valueEnd = plainValueEnd(this.text, p, end);
    const commented = this.text.slice(valueEnd, end).trim() !== '';
    let source = this.text.slice(p, valueEnd);
    let next = line + 1;
    while (next < this.starts.length && this.kinds[next] === CONTENT && this.indent(next) > col) {
      if (commented) return outside();
      const start = (this.starts[next] ?? 0) + this.indent(next);
      source += ' ' + this.text.slice(start, plainContinuationEnd(this.text, start, this.end(next)));
      next++;
    }
    return { source, next };
  }

  /** The empty (null) value of `key:` or `-` with nothing after it; `yaml` places it at `p`. */
  private empty(p: number, line: number): Parsed {
    return { node: this.ranged(plainScalar('', this.tags, this.doc), p), next: line + 1 };
  }

  private ranged(scalar: Scalar, offset: number): Scalar.Parsed {
    scalar.range = [offset, offset, offset];
    return scalar as Scalar.Parsed;
  }
}
