import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGSOURCE_MAP_SOURCE } from './default-map.js';
import { defaultLogsourceMap, loadLogsourceMapFile, loadLogsourceMapOption, parseLogsourceMap } from './load-map.js';

const MINIMAL = `services:
  - product: windows
    service: sysmon
    conditions: { Channel: 'Microsoft-Windows-Sysmon/Operational' }
categories:
  - product: windows
    category: process_creation
    variants:
      - service: sysmon
        conditions: { EventID: 1 }
`;

function errorsOf(text: string) {
  const result = parseLogsourceMap(text, 'map.yml');
  expect(result.map).toBeNull();
  return result.diagnostics.map((d) => ({ code: d.code, line: d.span.line, col: d.span.col, file: d.span.file }));
}

describe('default log-source map', () => {
  it('loads without diagnostics', () => {
    const { map, diagnostics } = defaultLogsourceMap();
    expect(diagnostics).toEqual([]);
    expect(map?.source).toBe(DEFAULT_LOGSOURCE_MAP_SOURCE);
  });

  it('holds every thor.yml Windows service and category plus the pySigma extras', () => {
    const map = defaultLogsourceMap().map;
    const services = map?.services.map((s) => s.service) ?? [];
    expect(services).toHaveLength(47);
    expect(services).toEqual(expect.arrayContaining(['sysmon', 'dns-server', 'dns-server-analytic', 'driver-framework']));
    expect(map?.categories.map((c) => c.category)).toHaveLength(34);
    expect(map?.services.find((s) => s.service === 'servicebus-client')?.aliases).toEqual(['microsoft-servicebus-client']);
  });

  it('records spans of entries inside the YAML text', () => {
    const map = defaultLogsourceMap().map;
    const security = map?.services.find((s) => s.service === 'security');
    expect(security?.span.file).toBe(DEFAULT_LOGSOURCE_MAP_SOURCE);
    expect(security?.span.line).toBeGreaterThan(10);
    expect(security?.conditionsSpan.line).toBe((security?.span.line ?? 0) + 2);
  });

  it('is what loadLogsourceMapOption gives without a file', () => {
    expect(loadLogsourceMapOption(undefined)).toEqual(defaultLogsourceMap());
  });
});

describe('parseLogsourceMap', () => {
  it('reads services, categories, variants, renames and aliases', () => {
    const { map, diagnostics } = parseLogsourceMap(
      `${MINIMAL}      - service: sysmon\n        product: windows\n        renames: { Image: NewProcessName }\n`,
      'map.yml',
    );
    expect(diagnostics).toEqual([]);
    expect(map?.services[0]).toMatchObject({ product: 'windows', service: 'sysmon', aliases: [], renames: {} });
    expect(map?.categories[0]?.variants).toHaveLength(2);
    expect(map?.categories[0]?.variants[1]).toMatchObject({ service: 'sysmon', conditions: {}, renames: { Image: 'NewProcessName' } });
    expect(map?.categories[0]?.span).toEqual({ file: 'map.yml', line: 6, col: 5 });
  });

  it('types plain condition scalars with YAML 1.1 rules and keeps quoted ones as written', () => {
    const { map } = parseLogsourceMap(
      `services:\n  - service: x\n    conditions: { a: 00000429, b: '12', c: 12, d: yes, e: ~, f: [1, '2'] }\n`,
      'map.yml',
    );
    expect(map?.services[0]?.conditions).toEqual({ a: '00000429', b: '12', c: 12, d: true, e: null, f: [1, '2'] });
    expect(map?.services[0]?.product).toBeUndefined();
  });

  it('follows aliases', () => {
    const text = `services:\n  - service: a\n    conditions: &c { Channel: A }\n  - service: b\n    conditions: *c\n`;
    expect(parseLogsourceMap(text, 'm.yml').map?.services[1]?.conditions).toEqual({ Channel: 'A' });
  });

  it('reports invalid YAML at its position', () => {
    expect(errorsOf('services:\n  - service: [unclosed\n')).toContainEqual(
      expect.objectContaining({ code: 'LOGSOURCE_MAP', file: 'map.yml' }),
    );
    expect(errorsOf('services: []\nservices: []\n')).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 2, col: 1 }]);
  });

  it('reports a document that is not a map, or has neither services nor categories', () => {
    expect(errorsOf('- a\n- b\n')).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 1, col: 1 }]);
    expect(errorsOf('')).toHaveLength(1);
    expect(errorsOf('version: 1\n')).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 1, col: 1 }]);
  });

  it('reports wrong shapes where they are', () => {
    expect(errorsOf('services: {}\n')).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 1, col: 11 }]);
    expect(errorsOf('version: 2\nservices: []\n')).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 1, col: 10 }]);
    expect(errorsOf('services:\n  - service: x\n')).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 2, col: 5 }]);
    expect(errorsOf('services:\n  - service: x\n    conditions: { A: { B: 1 } }\n')).toEqual([
      { code: 'LOGSOURCE_MAP', file: 'map.yml', line: 3, col: 22 },
    ]);
    expect(errorsOf('services:\n  - service: x\n    conditions: { A: [] }\n')).toEqual([
      { code: 'LOGSOURCE_MAP', file: 'map.yml', line: 3, col: 22 },
    ]);
    expect(errorsOf('services:\n  - service: x\n    conditions: {}\n')).toHaveLength(1);
    expect(errorsOf('services:\n  - service: 5\n    conditions: { A: 1 }\n')).toEqual([
      { code: 'LOGSOURCE_MAP', file: 'map.yml', line: 2, col: 14 },
    ]);
    expect(errorsOf('categories:\n  - category: c\n    variants: []\n')).toEqual([
      { code: 'LOGSOURCE_MAP', file: 'map.yml', line: 3, col: 15 },
    ]);
  });

  it('reports unknown keys (a typo must not silently drop a gate)', () => {
    const text = MINIMAL.replace('conditions: { EventID: 1 }', 'condition: { EventID: 1 }');
    expect(errorsOf(text)).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 10, col: 9 }]);
    expect(errorsOf(`${MINIMAL}extra: 1\n`)).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 11, col: 1 }]);
  });

  it('reports a variant naming a service that has no entry for its product', () => {
    expect(errorsOf(MINIMAL.replace('- service: sysmon\n        conditions', '- service: security\n        conditions'))).toEqual([
      { code: 'LOGSOURCE_MAP', file: 'map.yml', line: 9, col: 9 },
    ]);
    const otherProduct = `${MINIMAL}      - service: sysmon\n        product: linux\n`;
    expect(errorsOf(otherProduct)).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 11, col: 9 }]);
  });

  it('reports a variant product without a service', () => {
    expect(errorsOf(`${MINIMAL}      - product: linux\n        conditions: { a: 1 }\n`)).toHaveLength(1);
  });

  it('reports duplicate entries, aliases included', () => {
    const duplicate = `${MINIMAL.split('categories:')[0]}  - product: windows\n    service: other\n    aliases: [sysmon]\n    conditions: { A: 1 }\n`;
    expect(errorsOf(duplicate)).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 5, col: 5 }]);
    const twoCategories = `${MINIMAL}  - product: windows\n    category: process_creation\n    variants: [{ service: sysmon }]\n`;
    expect(errorsOf(twoCategories)).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line: 11, col: 5 }]);
  });
});

describe('parseLogsourceMap: products (the gate of unmapped log sources)', () => {
  it('reads product entries with their field and exceptions', () => {
    const { map, diagnostics } = parseLogsourceMap(`products:\n  - { product: windows, field: Channel, except: [A, B] }\n  - { product: k8s, field: kind }\n${MINIMAL}`, 'map.yml');
    expect(diagnostics).toEqual([]);
    expect(map?.products).toEqual([
      { product: 'windows', field: 'Channel', except: ['A', 'B'], span: { file: 'map.yml', line: 2, col: 5 } },
      { product: 'k8s', field: 'kind', except: [], span: { file: 'map.yml', line: 3, col: 5 } },
    ]);
    expect(parseLogsourceMap(MINIMAL, 'map.yml').map?.products).toEqual([]);
  });

  it('the default map recognises Windows events by Channel, except Sysmon for Linux', () => {
    expect(defaultLogsourceMap().map?.products).toMatchObject([{ product: 'windows', field: 'Channel', except: ['Linux-Sysmon/Operational'] }]);
  });

  it.each([
    ['a missing field', 'products:\n  - { product: windows }\n', 2, 5],
    ['an unknown key', 'products:\n  - { product: windows, field: Channel, fields: [x] }\n', 2, 41],
    ['except that is not a list of strings', 'products:\n  - { product: windows, field: Channel, except: x }\n', 2, 49],
    ['a duplicate product', 'products:\n  - { product: w, field: a }\n  - { product: w, field: b }\n', 3, 5],
  ])('reports %s where it is', (_what, products, line, col) => {
    expect(errorsOf(`${products}${MINIMAL}`)).toEqual([{ code: 'LOGSOURCE_MAP', file: 'map.yml', line, col }]);
  });
});

describe('loadLogsourceMapFile', () => {
  it('reads a file and locates its errors in that file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sigmatest-logsource-'));
    try {
      const good = path.join(dir, 'good.yml');
      const bad = path.join(dir, 'bad.yml');
      writeFileSync(good, MINIMAL);
      writeFileSync(bad, 'services:\n  - service: x\n    conditions: 3\n');
      expect(loadLogsourceMapFile(good)).toMatchObject({ map: { source: good }, diagnostics: [] });
      expect(loadLogsourceMapOption(bad)).toEqual({
        map: null,
        diagnostics: [expect.objectContaining({ code: 'LOGSOURCE_MAP', span: { file: bad, line: 3, col: 17 } })],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives IO_ERROR for a missing file', () => {
    const missing = path.join(tmpdir(), 'sigmatest-no-such-dir', 'map.yml');
    expect(loadLogsourceMapFile(missing)).toEqual({
      map: null,
      diagnostics: [expect.objectContaining({ code: 'IO_ERROR', span: { file: missing, line: 1, col: 1 } })],
    });
  });
});
