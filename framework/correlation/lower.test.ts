import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics.js';
import { loadRuleText } from '../loader/index.js';
import type { SigmaCorrelation } from '../loader/types.js';
import { prepareRuleset } from '../ruleset/build-ruleset.js';
import { lowerCorrelations, suppressedRuleIds } from './lower.js';
import { parseTimespan } from './timespan.js';

const RULES = [
  { id: 'r-failed', name: 'failed_logon' },
  { id: 'r-success', name: 'successful_logon' },
  { id: 'r-upload', name: 'proxy_upload' },
];

function docsOf(text: string): SigmaCorrelation[] {
  const load = loadRuleText(text, 'c.yml');
  expect(load.diagnostics).toEqual([]);
  return load.documents.filter((d): d is SigmaCorrelation => d.kind === 'correlation');
}

function lower(text: string, rules: readonly { id: string; name?: string }[] = RULES) {
  return lowerCorrelations(docsOf(text), rules);
}

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => [d.code, d.severity, d.span.line, d.span.col]);

const doc = (lines: string[]) => `${lines.join('\n')}\n`;

describe('lowerCorrelations: the fields of IrCorrelation', () => {
  it('lowers an event_count rule with its defaults', () => {
    const { correlations, diagnostics } = lower(doc([
      'title: Many failed logons',
      'id: 0e95725d-7320-415d-80f7-004da920fc11',
      'name: many_failed',
      'level: high',
      'correlation:',
      '  type: event_count',
      '  rules: [failed_logon]',
      '  group-by: TargetUserName',
      '  timespan: 5m',
      '  condition: {gte: 5}',
    ]));
    expect(diagnostics).toEqual([]);
    expect(correlations).toEqual([{
      id: '0e95725d-7320-415d-80f7-004da920fc11',
      name: 'many_failed',
      title: 'Many failed logons',
      level: 'high',
      path: 'c.yml',
      span: { file: 'c.yml', line: 1, col: 1 },
      type: 'event_count',
      rules: ['failed_logon'],
      resolved: ['r-failed'],
      groupBy: ['TargetUserName'],
      timespanSeconds: 300,
      timespan: '5m',
      condition: [{ op: 'gte', value: 5 }],
      field: null,
      aliases: {},
      generate: false,
      window: 'sliding',
    }]);
  });

  it('uses the name, else path#docIndex, as id; temporal types default to gte: number of rules', () => {
    const { correlations } = lower(doc([
      'title: a',
      'name: by_name',
      'correlation: {type: temporal, rules: [failed_logon, proxy_upload], timespan: 1h}',
      '---',
      'title: b',
      'correlation: {type: temporal_ordered, rules: [failed_logon, failed_logon, successful_logon], timespan: 1d}',
    ]));
    expect(correlations.map((c) => [c.id, c.condition, c.window, c.timespanSeconds])).toEqual([
      ['by_name', [{ op: 'gte', value: 2 }], 'sliding', 3600],
      ['c.yml#1', [{ op: 'gte', value: 3 }], 'sliding', 86_400],
    ]);
  });

  it('reads ranges, field (in condition or under correlation), percentile and generate (both places)', () => {
    const { correlations, diagnostics } = lower(doc([
      'title: a',
      'generate: true',
      'correlation:',
      '  type: value_percentile',
      '  rules: [proxy_upload]',
      '  timespan: 2w',
      '  condition: {field: bytes, percentile: 90, gt: 100, lte: 200}',
      '---',
      'title: b',
      'correlation:',
      '  type: value_count',
      '  rules: [proxy_upload]',
      '  field: [host, port]',
      '  timespan: 1M',
      '  condition: {gte: 3}',
      '  generate: true',
    ]));
    expect(diagnostics).toEqual([]);
    expect(correlations.map((c) => [c.field, c.percentile, c.condition, c.window, c.generate, c.timespanSeconds])).toEqual([
      [['bytes'], 90, [{ op: 'gt', value: 100 }, { op: 'lte', value: 200 }], 'anchored', true, 1_209_600],
      [['host', 'port'], undefined, [{ op: 'gte', value: 3 }], 'sliding', true, 2_629_746],
    ]);
  });

  it('rewrites alias keys to the references as written in rules (an id key for a rule listed by name)', () => {
    const { correlations, diagnostics } = lower(doc([
      'title: a',
      'correlation:',
      '  type: temporal',
      '  rules: [failed_logon, r-upload]',
      '  group-by: src',
      '  aliases:',
      '    src: {r-failed: IpAddress, r-upload: c-ip}',
      '  timespan: 30m',
    ]));
    expect(diagnostics).toEqual([]);
    expect(correlations[0]?.aliases).toEqual({ src: { failed_logon: 'IpAddress', 'r-upload': 'c-ip' } });
  });
});

describe('timespans', () => {
  it('knows s m h d and pySigma w M y, case-sensitive', () => {
    expect(['30s', '10m', '2h', '1d', '1w', '1M', '1y'].map(parseTimespan)).toEqual([30, 600, 7200, 86_400, 604_800, 2_629_746, 31_556_952]);
    expect(['1H', '1D', '10', 'm', '0s', '1.5h', '99999999999999y'].map(parseTimespan)).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('lowerCorrelations: located errors', () => {
  it('rejects unknown keys, a zero timespan, a missing condition or field, and a percentile out of range', () => {
    const { correlations, diagnostics } = lower(doc([
      'title: a',
      'correlation:',
      '  type: event_count',
      '  rules: [failed_logon]',
      '  groupby: User',
      '  timespan: 0m',
      '---',
      'title: b',
      'correlation:',
      '  type: value_sum',
      '  rules: [failed_logon]',
      '  timespan: 1m',
      '  condition: {gt: 5, gtee: 3}',
      '---',
      'title: c',
      'correlation:',
      '  type: value_percentile',
      '  rules: [failed_logon]',
      '  timespan: 1m',
      '  condition: {field: x, lte: 1, percentile: 101}',
    ]));
    expect(correlations).toEqual([]);
    expect(codes(diagnostics)).toEqual([
      ['CORRELATION_INVALID', 'error', 5, 12],
      ['CORRELATION_INVALID', 'error', 6, 13],
      ['CORRELATION_INVALID', 'error', 2, 1],
      ['CORRELATION_INVALID', 'error', 13, 3],
      ['CORRELATION_INVALID', 'error', 13, 28],
      ['CORRELATION_INVALID', 'error', 20, 45],
    ]);
    expect(diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining("unknown key 'groupby'"));
  });

  it("rejects pySigma's string conditions with CORRELATION_UNSUPPORTED", () => {
    const { correlations, diagnostics } = lower(doc([
      'title: a',
      'correlation:',
      '  type: temporal',
      '  rules: [failed_logon, successful_logon]',
      '  timespan: 1m',
      '  condition: failed_logon and not successful_logon',
    ]));
    expect(correlations).toEqual([]);
    expect(codes(diagnostics)).toEqual([['CORRELATION_UNSUPPORTED', 'error', 6, 14]]);
  });

  it('warns about keys a type does not use', () => {
    const { correlations, diagnostics } = lower(doc([
      'title: a',
      'correlation:',
      '  type: event_count',
      '  rules: [failed_logon]',
      '  timespan: 1m',
      '  condition: {gte: 2, field: x, percentile: 5}',
    ]));
    expect(correlations).toHaveLength(1);
    expect(codes(diagnostics)).toEqual([['CORRELATION_INVALID', 'warning', 6, 30], ['CORRELATION_INVALID', 'warning', 6, 45]]);
  });

  it('rejects generate given twice with different values', () => {
    const { diagnostics } = lower(doc([
      'title: a',
      'generate: true',
      'correlation: {type: event_count, rules: [failed_logon], timespan: 1m, condition: {gte: 2}, generate: false}',
    ]));
    expect(codes(diagnostics)).toEqual([['CORRELATION_INVALID', 'error', 2, 11]]);
  });
});

describe('lowerCorrelations: references and chains', () => {
  it('resolves an id before a name, and reports unknown and ambiguous references at their line', () => {
    const rules = [{ id: 'x' }, { id: 'other', name: 'x' }, { id: 'd1', name: 'dup' }, { id: 'd2', name: 'dup' }];
    const ok = lower('title: a\ncorrelation: {type: event_count, rules: [x], timespan: 1m, condition: {gte: 1}}\n', rules);
    expect(ok.correlations[0]?.resolved).toEqual(['x']);
    const bad = lower(doc([
      'title: a',
      'correlation:',
      '  type: event_count',
      '  rules:',
      '    - x',
      '    - nowhere',
      '    - dup',
      '  timespan: 1m',
      '  condition: {gte: 1}',
    ]), rules);
    expect(bad.correlations).toEqual([]);
    expect(codes(bad.diagnostics)).toEqual([['CORRELATION_REFERENCE', 'error', 6, 7], ['CORRELATION_REFERENCE', 'error', 7, 7]]);
  });

  it('orders inner before outer and checks the outer group-by against the inner one', () => {
    const { correlations, diagnostics } = lower(doc([
      'title: outer',
      'correlation:',
      '  type: temporal_ordered',
      '  rules: [many_failed, successful_logon]',
      '  group-by: [TargetUserName, Host]',
      '  timespan: 10m',
      '---',
      'title: inner',
      'name: many_failed',
      'correlation:',
      '  type: event_count',
      '  rules: [failed_logon]',
      '  group-by: TargetUserName',
      '  timespan: 5m',
      '  condition: {gte: 5}',
    ]));
    expect(correlations.map((c) => [c.id, c.resolved])).toEqual([
      ['many_failed', ['r-failed']],
      ['c.yml#0', ['many_failed', 'r-success']],
    ]);
    expect(codes(diagnostics)).toEqual([['CORRELATION_INVALID', 'warning', 5, 3]]);
    expect(diagnostics[0]?.message).toContain("'Host' is not a group-by field of the inner correlation 'many_failed'");
  });

  it('reports cycles, and correlations that reference a broken one', () => {
    const { correlations, diagnostics } = lower(doc([
      'title: a',
      'name: a',
      'correlation: {type: temporal, rules: [b], timespan: 1m}',
      '---',
      'title: b',
      'name: b',
      'correlation: {type: temporal, rules: [failed_logon, a], timespan: 1m}',
      '---',
      'title: c',
      'name: c',
      'correlation: {type: temporal, rules: [c], timespan: 1m}',
      '---',
      'title: d',
      'correlation: {type: temporal, rules: [a, failed_logon], timespan: 1m}',
      '---',
      'title: e',
      'correlation: {type: temporal, rules: [failed_logon], timespan: 1m}',
    ]));
    expect(correlations.map((c) => c.title)).toEqual(['e']);
    expect(codes(diagnostics)).toEqual([
      ['CORRELATION_CYCLE', 'error', 3, 39],
      ['CORRELATION_CYCLE', 'error', 7, 53],
      ['CORRELATION_CYCLE', 'error', 11, 39],
      ['CORRELATION_REFERENCE', 'error', 14, 39],
    ]);
  });

  it('rejects an id used twice', () => {
    const { correlations, diagnostics } = lower(doc([
      'title: a',
      'id: 5638f7c0-ac70-491d-8465-2a65075e0d86',
      'correlation: {type: temporal, rules: [failed_logon], timespan: 1m}',
      '---',
      'title: b',
      'id: 5638f7c0-ac70-491d-8465-2a65075e0d86',
      'correlation: {type: temporal, rules: [failed_logon], timespan: 1m}',
    ]));
    expect(correlations.map((c) => c.title)).toEqual(['a']);
    expect(codes(diagnostics)).toEqual([['CORRELATION_INVALID', 'error', 5, 1]]);
  });

  it('suppressedRuleIds: what correlations with generate: false reference, inner correlations included', () => {
    const { correlations } = lower(doc([
      'title: inner',
      'name: inner',
      'correlation: {type: event_count, rules: [failed_logon], group-by: U, timespan: 1m, condition: {gte: 2}, generate: true}',
      '---',
      'title: outer',
      'correlation: {type: temporal, rules: [inner, successful_logon], group-by: U, timespan: 1m}',
      '---',
      'title: kept',
      'correlation: {type: event_count, rules: [proxy_upload], timespan: 1m, condition: {gte: 2}, generate: true}',
    ]));
    expect([...suppressedRuleIds(correlations)].sort()).toEqual(['inner', 'r-success']);
  });
});

describe('prepareRuleset wiring', () => {
  const rule = (name: string) => `title: ${name}\nname: ${name}\nlogsource: {product: windows}\ndetection: {sel: {EventID: 1}, condition: sel}\n`;

  it('lowers correlations after the rules and counts those that loaded', () => {
    const text = [
      'title: ok\ncorrelation: {type: temporal, rules: [ra, rb], group-by: User, timespan: 5m}\n',
      'title: broken\ncorrelation: {type: temporal, rules: [ra, missing], timespan: 5m}\n',
      rule('ra'),
      rule('rb'),
    ].join('---\n');
    const ruleset = prepareRuleset(loadRuleText(text, 'm.yml'), { logsourceMap: null });
    expect(ruleset.correlations.map((c) => [c.title, c.resolved])).toEqual([['ok', ['m.yml', 'm.yml']]]);
    expect(ruleset.loadedDocuments).toBe(3);
    expect(codes(ruleset.diagnostics)).toEqual([['CORRELATION_REFERENCE', 'error', 5, 43]]);
  });
});

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.resolve(here, '../../../shared/sigma-spec/examples/correlation');
const haveExamples = existsSync(examples);
if (!haveExamples) console.warn(`SKIPPED: Sigma specification correlation examples not found at ${examples} (../shared is absent)`);

describe.skipIf(!haveExamples)('the correlation examples of the Sigma specification', () => {
  const files = haveExamples ? readdirSync(examples).filter((f) => f.endsWith('.yml')).sort() : [];
  const referenced = [
    { id: '5638f7c0-ac70-491d-8465-2a65075e0d86' },
    ...['recon_cmd_a', 'recon_cmd_b', 'recon_cmd_c', 'rule_a_id', 'website_access', 'process_creation'].map((name) => ({ id: `id-${name}`, name })),
  ];

  it.each(files)('%s lowers (value_percentile without `percentile`: a warning, the median)', (file) => {
    const load = loadRuleText(readFileSync(path.join(examples, file), 'utf8'), file);
    expect(load.diagnostics).toEqual([]);
    const docs = load.documents.filter((d): d is SigmaCorrelation => d.kind === 'correlation');
    const { correlations, diagnostics } = lowerCorrelations(docs, referenced);
    expect(correlations).toHaveLength(1);
    if (file !== 'value_percentile.yml') {
      expect(diagnostics).toEqual([]);
      return;
    }
    expect(codes(diagnostics)).toEqual([['CORRELATION_INVALID', 'warning', 9, 5]]);
    expect(correlations[0]?.percentile).toBe(50);
  });
});
