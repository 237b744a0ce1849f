/**
 * Fingerprints that shards of one run must share, so that `merge-reports` refuses to combine reports of
 * different rule sets or settings: short SHA-256 hex digests of canonical JSON (sorted keys), hence the same on
 * every machine for the same input.
 *  - rulesetFingerprint: every document as loaded (file, position in the file, its whole YAML content) and every
 *    error diagnostic, of the whole rule set before it is split, so a rule edited on one machine shows;
 *  - settingsFingerprint: any plain value (the command's settings).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../report/json.js';
import type { Ruleset } from '../ruleset/build-ruleset.js';

const DIGITS = 16;

export function settingsFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, DIGITS);
}

export function rulesetFingerprint(ruleset: Pick<Ruleset, 'documents' | 'diagnostics'>): string {
  const documents = ruleset.documents.map((d) => [d.file, d.docIndex, d.raw]);
  const errors = ruleset.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.span, d.code, d.message]);
  return settingsFingerprint({ documents, errors });
}
