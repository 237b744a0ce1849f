import { describe, expect, it } from 'vitest';
import { canonicalJson, renderJson } from './json.js';
import { sampleReport } from './test-support/sample-report.js';

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

function assertSorted(value: unknown, path = '$'): void {
  if (Array.isArray(value)) return value.forEach((v, i) => assertSorted(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return;
  const keys = Object.keys(value);
  expect(keys, path).toEqual([...keys].sort());
  for (const [k, v] of Object.entries(value)) assertSorted(v, `${path}.${k}`);
}

describe('renderJson (results.json)', () => {
  it('is deterministic: same report, same bytes, whatever the key order of the input', () => {
    const a = renderJson(sampleReport());
    expect(renderJson(sampleReport())).toBe(a);
    expect(canonicalJson(reverseKeys(sampleReport()))).toBe(a);
  });

  it('sorts keys recursively, indents by 2 and ends with a newline', () => {
    const text = renderJson(sampleReport());
    assertSorted(JSON.parse(text));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"cases": \[$/);
  });

  it('round-trips the report, hostile strings included, and keeps array order', () => {
    const report = sampleReport();
    const parsed = JSON.parse(renderJson(report)) as typeof report;
    expect(parsed).toEqual(report);
    expect(parsed.cases.map((c) => c.name)).toEqual(report.cases.map((c) => c.name));
    expect(parsed.rules[1]?.title).toContain('\u0000');
  });

  it('keeps a __proto__ key of event data as a plain key', () => {
    const value = JSON.parse('{"b": 1, "__proto__": {"x": 1}, "a": 2}') as unknown;
    expect(canonicalJson(value)).toBe('{\n  "__proto__": {\n    "x": 1\n  },\n  "a": 2,\n  "b": 1\n}\n');
  });
});
