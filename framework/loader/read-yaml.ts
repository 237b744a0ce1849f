/**
 * File text → YAML documents. In: the text and the file name used in spans. Out: every document of the
 * stream (`---` separated) with its position helper, and a Diagnostic for every YAML error.
 * Must hold: a document with a YAML error is reported (YAML_DUPLICATE_KEY for repeated keys, YAML_SYNTAX
 * otherwise, located 1-based) and marked unusable, while the other documents of the file stay usable;
 * the YAML 1.2 core schema is used even under a `%YAML 1.1` directive (detection typing is to-plain.ts's job).
 */
import { LineCounter, parseAllDocuments, type Document, type Node, type YAMLError } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { SourceSpan } from '../source.js';
import { parseFastYaml, type ParsedPlain } from './fast-yaml.js';

/** Where a document lives: everything needed to turn a node into a SourceSpan. */
export interface YamlContext {
  readonly file: string;
  readonly lineCounter: LineCounter;
  readonly doc: Document.Parsed;
  /** The document's plain value when the fast reader built it while reading (to-plain.ts uses it). */
  readonly plain?: ParsedPlain;
}

export interface YamlDocument extends YamlContext {
  /** 0-based index of the document in its file. */
  readonly index: number;
  /** False when the document had a YAML error (it must not be used). */
  readonly usable: boolean;
}

export interface ReadYamlResult {
  readonly documents: readonly YamlDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Parse every document of `text`; `file` is only used in spans. */
export function readYamlDocuments(text: string, file: string): ReadYamlResult {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  const docs: readonly Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const diagnostics: Diagnostic[] = [];
  const documents = docs.map((doc, index) => {
    for (const error of doc.errors) diagnostics.push(yamlDiagnostic(error, 'error', file, lineCounter));
    for (const warning of doc.warnings) diagnostics.push(yamlDiagnostic(warning, 'warning', file, lineCounter));
    return { file, lineCounter, doc, index, usable: doc.errors.length === 0 };
  });
  return { documents, diagnostics };
}

/**
 * The same result as readYamlDocuments, read by fast-yaml.ts when the text is in its subset (rule files almost
 * always are) and by the `yaml` package otherwise.
 */
export function readYamlDocumentsFast(text: string, file: string): ReadYamlResult {
  const fast = parseFastYaml(text);
  if (fast === null) return readYamlDocuments(text, file);
  return { documents: [{ file, lineCounter: fast.lineCounter, doc: fast.doc, plain: fast.plain, index: 0, usable: true }], diagnostics: [] };
}

function yamlDiagnostic(
  error: YAMLError,
  severity: 'error' | 'warning',
  file: string,
  lineCounter: LineCounter,
): Diagnostic {
  const code = error.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX';
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return diagnostic(code, severity, firstLine(error.message), { file, line, col });
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

/** 1-based line:col of the first character of `node` (the document start when the node has no range). */
export function spanOf(node: Node | null | undefined, ctx: YamlContext): SourceSpan {
  const offset = node?.range?.[0] ?? ctx.doc.range[0];
  return spanAtOffset(offset, ctx);
}

/** LineCounter.linePos without its intermediate `{ line, col }` object (a span is made for most nodes). */
export function spanAtOffset(offset: number, ctx: YamlContext): SourceSpan {
  const starts = ctx.lineCounter.lineStarts;
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((starts[mid] as number) < offset) low = mid + 1;
    else high = mid;
  }
  if (starts[low] === offset) return { file: ctx.file, line: low + 1, col: 1 };
  if (low === 0) return { file: ctx.file, line: 0, col: offset };
  return { file: ctx.file, line: low, col: offset - (starts[low - 1] as number) + 1 };
}

/** Span of the document's content (its first key for a map), or of the document start when empty. */
export function documentSpan(ctx: YamlContext): SourceSpan {
  return spanOf(ctx.doc.contents, ctx);
}
