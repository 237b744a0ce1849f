/**
 * Events for the benchmark, all held in memory before timing starts.
 * - generatedPool(template, size, seed, portmapShare): `size` distinct events of one template from one seeded
 *   Faker (same seed, same pool); for sysmon-3, every 1/portmapShare-th event is turned into an initiated
 *   connection to x.portmap.io so W1 has matches.
 * - loadEventFiles(paths): every event of the files (readEvents: gunzip, parse, adapt); malformed records are
 *   counted, not kept.
 * - writeJsonlGz(events, path): the events as a gzipped JSON Lines file (W3 input for --generate runs).
 */
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { seededFaker, templateByName, TEMPLATES } from '../../generators/templates/index.js';
import type { Event } from '../engine/event.js';
import { readEvents } from '../events/index.js';

export function templateNames(): string[] {
  return TEMPLATES.map((t) => t.name);
}

export function generatedPool(templateName: string, size: number, seed = 1, portmapShare = 0.01): Event[] | undefined {
  const template = templateByName(templateName);
  if (!template) return undefined;
  const faker = seededFaker(seed);
  const every = portmapShare > 0 ? Math.max(1, Math.round(1 / portmapShare)) : 0;
  const pool: Event[] = [];
  for (let i = 0; i < size; i++) {
    const event: Record<string, unknown> = { ...template.build(faker) };
    if (templateName === 'sysmon-3' && every > 0 && i % every === every - 1) {
      event['DestinationHostname'] = 'x.portmap.io';
      event['Initiated'] = 'true';
    }
    pool.push(event);
  }
  return pool;
}

/** `count` events cycling through `pool` (the same objects: no extra memory per event). */
export function cycle(pool: readonly Event[], count: number): Event[] {
  const out = new Array<Event>(count);
  for (let i = 0; i < count; i++) out[i] = pool[i % pool.length] as Event;
  return out;
}

export interface LoadedEvents {
  readonly events: Event[];
  readonly malformed: number;
  readonly unreadable: string[];
}

export async function loadEventFiles(paths: readonly string[]): Promise<LoadedEvents> {
  const events: Event[] = [];
  let malformed = 0;
  const unreadable: string[] = [];
  for (const path of paths) {
    for await (const record of readEvents(path)) {
      if (record.kind === 'event') events.push(record.event);
      else if (record.diagnostic.code === 'IO_ERROR') unreadable.push(`${path}: ${record.diagnostic.message}`);
      else malformed++;
    }
  }
  return { events, malformed, unreadable };
}

export async function writeJsonlGz(events: readonly Event[], path: string): Promise<void> {
  const text = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  await writeFile(path, gzipSync(Buffer.from(text, 'utf8')));
}

/** An evenly spaced sample of at most `size` events (first event included). */
export function evenSample<T>(items: readonly T[], size: number): T[] {
  if (items.length <= size) return [...items];
  const step = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)] as T);
}
