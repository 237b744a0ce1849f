/**
 * results.json: the RunReport itself as JSON. Contract: object keys sorted recursively (UTF-16 code-unit order),
 * array order kept (the model's ordering contract), 2-space indent, trailing newline; `undefined` properties are
 * omitted (as JSON.stringify does). Same report → same bytes.
 */
import type { RunReport } from './model.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a `__proto__` key in event data stays a plain key.
  const entries = Object.entries(value as Record<string, unknown>);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortKeys(v)]));
}

/** Any plain value as canonical JSON (sorted keys, 2-space indent, trailing newline). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

export function renderJson(report: RunReport): string {
  return canonicalJson(report);
}
