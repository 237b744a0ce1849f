/**
 * Rule paths → the list of rule files to read. In: paths as the user gave them (files or folders).
 * Out: file paths in a stable order, plus IO_ERROR (missing/unreadable path) and NO_RULE_FILES (a folder
 * without any .yml/.yaml file) diagnostics.
 * Must hold: folders are walked recursively, entries sorted by code point, hidden entries (`.git`,
 * `.github`) skipped; a file found in a folder is named `<folder as given>/<relative path>` (not
 * absolutised); a path named explicitly is read whatever its extension; each file is listed once.
 * Folders are listed synchronously: one round trip to the thread pool per folder costs more than the listing.
 */
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { spanAt } from '../source.js';

export interface RuleFileList {
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

const RULE_FILE = /\.ya?ml$/i;

export async function listRuleFiles(paths: readonly string[]): Promise<RuleFileList> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const info = statOrError(path);
    if (info instanceof Error) {
      diagnostics.push(ioError(path, info));
    } else if (info.isDirectory()) {
      const found = walkFolder(path, '', diagnostics);
      if (found.length === 0) diagnostics.push(noRuleFiles(path));
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return { files: [...new Set(files)], diagnostics };
}

function statOrError(path: string): Stats | NodeJS.ErrnoException {
  try {
    return statSync(path);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

function readdirOrError(folder: string): Dirent[] | NodeJS.ErrnoException {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** Rule files under `root/rel`, depth first, sorted. */
function walkFolder(root: string, rel: string, diagnostics: Diagnostic[]): string[] {
  const folder = joinPath(root, rel);
  const entries = readdirOrError(folder);
  if (entries instanceof Error) {
    diagnostics.push(ioError(folder, entries));
    return [];
  }
  const visible = entries.filter((e) => !e.name.startsWith('.'));
  const found: string[] = [];
  for (const entry of visible.sort((a, b) => compareCodePoints(a.name, b.name))) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const kind = entryKind(entry, joinPath(root, childRel), diagnostics);
    if (kind === 'folder') found.push(...walkFolder(root, childRel, diagnostics));
    else if (kind === 'file' && RULE_FILE.test(entry.name)) found.push(joinPath(root, childRel));
  }
  return found;
}

/** Folder, file or neither; symbolic links are followed. */
function entryKind(entry: Dirent, path: string, diagnostics: Diagnostic[]): 'folder' | 'file' | 'other' {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
  const info = statOrError(path);
  if (info instanceof Error) {
    diagnostics.push(ioError(path, info));
    return 'other';
  }
  return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
}

export function joinPath(root: string, rel: string): string {
  if (rel === '') return root;
  return root.endsWith('/') || root.endsWith('\\') ? `${root}${rel}` : `${root}/${rel}`;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function ioError(path: string, error: NodeJS.ErrnoException): Diagnostic {
  const reason = error.code === 'ENOENT' ? 'no such file or folder' : (error.code ?? error.message);
  return diagnostic('IO_ERROR', 'error', `cannot read '${path}': ${reason}`, spanAt(path));
}

function noRuleFiles(path: string): Diagnostic {
  return diagnostic('NO_RULE_FILES', 'error', `folder '${path}' holds no .yml or .yaml rule file`, spanAt(path));
}
