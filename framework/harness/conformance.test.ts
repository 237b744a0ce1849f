/**
 * The project's own conformance suite (cases/_conformance, no ../shared needed) and the shared 106 reference
 * cases (../shared/docs/conformance-cases.yml, skipped loudly when absent), each on BOTH evaluators.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConformanceCase, type ConformanceCase } from './conformance.js';
import { parseSharedConformance, readOwnConformanceDir } from './conformance-files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ownDir = path.join(root, 'cases/_conformance');
const sharedFile = path.resolve(root, '../shared/docs/conformance-cases.yml');

function check(c: ConformanceCase): void {
  const outcome = runConformanceCase(c);
  const codes = outcome.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  if (c.expectError) {
    expect(outcome.kind, `rule should be rejected; diagnostics: ${JSON.stringify(codes)}`).toBe('rejected');
    if (c.expectError.code) expect(codes.map((x) => x.split(':')[0])).toContain(c.expectError.code);
    return;
  }
  expect(outcome.kind, `rule should load; errors: ${codes.join('; ')}`).toBe('decisions');
  if (outcome.kind !== 'decisions') return;
  outcome.outcomes.forEach((o, i) => {
    const want = o.expect === 'match';
    expect({ event: i, reference: o.reference }).toEqual({ event: i, reference: want });
    expect({ event: i, compiled: o.compiled }).toEqual({ event: i, compiled: want });
  });
}

describe('own conformance suite (cases/_conformance)', () => {
  const files = existsSync(ownDir) ? readOwnConformanceDir(ownDir) : [];
  it('has at least 150 cases', () => {
    expect(files.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThanOrEqual(150);
  });
  for (const { file, cases, error } of files) {
    describe(file, () => {
      if (error) it('parses', () => expect.fail(error));
      for (const c of cases) it(`${c.id} ${c.title}`, () => check(c));
    });
  }
});

const haveShared = existsSync(sharedFile);
if (!haveShared) console.warn(`SKIPPED: shared conformance cases not found at ${sharedFile} (../shared is absent)`);

describe.skipIf(!haveShared)('shared conformance cases (../shared/docs/conformance-cases.yml)', () => {
  const cases = haveShared ? parseSharedConformance(readFileSync(sharedFile, 'utf8'), sharedFile) : [];
  it('holds the 106 cases', () => expect(cases.length).toBe(106));
  for (const c of cases) it(`${c.id} ${c.title}`, () => check(c));
});
