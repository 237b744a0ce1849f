/**
 * readEvents: stream the records of one events file, in file order, as adapted events or located problems.
 *
 * In: a path (`.jsonl` / `.ndjson` = JSON Lines; `.json` and any other name = the JSON splitter, which reads one
 * object, an array of objects, concatenated objects, or JSON Lines content), each optionally gzipped (detected by
 * the magic bytes 1f 8b; the `.gz` suffix is ignored when choosing the format).
 * Out: `event` records (adapted by adaptEvent) and `error` records. `index` counts every record, malformed ones
 * included (blank lines are not records); `line` is the 1-based line where the record starts; `source` is the
 * path as given. A record that is not valid JSON or not an object → EVENT_MALFORMED (with the line:col of the
 * syntax error when JSON.parse tells the position), a record over `maxRecordBytes` → EVENT_TOO_LARGE; reading
 * goes on with the next record. A file that cannot be opened or read, or a corrupt/truncated gzip stream → one
 * IO_ERROR record (after the records read before the failure), then the generator ends. Never throws for bad input.
 * Memory: one chunk plus the current record; nothing else is retained.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { Event } from '../engine/event.js';
import { spanAt } from '../source.js';
import { adaptEvent } from './adapt.js';
import { JsonSplitter } from './json-splitter.js';
import { LineSplitter } from './line-splitter.js';
import { recordText, type RawRecord, type RecordSplitter } from './raw-record.js';
import { rawRecordChunks } from './raw-stream.js';

export type EventRecord =
  | { readonly kind: 'event'; readonly source: string; readonly index: number; readonly line: number; readonly event: Event }
  | { readonly kind: 'error'; readonly source: string; readonly index: number; readonly line: number; readonly diagnostic: Diagnostic };

export type EventFileFormat = 'json' | 'jsonl';

export interface ReadEventsOptions {
  /** Largest record accepted, in bytes (default 64 MiB). */
  readonly maxRecordBytes?: number;
  /** Override the format chosen from the file name. */
  readonly format?: EventFileFormat;
}

export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;
const MAX_MESSAGE_CHARS = 200;

/** `jsonl` for `.jsonl` / `.ndjson` (optionally `.gz`), otherwise `json`. */
export function formatOf(path: string): EventFileFormat {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  return name.endsWith('.jsonl') || name.endsWith('.ndjson') ? 'jsonl' : 'json';
}

function errorRecord(source: string, index: number, line: number, col: number, code: DiagnosticCode, message: string): EventRecord {
  const d = diagnostic(code, 'error', message, spanAt(source, line, col));
  return { kind: 'error', source, index, line, diagnostic: d };
}

function truncate(message: string): string {
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
}

/** Line and column (1-based) of character `position` of `text`, relative to the record's first line. */
function locate(text: string, position: number, firstLine: number): { line: number; col: number } {
  let line = firstLine;
  let lineStart = 0;
  const end = Math.min(position, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: end - lineStart + 1 };
}

function syntaxErrorRecord(source: string, index: number, raw: { line: number; text: string }, error: unknown): EventRecord {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const where = position ? locate(raw.text, Number(position[1]), raw.line) : { line: raw.line, col: 1 };
  const detail = where.line !== raw.line ? ` (at line ${where.line}, column ${where.col})` : '';
  return errorRecord(source, index, raw.line, where.line === raw.line ? where.col : 1, 'EVENT_MALFORMED', truncate(`not valid JSON${detail}: ${message}`));
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** One raw record → an event or a located problem (JSON.parse + adaptEvent); exported for batched readers. */
export function toRecord(source: string, index: number, raw: RawRecord): EventRecord {
  if ('problem' in raw) return errorRecord(source, index, raw.line, 1, raw.problem, raw.message);
  const text = recordText(raw);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return syntaxErrorRecord(source, index, { line: raw.line, text }, error);
  }
  const event = adaptEvent(value);
  if (event === null) {
    return errorRecord(source, index, raw.line, 1, 'EVENT_MALFORMED', `record is ${typeName(value)}, not a JSON object`);
  }
  return { kind: 'event', source, index, line: raw.line, event };
}

/** `bytes`: JSON Lines records carry undecoded bytes (see raw-record.ts); JSON-array records always carry text. */
export function splitterFor(format: EventFileFormat, maxRecordBytes: number, bytes = false): RecordSplitter {
  return format === 'jsonl' ? new LineSplitter(maxRecordBytes, bytes) : new JsonSplitter(maxRecordBytes);
}

/** Stream the records of `path`; see the module header for the contract. */
export async function* readEvents(path: string, options: ReadEventsOptions = {}): AsyncGenerator<EventRecord> {
  const splitter = splitterFor(options.format ?? formatOf(path), options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES);
  let index = 0;
  for await (const item of rawRecordChunks(path, splitter)) {
    if (item.kind === 'io-error') {
      yield errorRecord(path, index, item.line, 1, 'IO_ERROR', item.message);
      return;
    }
    for (const raw of item.records) yield toRecord(path, index++, raw);
  }
}
