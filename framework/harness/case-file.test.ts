import { describe, expect, it } from 'vitest';
import { parseCaseFile } from './case-file.js';

const FILE = 'cases/x.yml';

describe('parseCaseFile', () => {
  it('reads cases with their line, expectation, events (evtx shape flattened), tags and note', () => {
    const text = `rule: abc
cases:
  - name: one
    expect: match
    event: {A: 1}
    tags: [positive]
  - name: two
    matches: 1
    events:
      - {Event: {System: {EventID: 3, Channel: C}, EventData: {Initiated: 'true'}}}
      - {A: 2}
    note: why
`;
    const { files, diagnostics } = parseCaseFile(text, FILE);
    expect(diagnostics).toEqual([]);
    const [one, two] = files[0]!.cases;
    expect(one).toMatchObject({ name: 'one', span: { file: FILE, line: 3, col: 5 }, expect: { kind: 'match' }, events: [{ A: 1 }], tags: ['positive'] });
    expect(two).toMatchObject({ name: 'two', span: { line: 7 }, expect: { kind: 'count', count: 1, atLeast: false }, note: 'why' });
    expect(two!.events[0]).toMatchObject({ EventID: 3, Channel: 'C', Initiated: 'true' });
    expect(files[0]!.ruleSpan).toEqual({ file: FILE, line: 1, col: 7 });
  });

  it.each([
    ['both expect and matches', 'rule: a\ncases:\n  - name: n\n    expect: match\n    matches: 1\n    event: {}\n', 3],
    ['neither event nor events', 'rule: a\ncases:\n  - name: n\n    expect: match\n', 3],
    ['an unknown key', 'rule: a\ncases:\n  - name: n\n    expect: match\n    evnt: {}\n    event: {}\n', 3],
    ['a bad expect value', 'rule: a\ncases:\n  - name: n\n    expect: yes\n    event: {}\n', 4],
    ['no rule', 'cases:\n  - name: n\n    expect: match\n    event: {}\n', 1],
  ])('rejects %s with a located CASE_SCHEMA error', (_label, text, line) => {
    const { files, diagnostics } = parseCaseFile(text, FILE);
    expect(files).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code: 'CASE_SCHEMA', severity: 'error', span: { file: FILE, line } });
  });

  it('reads sequence cases: alerts, groups as string forms, timestamp_field', () => {
    const text = `rule: many_failed_logons
cases:
  - name: fires
    timestamp_field: time
    events:
      - {time: '2026-03-02T10:00:00Z', User: alice, Port: 445}
    expect: {alerts: 2, groups: [{User: alice, Port: 445}, {User: bob, Port: 22}]}
  - name: does not fire
    event: {User: alice}
    expect: {alerts: 0}
`;
    const { files, diagnostics } = parseCaseFile(text, FILE);
    expect(diagnostics).toEqual([]);
    const [fires, quiet] = files[0]!.cases;
    expect(fires).toMatchObject({
      name: 'fires',
      timestampField: 'time',
      expect: { kind: 'alerts', alerts: 2, groups: [{ User: 'alice', Port: '445' }, { User: 'bob', Port: '22' }] },
    });
    expect(quiet!.expect).toEqual({ kind: 'alerts', alerts: 0 });
    expect(quiet!.timestampField).toBeUndefined();
  });

  it.each([
    ['groups that do not match the alert count', 'rule: a\ncases:\n  - name: n\n    events: [{}]\n    expect: {alerts: 1, groups: [{U: a}, {U: b}]}\n', 5, /lists 2 group\(s\) but alerts is 1/],
    ['a negative alert count', 'rule: a\ncases:\n  - name: n\n    events: [{}]\n    expect: {alerts: -1}\n', 5, /alerts/],
    ['an unknown key in expect', 'rule: a\ncases:\n  - name: n\n    events: [{}]\n    expect: {alert: 1}\n', 5, /expect/],
    ['a group value that is a map', 'rule: a\ncases:\n  - name: n\n    events: [{}]\n    expect: {alerts: 1, groups: [{U: {x: 1}}]}\n', 5, /string, a number or a boolean/],
    ['timestamp_field on a match case', 'rule: a\ncases:\n  - name: n\n    timestamp_field: t\n    event: {}\n    expect: match\n', 6, /timestamp_field is for sequence cases/],
  ])('rejects %s with a located CASE_SCHEMA error', (_label, text, line, message) => {
    const { files, diagnostics } = parseCaseFile(text, FILE);
    expect(files).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code: 'CASE_SCHEMA', severity: 'error', span: { file: FILE, line } });
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(message);
  });

  it('reports broken YAML as YAML_SYNTAX and an empty file as CASE_SCHEMA', () => {
    expect(parseCaseFile('rule: [\n', FILE).diagnostics[0]?.code).toBe('YAML_SYNTAX');
    expect(parseCaseFile('', FILE).diagnostics[0]?.code).toBe('CASE_SCHEMA');
  });
});
