/**
 * The Sigma specification's examples (../shared/sigma-spec/examples: correlation/, filter/, rules/) load and pass
 * their cases. Each example is run as its own suite (several examples share an id) with the fixture rules they
 * reference (cases/_spec-examples/_support/, written for sigmatest) and its case file at the same relative path
 * under cases/_spec-examples/ (sequence cases for correlations; for a filter, the cases of the rule it targets,
 * which must also show that the filter changes a decision). The examples are read in place, never copied.
 * Skips with a SKIPPED line when ../shared is absent.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { failureDetails } from '../report/format.js';
import type { RunReport } from '../report/model.js';
import { buildRuleset } from '../ruleset/build-ruleset.js';
import { readSharedSettings } from '../ruleset/settings.js';
import { LENIENT_POLICY, runSuite } from './run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examplesDir = path.resolve(root, '../shared/sigma-spec/examples');
const casesDir = path.join(root, 'cases/_spec-examples');
const supportDir = path.join(casesDir, '_support');
const KINDS = ['correlation', 'filter', 'rules'] as const;

const haveShared = existsSync(examplesDir);
if (!haveShared) console.warn(`SKIPPED: the Sigma specification examples were not found at ${examplesDir} (../shared is absent)`);

interface Example {
  readonly kind: (typeof KINDS)[number];
  /** `correlation/event_count.yml` */
  readonly name: string;
  readonly file: string;
  readonly caseFile: string;
}

function examples(): Example[] {
  if (!haveShared) return [];
  return KINDS.flatMap((kind) =>
    readdirSync(path.join(examplesDir, kind))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => ({ kind, name: `${kind}/${f}`, file: path.join(examplesDir, kind, f), caseFile: path.join(casesDir, kind, f) })),
  );
}

const shared = await readSharedSettings({ gating: true });
const ruleset = { logsourceMap: shared.logsourceMap };

function runExample(example: Example, withExample: boolean): Promise<RunReport> {
  return runSuite({
    rules: withExample ? [example.file, supportDir] : [supportDir],
    cases: [example.caseFile],
    regression: [],
    policy: LENIENT_POLICY,
    ruleset,
    version: 'spec-examples',
  });
}

const all = examples();
const reports = new Map<string, RunReport>();
for (const example of all) if (existsSync(example.caseFile)) reports.set(example.name, await runExample(example, true));

describe.skipIf(!haveShared)('Sigma specification examples (../shared/sigma-spec/examples)', () => {
  it('has correlation, filter and rule examples', () => {
    for (const kind of KINDS) expect(all.filter((e) => e.kind === kind).length, kind).toBeGreaterThan(0);
  });

  for (const example of all) {
    describe(example.name, () => {
      it('loads without errors, with the fixture rules it references', async () => {
        const built = await buildRuleset([example.file, supportDir], { ...ruleset, unresolvedPlaceholder: 'error' });
        const errors = built.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.file}:${d.span.line} ${d.code} ${d.message}`);
        expect(errors).toEqual([]);
        const loaded =
          example.kind === 'correlation' ? built.correlations.filter((c) => c.path === example.file).length
          : example.kind === 'rules' ? built.rules.filter((r) => r.ir.path === example.file).length
          : built.documents.filter((d) => d.kind === 'filter' && d.file === example.file).length;
        expect(loaded, 'documents of the example that were prepared').toBeGreaterThan(0);
      });

      if (example.kind !== 'rules') {
        it(`has cases in cases/_spec-examples/${example.name}`, () => expect(existsSync(example.caseFile)).toBe(true));
      }
      const report = reports.get(example.name);
      if (!report) return;

      it('its case file pairs with it, without problems, with positive and negative cases', () => {
        expect(report.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.message}`)).toEqual([]);
        const caseRules = new Set(report.cases.map((c) => c.rulePath));
        const summaries = report.rules.filter((r) => caseRules.has(r.path));
        expect(summaries.length, 'rules the cases belong to').toBe(1);
        const [summary] = summaries;
        if (example.kind !== 'filter') expect(summary?.path).toBe(example.file);
        expect(summary?.positives, 'positive cases').toBeGreaterThan(0);
        expect(summary?.negatives, 'negative cases').toBeGreaterThan(0);
      });

      for (const c of report.cases) {
        it(c.name, () => expect(c.status, failureDetails(c, 5).join('\n')).toBe('pass'));
      }

      if (example.kind === 'filter') {
        it('the filter decides a case: without it, a case fails', async () => {
          const without = await runExample(example, false);
          expect(without.cases.filter((c) => c.status === 'fail').length).toBeGreaterThan(0);
        });
      }
    });
  }
});
