/**
 * Test helpers for the events readers: temp files under os.tmpdir() and a compact view of the records read.
 * Used by tests only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readEvents, type EventRecord, type ReadEventsOptions } from './read-events.js';

export interface TempDir {
  readonly path: string;
  write(name: string, content: string | Buffer, gzip?: boolean): string;
  remove(): void;
}

export function makeTempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'sigmatest-events-'));
  return {
    path,
    write(name, content, gzip = false) {
      const file = join(path, name);
      writeFileSync(file, gzip ? gzipSync(content) : content);
      return file;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

export async function readAll(file: string, options?: ReadEventsOptions): Promise<EventRecord[]> {
  const records: EventRecord[] = [];
  for await (const record of readEvents(file, options)) records.push(record);
  return records;
}

/** `event@line#index` or `CODE@line#index`, the shape most assertions need. */
export function summary(records: readonly EventRecord[]): string[] {
  return records.map((r) => `${r.kind === 'event' ? 'event' : r.diagnostic.code}@${r.line}#${r.index}`);
}

export function eventsOf(records: readonly EventRecord[]): unknown[] {
  return records.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
}
