/**
 * The default map against the reference material in ../shared: SigmaHQ's tests/thor.yml (every Windows entry
 * resolves to the same events and renames) and the corpus (which log sources of the 3,780 rules stay unmapped).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { defaultLogsourceMap } from './load-map.js';
import { formatLogsource, resolveLogsource } from './resolve.js';
import type { LogsourceMap, LogsourceQuery } from './types.js';

const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
const SIGMA = path.join(SHARED, 'sigma');
const present = existsSync(path.join(SIGMA, 'tests', 'thor.yml'));
if (!present) console.warn(`SKIPPED: ../shared not found at ${SHARED}; thor.yml and corpus log-source tests do not run`);

type Conditions = Record<string, unknown>;
interface ThorEntry {
  product?: string;
  category?: string;
  service?: string;
  conditions?: Conditions;
  rewrite?: { product?: string; service?: string };
  fieldmappings?: Record<string, string>;
  sources?: string[];
}

function loadedDefault(): LogsourceMap {
  const { map } = defaultLogsourceMap();
  if (!map) throw new Error('default map did not load');
  return map;
}

/** Every combination of single values of AND-ed maps of OR-ed lists, as sorted `key=value` strings. */
function expand(maps: readonly Conditions[], renames: Record<string, string>): string[] {
  let rows: string[][] = [[]];
  const merged = maps.flatMap((m) => Object.entries(m)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, value] of merged) {
    const values = Array.isArray(value) ? value : [value];
    rows = rows.flatMap((row) => values.map((v) => [...row, `${key}=${JSON.stringify(v)}`]));
  }
  const suffix = JSON.stringify(Object.entries(renames).sort());
  return rows.map((row) => `${row.join(' & ')} ${suffix}`).sort();
}

function readThor(): ThorEntry[] {
  const thor = parse(readFileSync(path.join(SIGMA, 'tests', 'thor.yml'), 'utf8')) as { logsources: Record<string, ThorEntry> };
  return Object.values(thor.logsources);
}

function thorChannels(entries: readonly ThorEntry[], product: string | undefined, service: string): string[] {
  const entry = entries.find((e) => e.sources && e.service === service && e.product === product);
  return (entry?.sources ?? []).map((s) => s.replace(/^WinEventLog:/, ''));
}

describe.skipIf(!present)('default map ≡ tests/thor.yml', () => {
  const map = present ? loadedDefault() : null;
  const entries = present ? readThor() : [];

  it('every category entry: same events (channel × conditions) and renames', () => {
    const categories = new Set(entries.filter((e) => e.conditions && e.category).map((e) => `${e.product ?? ''}|${e.category}`));
    expect(categories.size).toBe(34);
    for (const key of categories) {
      const [product, category] = key.split('|') as [string, string];
      const thor = entries
        .filter((e) => e.conditions && e.category === category && (e.product ?? '') === product)
        .flatMap((e) => {
          const channels = thorChannels(entries, e.rewrite?.product, e.rewrite?.service ?? '');
          return expand([{ Channel: channels }, e.conditions ?? {}], e.fieldmappings ?? {});
        })
        .sort();
      const query: LogsourceQuery = { ...(product ? { product } : {}), category };
      const ours = (map && resolveLogsource(map, query)) ?? [];
      expect(ours.flatMap((v) => expand(v.conditions, v.renames)).sort(), formatLogsource(query)).toEqual(thor);
    }
  });

  it('every Windows service entry: the same channels', () => {
    const services = entries.filter((e) => e.service && e.sources?.every((s) => s.startsWith('WinEventLog:')));
    expect(services).toHaveLength(44);
    for (const e of services) {
      const query = { product: e.product, service: e.service } as LogsourceQuery;
      const ours = (map && resolveLogsource(map, query)) ?? [];
      const expected = expand([{ Channel: thorChannels(entries, e.product, e.service ?? '') }], {});
      expect(ours.flatMap((v) => expand(v.conditions, v.renames)), formatLogsource(query)).toEqual(expected);
    }
  });

  it('file-glob sources stay unmapped', () => {
    const fileSources = entries.filter((e) => e.sources?.some((s) => s.startsWith('File:')));
    expect(fileSources.map((e) => formatLogsource(e as LogsourceQuery))).toEqual([
      'webserver',
      'linux/auth',
      'linux/syslog',
      'logfile',
      'appliance',
    ]);
    for (const e of fileSources) expect(map && resolveLogsource(map, e as LogsourceQuery)).toBeNull();
  });
});

/** `product/category/service` with `-` for an absent part → number of rules. */
function corpusLogsources(): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.ya?ml$/.test(entry.name)) countFile(file, counts);
    }
  };
  for (const dir of readdirSync(SIGMA).filter((d) => d.startsWith('rules')).sort()) visit(path.join(SIGMA, dir));
  return counts;
}

function countFile(file: string, counts: Map<string, number>): void {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const logsource = (doc.toJS() as { logsource?: LogsourceQuery } | null)?.logsource;
    if (!logsource) continue;
    const key = [logsource.product, logsource.category, logsource.service].map((p) => p ?? '-').join('/');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}

function queryOf(key: string): LogsourceQuery {
  const [product, category, service] = key.split('/').map((p) => (p === '-' ? undefined : p));
  return { ...(product ? { product } : {}), ...(category ? { category } : {}), ...(service ? { service } : {}) };
}

describe.skipIf(!present)('corpus log sources (rules*/ of ../shared/sigma)', () => {
  const map = present ? loadedDefault() : null;
  const counts = present ? corpusLogsources() : new Map<string, number>();
  const keys = [...counts.keys()].sort();
  const unmapped = keys.filter((k) => map && resolveLogsource(map, queryOf(k)) === null);

  it('reads the corpus', () => {
    const rules = [...counts.values()].reduce((a, b) => a + b, 0);
    console.info(`corpus: ${rules} rules, ${keys.length} log sources, ${unmapped.length} unmapped`);
    expect(rules).toBeGreaterThan(3000);
  });

  it('maps every Windows log source except the product-only rule and the channel-less gaps', () => {
    const windowsUnmapped = unmapped.filter((k) => k.startsWith('windows/'));
    console.info(`unmapped windows log sources: ${windowsUnmapped.map((k) => `${k} (${counts.get(k)})`).join(', ')}`);
    expect(windowsUnmapped).toEqual(['windows/-/-', 'windows/file_access/-', 'windows/file_rename/-']);
  });

  it('maps no non-Windows log source except antivirus (any product)', () => {
    const mapped = keys.filter((k) => !k.startsWith('windows/') && !unmapped.includes(k));
    expect(mapped).toEqual(['-/antivirus/-']);
    console.info(`unmapped non-windows log sources: ${unmapped.filter((k) => !k.startsWith('windows/')).join(', ')}`);
  });
});
