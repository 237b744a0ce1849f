/**
 * Reading conformance files: the project's own format (`cases:` list, see cases/_conformance/README.md) and the
 * shared reference format (a top-level list with `event` and `expect: match | no match | error`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ConformanceCase, Expectation } from './conformance.js';

type Raw = Record<string, unknown>;

function expectation(value: unknown, where: string): Expectation {
  if (value === 'match') return 'match';
  if (value === 'no-match' || value === 'no match') return 'no-match';
  throw new Error(`${where}: expect must be match or no-match, not ${JSON.stringify(value)}`);
}

function placeholdersOf(raw: unknown): Record<string, string[]> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  return Object.fromEntries(Object.entries(raw as Raw).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]));
}

/** `filters:` is a list of YAML texts, one filter document each. */
function filtersOf(raw: unknown, where: string): string[] {
  if (!Array.isArray(raw) || raw.some((f) => typeof f !== 'string')) throw new Error(`${where}: filters must be a list of filter documents as YAML text`);
  return raw as string[];
}

function toCase(raw: Raw, where: string, events: { event: unknown; expect: Expectation }[]): ConformanceCase {
  const base = {
    id: String(raw['id']),
    title: String(raw['title'] ?? raw['why'] ?? raw['id']),
    detection: String(raw['detection']),
    ...(raw['logsource'] ? { logsource: raw['logsource'] as Record<string, string> } : {}),
    ...(raw['placeholders'] ? { placeholders: placeholdersOf(raw['placeholders'])! } : {}),
    ...(raw['rule_id'] !== undefined ? { ruleId: String(raw['rule_id']) } : {}),
    ...(raw['rule_name'] !== undefined ? { ruleName: String(raw['rule_name']) } : {}),
    ...(raw['filters'] !== undefined ? { filters: filtersOf(raw['filters'], where) } : {}),
  };
  if (raw['expect'] === 'error') {
    return { ...base, events: [], expectError: raw['error_code'] ? { code: String(raw['error_code']) } : {} };
  }
  if (events.length === 0) throw new Error(`${where}: case ${base.id} has no events`);
  return { ...base, events };
}

/**
 * The project's format: `{cases: [{id, title, detection, events: [{event, expect}]} | {..., expect: error}]}`, with
 * optional `logsource`, `placeholders`, `rule_id`, `rule_name` and `filters` (list of filter documents as YAML text).
 */
export function parseOwnConformance(text: string, file: string): ConformanceCase[] {
  const doc = parse(text) as { cases?: Raw[] };
  if (!doc || !Array.isArray(doc.cases)) throw new Error(`${file}: expected a top-level 'cases' list`);
  return doc.cases.map((raw, i) => {
    const where = `${file} case #${i + 1}`;
    const events = Array.isArray(raw['events'])
      ? (raw['events'] as Raw[]).map((e) => ({ event: e['event'], expect: expectation(e['expect'], where) }))
      : [];
    return toCase(raw, where, events);
  });
}

/** The shared reference format: a list of `{id, detection, event, expect, basis, why, placeholders?}`. */
export function parseSharedConformance(text: string, file: string): ConformanceCase[] {
  const doc = parse(text) as Raw[];
  if (!Array.isArray(doc)) throw new Error(`${file}: expected a top-level list`);
  return doc.map((raw, i) => {
    const where = `${file} case #${i + 1}`;
    const events = raw['expect'] === 'error' ? [] : [{ event: raw['event'], expect: expectation(raw['expect'], where) }];
    return toCase(raw, where, events);
  });
}

/** Files of the folder with their own runner: correlations (conformance-correlation.ts). */
const OTHER_RUNNERS: ReadonlySet<string> = new Set(['16-correlations.yml']);

/** Every `*.yml` of `dir` but OTHER_RUNNERS, sorted; a file that cannot be parsed yields `error` instead of cases. */
export function readOwnConformanceDir(dir: string): { file: string; cases: ConformanceCase[]; error?: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') && !OTHER_RUNNERS.has(f))
    .sort()
    .map((f) => {
      try {
        return { file: f, cases: parseOwnConformance(readFileSync(path.join(dir, f), 'utf8'), f) };
      } catch (e) {
        return { file: f, cases: [], error: e instanceof Error ? e.message : String(e) };
      }
    });
}
