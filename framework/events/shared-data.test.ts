/**
 * The readers on the real data in ../shared: both Windows corpora (exact event counts, no malformed record) and
 * every SigmaHQ regression_data JSON file (no error; every event has EventID and Channel after adaptation).
 * Skipped loudly when ../shared is absent. Prints the reading throughput as information (not asserted).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { readEvents } from './read-events.js';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
const corpora = path.join(shared, 'corpora');
const regression = path.join(shared, 'sigma', 'regression_data');
const have = existsSync(corpora) && existsSync(regression);
if (!have) console.warn(`SKIPPED: ../shared not found at ${shared}; the events readers are not tested on real data`);

async function jsonFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describe.skipIf(!have)('events readers on ../shared', () => {
  it.each([
    ['windows-attack-samples.jsonl.gz', 24_458],
    ['windows-benign-samples.jsonl.gz', 25_628],
  ])('reads %s fully: %i events, none malformed', async (name, expected) => {
    const started = process.hrtime.bigint();
    let events = 0;
    let withEventId = 0;
    const errors: string[] = [];
    for await (const r of readEvents(path.join(corpora, name))) {
      if (r.kind === 'error') errors.push(`${r.line}: ${r.diagnostic.code} ${r.diagnostic.message}`);
      else {
        events++;
        if (r.event['EventID'] !== undefined && r.event['Computer'] !== undefined) withEventId++;
        expect(r.index).toBe(events - 1);
        expect(r.line).toBe(events);
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.info(`${name}: ${events} events in ${seconds.toFixed(2)} s = ${Math.round(events / seconds)} events/s`);
    expect(errors).toEqual([]);
    expect(events).toBe(expected);
    expect(withEventId).toBe(expected);
  });

  it('reads every regression_data JSON file without error, each event with EventID and Channel', async () => {
    const files = await jsonFilesUnder(regression);
    expect(files.length).toBeGreaterThan(100);
    const problems: string[] = [];
    let events = 0;
    let multiEventFiles = 0;
    for (const file of files) {
      let inFile = 0;
      for await (const r of readEvents(file)) {
        if (r.kind === 'error') problems.push(`${file}:${r.line} ${r.diagnostic.code} ${r.diagnostic.message}`);
        else if (r.event['EventID'] === undefined || r.event['Channel'] === undefined) problems.push(`${file}:${r.line} no EventID/Channel`);
        else inFile++;
      }
      if (inFile === 0) problems.push(`${file}: no event`);
      if (inFile > 1) multiEventFiles++;
      events += inFile;
    }
    expect(problems).toEqual([]);
    expect(multiEventFiles).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(files.length);
  });
});
