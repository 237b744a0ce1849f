/**
 * Case files → TestCase values. In: case paths (files or folders, recursive; entries whose name starts with
 * `_` or `.` are skipped, so `cases/_conformance/` and `cases/_placeholders.yml` are not read as case files). Out: every case with its span,
 * plus located diagnostics (YAML_*, CASE_SCHEMA, IO_ERROR). A broken file never hides the other files.
 * Events are adapted (evtx_dump shape flattened) exactly as event files are. Sequence cases (`expect: {alerts}`,
 * for correlation rules) keep their `timestamp_field`; a `groups` list whose length is not `alerts` is a CASE_SCHEMA
 * error. Whether a case suits its rule (detection vs correlation) is decided when pairing (run.ts).
 */
import { readFile } from 'node:fs/promises';
import AjvModule, { type ValidateFunction } from 'ajv';
import { isSeq, type Node } from 'yaml';
import { compareDiagnostics, diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Event } from '../engine/event.js';
import { adaptEvent } from '../events/adapt.js';
import { listRuleFiles } from '../loader/rule-files.js';
import { findEntry, spanOfPointer } from '../loader/node-path.js';
import { readYamlDocuments, spanOf, type YamlContext } from '../loader/read-yaml.js';
import { describeErrors } from '../loader/schema-messages.js';
import type { CaseExpectation } from '../report/model.js';
import type { SourceSpan } from '../source.js';
import { caseFileSchema } from './case-file-schema.js';

export interface TestCase {
  readonly name: string;
  readonly span: SourceSpan;
  readonly expect: CaseExpectation;
  readonly events: readonly Event[];
  readonly tags: readonly string[];
  readonly note?: string;
  /** Sequence cases: the event field holding the timestamp (absent: the correlation engine's defaults). */
  readonly timestampField?: string;
}

export interface CaseFile {
  readonly file: string;
  /** The rule reference as written (id or path) and where. */
  readonly rule: string;
  readonly ruleSpan: SourceSpan;
  readonly cases: readonly TestCase[];
}

export interface CaseFileSet {
  readonly files: readonly CaseFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Case files found (read or not). */
  readonly found: number;
}

let validator: ValidateFunction | undefined;

function validate(value: unknown): ValidateFunction['errors'] {
  if (!validator) {
    const Ajv = AjvModule.default;
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
    ajv.addKeyword({ keyword: 'x-messages', schemaType: 'object' });
    validator = ajv.compile(caseFileSchema);
  }
  return validator(value) ? null : (validator.errors ?? []);
}

/** Entries (folders or files) whose name starts with `_` or `.` are not case files (e.g. `_conformance/`, `_placeholders.yml`). */
function isHidden(relative: string): boolean {
  return relative.split(/[\\/]/).some((part) => /^[_.]/.test(part) && part !== '.' && part !== '..');
}

/** Case files under each path; only the part below the path as given is checked for `_`/`.` names. */
async function listCaseFiles(paths: readonly string[]): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const root of paths) {
    const listed = await listRuleFiles([root]);
    diagnostics.push(...listed.diagnostics.filter((d) => d.code !== 'NO_RULE_FILES'));
    files.push(...listed.files.filter((f) => f === root || !isHidden(f.slice(root.length))));
  }
  return { files: [...new Set(files)], diagnostics };
}

/** Every case file under `paths`; a path that does not exist is an IO_ERROR. */
export async function loadCaseFiles(paths: readonly string[]): Promise<CaseFileSet> {
  const listed = await listCaseFiles(paths);
  const files = listed.files;
  const diagnostics: Diagnostic[] = listed.diagnostics;
  const loaded: CaseFile[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((e: unknown) => e as Error);
    if (text instanceof Error) {
      diagnostics.push(diagnostic('IO_ERROR', 'error', `cannot read case file: ${text.message}`, { file, line: 1, col: 1 }));
      continue;
    }
    const parsed = parseCaseFile(text, file);
    diagnostics.push(...parsed.diagnostics);
    loaded.push(...parsed.files);
  }
  return { files: loaded, diagnostics: diagnostics.sort(compareDiagnostics), found: files.length };
}

/** One case-file text (one YAML document) → its cases, or located diagnostics. */
export function parseCaseFile(text: string, file: string): { files: CaseFile[]; diagnostics: Diagnostic[] } {
  const read = readYamlDocuments(text, file);
  const diagnostics = [...read.diagnostics];
  const files: CaseFile[] = [];
  for (const doc of read.documents) {
    if (!doc.usable || doc.doc.contents === null) continue;
    const value: unknown = doc.doc.toJS({ maxAliasCount: 100 });
    const errors = validate(value);
    if (errors) {
      for (const p of describeErrors(errors)) diagnostics.push(diagnostic('CASE_SCHEMA', 'error', p.message, spanOfPointer(p.instancePath, doc)));
      continue;
    }
    const groupProblems = groupCountProblems(value as RawCaseFile, doc);
    if (groupProblems.length > 0) {
      diagnostics.push(...groupProblems);
      continue;
    }
    files.push(toCaseFile(value as RawCaseFile, doc));
  }
  if (read.documents.length === 0 || (files.length === 0 && diagnostics.length === 0)) {
    diagnostics.push(diagnostic('CASE_SCHEMA', 'error', 'empty case file: expected `rule:` and `cases:`', { file, line: 1, col: 1 }));
  }
  return { files, diagnostics };
}

interface RawAlerts {
  alerts: number;
  groups?: Record<string, string | number | boolean>[];
}

interface RawCase {
  name: string;
  expect?: 'match' | 'no-match' | RawAlerts;
  timestamp_field?: string;
  matches?: number;
  event?: Record<string, unknown>;
  events?: Record<string, unknown>[];
  tags?: string[];
  note?: string;
}

interface RawCaseFile {
  rule: string;
  cases: RawCase[];
}

/** `groups` must list one group per expected alert. */
function groupCountProblems(raw: RawCaseFile, ctx: YamlContext): Diagnostic[] {
  return raw.cases.flatMap((c, i) => {
    const e = c.expect;
    if (typeof e !== 'object' || e.groups === undefined || e.groups.length === e.alerts) return [];
    const message = `cases[${i}].expect.groups: lists ${e.groups.length} group(s) but alerts is ${e.alerts}; give one group per alert, in order`;
    return [diagnostic('CASE_SCHEMA', 'error', message, spanOfPointer(`/cases/${i}/expect/groups`, ctx))];
  });
}

function toExpectation(raw: RawCase): CaseExpectation {
  const e = raw.expect;
  if (typeof e === 'object') {
    const groups = e.groups?.map((g) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, String(v)])));
    return { kind: 'alerts', alerts: e.alerts, ...(groups !== undefined ? { groups } : {}) };
  }
  return raw.matches !== undefined ? { kind: 'count', count: raw.matches, atLeast: false } : { kind: e ?? 'match' };
}

function toCaseFile(raw: RawCaseFile, ctx: YamlContext): CaseFile {
  const casesNode = findEntry(ctx.doc.contents as Node, 'cases', ctx)?.value ?? null;
  const items = isSeq(casesNode) ? casesNode.items : [];
  const cases = raw.cases.map((c, i) => toTestCase(c, spanOf(items[i] as Node | undefined, ctx)));
  return { file: ctx.file, rule: raw.rule, ruleSpan: spanOfPointer('/rule', ctx), cases };
}

function toTestCase(raw: RawCase, span: SourceSpan): TestCase {
  const events = (raw.events ?? (raw.event ? [raw.event] : [])).map((e) => adaptEvent(e) ?? {});
  return {
    name: raw.name,
    span,
    expect: toExpectation(raw),
    events,
    tags: raw.tags ?? [],
    ...(raw.note !== undefined ? { note: raw.note } : {}),
    ...(raw.timestamp_field !== undefined ? { timestampField: raw.timestamp_field } : {}),
  };
}
