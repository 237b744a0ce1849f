/**
 * Decision baselines: which events each rule matches in a corpus, as one deterministic JSON file (version 1).
 *
 * Format (every object's keys sorted, no timestamps, same input → same bytes):
 *   { version: 1, tool, rules: PATHS as given, events: PATHS as given, logsourceMap?: path, placeholders?: path,
 *     eventCounts: {source: events read}, eventDigests: {source: sha256 of the sequence of event hashes},
 *     matches: {<rule key>: {path, title, fields: [names the rule reads], events: [{hash, index, source}]}} }
 * A rule key is the rule's id (its path when it has none); a second rule with the same id gets `id#2`, … in
 * load order. Rules with no match are listed with `events: []`. `events` is sorted by (source order, index).
 * An event's hash is the first 12 hex digits of sha256 over its canonical JSON (the adapted event, object keys
 * sorted recursively).
 */
import { createHash } from 'node:crypto';

export const BASELINE_VERSION = 1;
export const BASELINE_TOOL = 'sigmatest 0.1.0';

export interface BaselineEventRef {
  readonly source: string;
  /** 0-based record index in the source (malformed records counted), as `scan` reports it. */
  readonly index: number;
  readonly hash: string;
}

export interface BaselineRule {
  readonly path: string;
  readonly title: string;
  /** Event field names the rule reads (detection items after log-source renames, then gate fields). */
  readonly fields: readonly string[];
  readonly events: readonly BaselineEventRef[];
}

export interface Baseline {
  readonly version: 1;
  readonly tool: string;
  readonly rules: readonly string[];
  readonly events: readonly string[];
  readonly logsourceMap?: string;
  readonly placeholders?: string;
  readonly eventCounts: Readonly<Record<string, number>>;
  readonly eventDigests: Readonly<Record<string, string>>;
  readonly matches: Readonly<Record<string, BaselineRule>>;
}

/** JSON with object keys sorted at every depth (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) if (record[key] !== undefined) out[key] = sortKeys(record[key]);
  return out;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The short hash of an (adapted) event. */
export function eventHash(event: unknown): string {
  return sha256Hex(canonicalJson(event)).slice(0, 12);
}

/** `source\u0000index`: the identity of an event within a corpus. */
export function eventKey(source: string, index: number): string {
  return `${source}\u0000${index}`;
}

function isFlat(value: unknown): boolean {
  const children = Array.isArray(value) ? value : Object.values(value as object);
  return children.every((c) => c === null || typeof c !== 'object');
}

/** Pretty JSON, keys sorted: containers of primitives on one line, everything else one child per line. */
function render(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object' || isFlat(value)) return JSON.stringify(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + render(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** The file's bytes: deterministic, keys sorted, a final newline. */
export function serializeBaseline(baseline: Baseline): string {
  return render(sortKeys(baseline), '') + '\n';
}

export type ParsedBaseline = { readonly ok: true; readonly baseline: Baseline } | { readonly ok: false; readonly message: string };

/** 1-based line and column of character `position` of `text`. */
function lineCol(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `${line}:${position - before.lastIndexOf('\n')}`;
}

/** Offset of the first JSON syntax error in `text` (its length when it ends too early), -1 if none found. */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): void => {
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    if (i >= text.length) fail();
    i++;
  };
  const container = (close: string, keyed: boolean): void => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      if (keyed) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
      }
      value();
      ws();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') fail();
      i++;
    }
  };
  const value = (): void => {
    ws();
    if (text[i] === '{') return container('}', true);
    if (text[i] === '[') return container(']', false);
    if (text[i] === '"') return string();
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += literal![0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (e) {
    return typeof e === 'number' ? Math.min(e, text.length) : -1;
  }
}

function syntaxProblem(text: string, file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const stated = /at position (\d+)/.exec(message);
  const position = stated ? Number(stated[1]) : jsonErrorOffset(text);
  const where = position >= 0 ? `:${lineCol(text, position)}` : '';
  return `${file}${where}: not a valid baseline file (not valid JSON: ${message.replace(/\s*\n\s*/g, ' ')})`;
}

type Check = (value: unknown, at: string) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v, at) => (typeof v === 'string' ? null : `${at} must be a string`);
const count: Check = (v, at) => (Number.isSafeInteger(v) && (v as number) >= 0 ? null : `${at} must be a non-negative integer`);
const listOf =
  (item: Check): Check =>
  (v, at) =>
    Array.isArray(v) ? firstProblem(v.map((e, i) => () => item(e, `${at}[${i}]`))) : `${at} must be an array`;
const mapOf =
  (item: Check): Check =>
  (v, at) =>
    isObj(v) ? firstProblem(Object.entries(v).map(([k, e]) => () => item(e, `${at}.${k}`))) : `${at} must be an object`;
const shape =
  (fields: Record<string, Check>, optional: readonly string[] = []): Check =>
  (v, at) =>
    isObj(v)
      ? firstProblem(Object.entries(fields).map(([k, check]) => () => (v[k] === undefined && optional.includes(k) ? null : check(v[k], `${at}.${k}`))))
      : `${at} must be an object`;

function firstProblem(checks: readonly (() => string | null)[]): string | null {
  for (const check of checks) {
    const problem = check();
    if (problem !== null) return problem;
  }
  return null;
}

const eventRef = shape({ source: str, index: count, hash: str });
const ruleEntry = shape({ path: str, title: str, fields: listOf(str), events: listOf(eventRef) });
const baselineShape = shape(
  { tool: str, rules: listOf(str), events: listOf(str), logsourceMap: str, placeholders: str, eventCounts: mapOf(count), eventDigests: mapOf(str), matches: mapOf(ruleEntry) },
  ['logsourceMap', 'placeholders'],
);

/** Parse and validate a baseline file's text; problems name the file (and line:col for JSON syntax). */
export function parseBaseline(text: string, file: string): ParsedBaseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: syntaxProblem(text, file, e) };
  }
  if (!isObj(value)) return { ok: false, message: `${file}: not a valid baseline file (expected a JSON object)` };
  if (value['version'] !== BASELINE_VERSION) return { ok: false, message: `${file}: not a valid baseline file (version must be ${BASELINE_VERSION}, found ${JSON.stringify(value['version'])})` };
  const problem = baselineShape(value, '$');
  if (problem !== null) return { ok: false, message: `${file}: not a valid baseline file (${problem})` };
  return { ok: true, baseline: value as unknown as Baseline };
}
