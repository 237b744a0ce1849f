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

  it('reports broken YAML as YAML_SYNTAX and an empty file as CASE_SCHEMA', () => {
    expect(parseCaseFile('rule: [\n', FILE).diagnostics[0]?.code).toBe('YAML_SYNTAX');
    expect(parseCaseFile('', FILE).diagnostics[0]?.code).toBe('CASE_SCHEMA');
  });
});
