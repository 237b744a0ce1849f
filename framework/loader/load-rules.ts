/**
 * Load Sigma documents from files, folders or text. In: paths (files or folders) or a text with its file
 * name. Out: LoadResult — every document that parsed, classified, passed its schema and has a well-formed
 * detection, plus all diagnostics sorted by file, line, column, code.
 * Must hold: a bad document never stops the others (of the same file or of other files) — except a Sigma
 * 1.x `action:` document, after which the rest of its file (fragments meant to be merged with it) is not
 * loaded; nothing throws for bad input; documents keep the file order and, within a file, document order.
 */
import { readFileSync } from 'node:fs';
import { isScalar } from 'yaml';
import { compareDiagnostics, hasErrors, type Diagnostic } from '../diagnostics.js';
import { classifyDocument } from './classify.js';
import { readYamlDocumentsFast, type YamlDocument } from './read-yaml.js';
import { ioError, listRuleFiles, type RuleFileList } from './rule-files.js';
import { documentToPlain } from './to-plain.js';
import { toDocument } from './to-rule.js';
import type { LoadResult, SigmaDocument } from './types.js';
import { validateDocument } from './validate.js';

/**
 * Load every rule file named by `paths` (folders recursively, `.yml`/`.yaml`, sorted). Files are read
 * synchronously: parsing is synchronous anyway, and promise-based reads cost more than they overlap.
 */
export async function loadRuleFiles(paths: readonly string[]): Promise<LoadResult> {
  const listed = await listRuleFiles(paths);
  return loadListedFiles(listed, listed.files.map(readRuleText));
}

/** Load the files of `listed` from their texts (or read errors), given in the same order as `listed.files`. */
export function loadListedFiles(listed: RuleFileList, texts: readonly (string | NodeJS.ErrnoException)[]): LoadResult {
  const documents: SigmaDocument[] = [];
  const diagnostics: Diagnostic[] = [...listed.diagnostics];
  let files = 0;
  listed.files.forEach((file, i) => {
    const text = texts[i];
    if (text === undefined || text instanceof Error) {
      diagnostics.push(ioError(file, text ?? new Error('not read')));
      return;
    }
    files += 1;
    const loaded = loadText(text, file);
    documents.push(...loaded.documents);
    diagnostics.push(...loaded.diagnostics);
  });
  return { documents, diagnostics: diagnostics.sort(compareDiagnostics), files };
}

/** A rule file's text, or the error that prevented reading it. */
export function readRuleText(file: string): string | NodeJS.ErrnoException {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** Load the documents of one text as if read from `file` (for tests and in-memory rules). */
export function loadRuleText(text: string, file: string): LoadResult {
  const loaded = loadText(text, file);
  return { documents: loaded.documents, diagnostics: [...loaded.diagnostics].sort(compareDiagnostics), files: 1 };
}

interface TextResult {
  readonly documents: readonly SigmaDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

function loadText(text: string, file: string): TextResult {
  const read = readYamlDocumentsFast(text, file);
  const documents: SigmaDocument[] = [];
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  for (const yamlDoc of read.documents) {
    if (!yamlDoc.usable || isEmptyDocument(yamlDoc)) continue;
    const result = loadDocument(yamlDoc);
    diagnostics.push(...result.diagnostics);
    if (result.document !== null) documents.push(result.document);
    if (result.diagnostics.some((d) => d.code === 'LEGACY_ACTION')) break;
  }
  return { documents, diagnostics };
}

/** An empty document (`---` at the end of a file, a file of comments) holds nothing to load. */
function isEmptyDocument(yamlDoc: YamlDocument): boolean {
  const contents = yamlDoc.doc.contents;
  return contents === null || (isScalar(contents) && contents.value === null && contents.source === '');
}

function loadDocument(yamlDoc: YamlDocument): { document: SigmaDocument | null; diagnostics: Diagnostic[] } {
  const plain = documentToPlain(yamlDoc);
  const diagnostics = [...plain.diagnostics];
  const classified = classifyDocument(plain.value, yamlDoc);
  if (!classified.ok) return { document: null, diagnostics: [...diagnostics, classified.diagnostic] };
  const schemaErrors = validateDocument(classified.kind, classified.value, yamlDoc);
  if (schemaErrors.length > 0) return { document: null, diagnostics: [...diagnostics, ...schemaErrors] };
  const built = toDocument(classified.kind, classified.value, yamlDoc, yamlDoc.index);
  diagnostics.push(...built.diagnostics);
  return { document: hasErrors(diagnostics) ? null : built.document, diagnostics };
}
