/**
 * Opt-in content-addressed cache of prepared rule sets (SIGMATEST_CACHE=1 uses `node_modules/.cache/sigmatest`
 * under the working folder, SIGMATEST_CACHE=<folder> that folder; unset, empty, `0` or `off`: no cache).
 * In: the rule paths, the RulesetOptions and the function that prepares a LoadResult. Out: the Ruleset, read from
 * the cache when an entry has the same key, else prepared and stored. The key hashes the format, the package and
 * V8 versions, the framework's own files (path, size, mtime), the options, the paths as given and every listed
 * file's path and content, so any change of a rule, an option or the code makes a new entry.
 * Stored: the Ruleset without its compiled closures (v8 serialization keeps shared objects shared); compiled rules
 * are rebuilt (compileRule is lazy). Must hold: a hit gives the Ruleset a miss would give; an unreadable, corrupt or
 * foreign entry is ignored and replaced; a Ruleset holding anything but plain data is not stored; the cache never
 * turns a success into an error (write failures are ignored).
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { compileRule } from '../engine/compile.js';
import { VERSION } from '../cli/version.js';
import { listRuleFiles, loadListedFiles, readRuleText, type LoadResult } from '../loader/index.js';
import type { PreparedRule, Ruleset, RulesetOptions } from './build-ruleset.js';

const FORMAT = 'sigmatest-ruleset-cache/1';
/** Entries kept in the folder (the least recently written are removed). */
const KEEP_ENTRIES = 8;
const DEFAULT_FOLDER = path.join('node_modules', '.cache', 'sigmatest');

export type CacheStatus = 'hit' | 'miss' | 'not-stored';

/** The cache folder SIGMATEST_CACHE asks for, or null when caching is off. */
export function cacheFolderFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = (env['SIGMATEST_CACHE'] ?? '').trim();
  if (value === '' || value === '0' || value.toLowerCase() === 'off') return null;
  return value === '1' || value.toLowerCase() === 'on' ? DEFAULT_FOLDER : value;
}

/** Build the rule set through the cache in `folder`; `prepare` turns a LoadResult into the Ruleset. */
export async function cachedRuleset(
  folder: string,
  paths: readonly string[],
  options: RulesetOptions,
  prepare: (load: LoadResult) => Ruleset,
): Promise<{ ruleset: Ruleset; status: CacheStatus }> {
  const listed = await listRuleFiles(paths);
  const texts = listed.files.map(readRuleText);
  const optionsText = plainJson(options);
  const prepareFresh = (): Ruleset => prepare(loadListedFiles(listed, texts));
  if (optionsText === null) return { ruleset: prepareFresh(), status: 'not-stored' };
  const hash = createHash('sha256').update(`${FORMAT}\0${VERSION}\0${process.versions.v8}\0`);
  hashFramework(hash);
  hash.update(`${optionsText}\0${JSON.stringify(paths)}\0${JSON.stringify(listed.diagnostics)}\0`);
  listed.files.forEach((file, i) => {
    const text = texts[i];
    hash.update(`${file}\0${typeof text === 'string' ? text : `error:${String(text?.code)}`}\0`);
  });
  const key = hash.digest('hex');
  const file = path.join(folder, `ruleset-${key.slice(0, 24)}.v8`);
  const cached = readEntry(file, key);
  if (cached !== null) return { ruleset: cached, status: 'hit' };
  const ruleset = prepareFresh();
  return { ruleset, status: writeEntry(folder, file, key, ruleset) ? 'miss' : 'not-stored' };
}

interface Entry {
  readonly format: string;
  readonly key: string;
  readonly ruleset: Omit<Ruleset, 'rules'> & { readonly rules: readonly Omit<PreparedRule, 'compiled'>[] };
}

function readEntry(file: string, key: string): Ruleset | null {
  try {
    const entry = deserialize(readFileSync(file)) as Partial<Entry> | null;
    if (entry?.format !== FORMAT || entry.key !== key || !Array.isArray(entry.ruleset?.rules)) return null;
    const stored = entry.ruleset;
    const rules = stored.rules.map((r) => ({ source: r.source, ir: r.ir, compiled: compileRule(r.ir) }));
    return { ...stored, rules };
  } catch {
    return null; // missing, unreadable or corrupt: prepared afresh and rewritten
  }
}

function writeEntry(folder: string, file: string, key: string, ruleset: Ruleset): boolean {
  const stored: Entry['ruleset'] = { ...ruleset, rules: ruleset.rules.map((r) => ({ source: r.source, ir: r.ir })) };
  if (!isPlainData(stored)) return false;
  try {
    mkdirSync(folder, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize({ format: FORMAT, key, ruleset: stored } satisfies Entry));
    renameSync(temporary, file);
    prune(folder);
    return true;
  } catch {
    return false;
  }
}

/** Keep the KEEP_ENTRIES most recently written entries. */
function prune(folder: string): void {
  const entries = readdirSync(folder)
    .filter((name) => name.startsWith('ruleset-') && name.endsWith('.v8'))
    .map((name) => ({ name, time: statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of entries.slice(KEEP_ENTRIES)) unlinkSync(path.join(folder, old.name));
}

/** JSON of a value made only of plain data, or null (a function, class instance… could not be keyed). */
function plainJson(value: unknown): string | null {
  return isPlainData(value) ? JSON.stringify(value) : null;
}

/** Nesting deeper than this is not stored (a cycle, or data no rule set holds). */
const MAX_DEPTH = 200;

/** Whether `value` holds only primitives, arrays and plain objects (no function, class instance, symbol or cycle). */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  if (type !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainData(item, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) if (!isPlainData((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/** The framework's own files (compiled or source), by path, size and modification time. */
function hashFramework(hash: Hash): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(entry.name) && !/\.test\.|\.d\.ts$/.test(entry.name)) {
        const info = statSync(full);
        hash.update(`${path.relative(root, full)}:${info.size}:${info.mtimeMs}\0`);
      }
    }
  };
  walk(root);
}
