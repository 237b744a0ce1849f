/**
 * Placeholder values for the `expand` modifier (semantics §12.2), read from a YAML map:
 * `name: value` or `name: [values]` (values are Sigma strings; wildcards allowed). Names are case-sensitive.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';

export type Placeholders = Readonly<Record<string, readonly string[]>>;

export interface PlaceholdersResult {
  readonly placeholders: Placeholders;
  readonly diagnostics: readonly Diagnostic[];
}

function scalarText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

export function parsePlaceholders(text: string, file: string): PlaceholdersResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const at = (offset: number | undefined): { file: string; line: number; col: number } => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, col: pos.col };
  };
  const diagnostics: Diagnostic[] = doc.errors.map((e) => diagnostic('PLACEHOLDER_FILE', 'error', e.message.split('\n')[0] ?? e.message, at(e.pos[0])));
  const out: Record<string, string[]> = {};
  if (diagnostics.length > 0) return { placeholders: out, diagnostics };
  if (!isMap(doc.contents)) {
    diagnostics.push(diagnostic('PLACEHOLDER_FILE', 'error', 'a placeholders file must be a map of name: value(s)', at(0)));
    return { placeholders: out, diagnostics };
  }
  for (const pair of doc.contents.items) {
    const name = scalarText(pair.key);
    const node = pair.value;
    const values = isSeq(node) ? node.items.map(scalarText) : [scalarText(node)];
    if (name === null || values.length === 0 || values.some((v) => v === null)) {
      const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      diagnostics.push(diagnostic('PLACEHOLDER_FILE', 'error', `placeholder '${name ?? '?'}' needs a string or a list of strings`, at(offset)));
      continue;
    }
    out[name] = values as string[];
  }
  return { placeholders: out, diagnostics };
}

export async function loadPlaceholders(file: string): Promise<PlaceholdersResult> {
  try {
    return parsePlaceholders(await readFile(file, 'utf8'), file);
  } catch (e) {
    const message = `cannot read placeholders file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
    return { placeholders: {}, diagnostics: [diagnostic('IO_ERROR', 'error', message, { file, line: 1, col: 1 })] };
  }
}
