/**
 * Acceptance: the whole SigmaHQ corpus (five rules* folders, 3,780 files) loads without a single error,
 * and the legacy `action: global` files of `unsupported/` are rejected with located LEGACY_ACTION errors.
 * Needs ../shared (skipped loudly without it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadRuleFiles, type SigmaRule } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '../../../shared');
const sigma = path.join(shared, 'sigma');
const present = existsSync(sigma);
if (!present) console.warn(`SKIPPED: ../shared not found at ${shared}; the corpus tests of the loader did not run`);

const CORPUS_FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-placeholder', 'rules-compliance'];

describe.skipIf(!present)('loader on the SigmaHQ corpus', () => {
  it('loads all 3,780 rule documents with no error diagnostic', async () => {
    const started = performance.now();
    const result = await loadRuleFiles(CORPUS_FOLDERS.map((f) => path.join(sigma, f)));
    const elapsed = performance.now() - started;
    console.info(`loader: ${result.files} files, ${result.documents.length} documents in ${elapsed.toFixed(0)} ms`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(errors).toEqual([]);
    expect(result.files).toBe(3780);
    expect(result.documents).toHaveLength(3780);
    expect(result.documents.every((d) => d.kind === 'rule')).toBe(true);
  });

  it('types 00000429 as the string pySigma sees (YAML 1.1)', async () => {
    const file = path.join(sigma, 'rules/windows/registry/registry_set/registry_set_susp_keyboard_layout_load.yml');
    const result = await loadRuleFiles([file]);
    const rule = result.documents[0] as SigmaRule;
    const items = rule.detection.identifiers.flatMap((i) => (i.search.kind === 'map' ? i.search.items : []));
    const details = items.find((i) => i.key === 'Details|contains');
    expect(details?.values).toEqual(['00000429', '00050429', '0000042a']);
  });

  it('rejects the three action: global files of unsupported/ with a located LEGACY_ACTION', async () => {
    const result = await loadRuleFiles([path.join(sigma, 'unsupported')]);
    const legacy = result.diagnostics.filter((d) => d.code === 'LEGACY_ACTION');
    expect(legacy.map((d) => path.basename(d.span.file)).sort()).toEqual([
      'sysmon_process_reimaging.yml',
      'win_apt_apt29_tor.yml',
      'win_remote_service.yml',
    ]);
    for (const d of legacy) {
      expect(d.severity).toBe('error');
      expect(d.span.line).toBeGreaterThanOrEqual(1);
    }
    expect(result.files).toBe(87);
  });
});
