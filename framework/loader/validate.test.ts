import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadRuleText } from './load-rules.js';

/** `line:col message` of every diagnostic, for compact assertions. */
function problems(text: string): string[] {
  const result = loadRuleText(text, 'x.yml');
  return result.diagnostics.map((d) => formatDiagnostic(d).replace('x.yml:', ''));
}

const VALID_RULE = `title: ok
id: 5638f7c0-ac70-491d-8465-2a65075e0d86
status: test
level: high
date: 2024-01-31
modified: 2024/02/01
tags: [attack.execution, attack.t1059.001, cve.2021-44228]
references: [https://example.org]
falsepositives: [Unknown]
related:
  - id: 0e95725d-7320-415d-80f7-004da920fc11
    type: similar
regression_tests_path: regression_data/x/info.yml
simulation: [{type: atomic-red-team, name: x}]
logsource:
  category: process_creation
  product: windows
detection:
  sel: {Image: a}
  condition: sel
`;

describe('rule schema', () => {
  it('accepts a complete rule with custom attributes', () => {
    const result = loadRuleText(VALID_RULE, 'x.yml');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents[0]).toMatchObject({ kind: 'rule', title: 'ok', level: 'high', tags: ['attack.execution', 'attack.t1059.001', 'cve.2021-44228'] });
  });

  it('reports missing title, logsource and detection at the document start', () => {
    expect(problems('description: nothing else\n')).toEqual([
      "1:1 error SCHEMA missing required attribute 'title'",
      "1:1 error SCHEMA missing required attribute 'logsource'",
      "1:1 error SCHEMA missing required attribute 'detection'",
    ]);
  });

  it('locates each bad attribute on its own line', () => {
    const text = [
      'title: t',
      'id: not-a-uuid',
      'status: exp',
      'level: severe',
      'date: 01.02.2024',
      'tags: [attack.t1059, 5, nodot]',
      'falsepositives: Unknown',
      'logsource:',
      '  definition: only a definition',
      'detection:',
      '  sel: {A: 1}',
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      '2:5 error SCHEMA id: must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
      '3:9 error SCHEMA status: "exp" is not allowed; must be one of: stable, test, experimental, deprecated, unsupported',
      '4:8 error SCHEMA level: "severe" is not allowed; must be one of: informational, low, medium, high, critical',
      '5:7 error SCHEMA date: must be a date written YYYY-MM-DD',
      '6:22 error SCHEMA tags[1]: must be a string',
      '6:25 error SCHEMA tags[2]: must be a tag written namespace.name (e.g. attack.t1059)',
      '7:17 error SCHEMA falsepositives: must be a list',
      '8:1 error SCHEMA logsource: must have at least one of category, product, service',
      "10:1 error SCHEMA detection: missing required attribute 'condition'",
    ]);
  });

  it('reports wrong types of logsource, detection and condition', () => {
    expect(problems('title: t\nlogsource: windows\ndetection:\n  sel: {A: 1}\n  condition: [sel, 5]\n')).toEqual([
      '2:12 error SCHEMA logsource: must be a map',
      '5:20 error SCHEMA detection.condition[1]: must be a string',
    ]);
    expect(problems('title: [t]\nlogsource: {product: x}\ndetection: sel\n')).toEqual([
      '1:1 error SCHEMA title: must be a string',
      '3:12 error SCHEMA detection: must be a map',
    ]);
  });

  it('requires at least one search identifier besides condition', () => {
    expect(problems('title: t\nlogsource: {product: x}\ndetection:\n  condition: sel\n')).toEqual([
      '3:1 error SCHEMA detection: must define at least one search identifier besides condition',
    ]);
  });

  it('checks related entries', () => {
    expect(problems(`${VALID_RULE}`.replace('type: similar', 'type: cousin'))).toEqual([
      '12:11 error SCHEMA related[0].type: "cousin" is not allowed; must be one of: derived, obsolete, merged, renamed, similar',
    ]);
  });
});

describe('correlation and filter schemas', () => {
  const correlation = [
    'title: Many failed logins',
    'name: many_failed',
    'correlation:',
    '  type: event_count',
    '  rules: [failed_login]',
    '  group-by: [User]',
    '  timespan: 10m',
    '  condition: {gte: 10}',
    '',
  ].join('\n');

  it('loads a valid correlation with its correlation map as plain data', () => {
    const result = loadRuleText(correlation, 'c.yml');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents[0]).toMatchObject({
      kind: 'correlation',
      name: 'many_failed',
      correlation: { type: 'event_count', rules: ['failed_login'], 'group-by': ['User'], timespan: '10m', condition: { gte: 10 } },
    });
  });

  it('locates bad correlation attributes', () => {
    const bad = correlation.replace('event_count', 'frequency').replace('10m', '10 minutes').replace('gte: 10', "gte: '10'");
    expect(problems(bad)).toEqual([
      '4:9 error SCHEMA correlation.type: "frequency" is not allowed; must be one of: event_count, value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile, value_median',
      '7:13 error SCHEMA correlation.timespan: must be a number followed by s, m, h, d, w, M or y (e.g. 10m)',
      '8:20 error SCHEMA correlation.condition.gte: must be a number',
    ]);
    expect(problems(correlation.replace('gte: 10', 'gte: 10, field: [1]'))).toEqual([
      '8:32 error SCHEMA correlation.condition.field[0]: must be a string',
    ]);
    expect(problems(correlation.replace('gte: 10', 'gte: 10, field: 5'))).toEqual([
      '8:31 error SCHEMA correlation.condition.field: must be a string or a list of strings',
    ]);
    expect(problems(correlation.replace('  rules: [failed_login]\n', ''))).toEqual([
      '3:1 error SCHEMA correlation: must list the rules it correlates (rules: [...])',
    ]);
  });

  it('loads a filter and resolves its targets', () => {
    const filter = 'title: f\nlogsource: {product: windows}\nfilter:\n  rules: any\n  sel: {User|startswith: adm_}\n  condition: not sel\n';
    const result = loadRuleText(filter, 'f.yml');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents[0]).toMatchObject({ kind: 'filter', targets: 'any', logsource: { product: 'windows' } });
    const listed = loadRuleText(filter.replace('rules: any', 'rules: [a, b]'), 'f.yml').documents[0];
    expect(listed).toMatchObject({ targets: ['a', 'b'] });
    const single = loadRuleText(filter.replace('rules: any', 'rules: a'), 'f.yml').documents[0];
    expect(single).toMatchObject({ targets: ['a'] });
    const empty = loadRuleText(filter.replace('rules: any', 'rules: []'), 'f.yml').documents[0];
    expect(empty).toMatchObject({ targets: 'any' });
  });

  it('locates filter errors', () => {
    expect(problems('title: f\nlogsource: {product: windows}\nfilter:\n  rules: [1]\n  condition: not sel\n')).toEqual([
      '3:1 error SCHEMA filter: must define at least one search identifier besides rules and condition',
      '4:11 error SCHEMA filter.rules[0]: must be a string',
    ]);
  });
});

describe('schemas', () => {
  it('are valid JSON Schemas (checked here once, so loading skips the meta-schema)', async () => {
    const { default: AjvModule } = await import('ajv');
    const { AJV_OPTIONS, SCHEMAS } = await import('./validate.js');
    const ajv = new AjvModule.default({ ...AJV_OPTIONS, validateSchema: true });
    ajv.addKeyword({ keyword: 'x-messages', schemaType: 'object' });
    for (const [kind, schema] of Object.entries(SCHEMAS)) {
      expect(ajv.validateSchema(schema), `${kind}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
      expect(() => ajv.compile(schema), kind).not.toThrow();
    }
    expect(ajv.validateSchema({ type: 'object', properties: { a: { type: 'nonsense' } } })).toBe(false);
  });
});
