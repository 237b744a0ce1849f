import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleFiles, loadRuleText } from './load-rules.js';

const RULE = (title: string): string =>
  `title: ${title}\nlogsource: {product: windows}\ndetection:\n  sel: {Image: x}\n  condition: sel\n`;

function codesAt(text: string): string[] {
  return loadRuleText(text, 'm.yml').diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.col}`);
}

describe('loadRuleText: YAML problems', () => {
  it('reports a duplicate key at the repeated key and rejects that document only', () => {
    const text = `${RULE('a')}---\ntitle: b\nlogsource: {product: windows}\ndetection:\n  sel:\n    Image: x\n    Image: y\n  condition: sel\n`;
    const result = loadRuleText(text, 'm.yml');
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.span])).toEqual([
      ['YAML_DUPLICATE_KEY', 'error', { file: 'm.yml', line: 12, col: 5 }],
    ]);
    expect(result.documents.map((d) => d.title)).toEqual(['a']);
  });

  it('reports a syntax error where it is and still loads the other documents of the file', () => {
    const text = `${RULE('first')}---\ntitle: broken\nlogsource: {product: windows}\ndetection:\n  sel: a: b\n  condition: sel\n---\n${RULE('third')}`;
    const result = loadRuleText(text, 'm.yml');
    expect(result.diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.col}`)).toEqual(['YAML_SYNTAX@10:8']);
    expect(result.documents.map((d) => [d.title, d.docIndex])).toEqual([
      ['first', 0],
      ['third', 2],
    ]);
  });

  it('is unaffected by a BOM, CRLF line ends and a %YAML 1.1 directive', () => {
    const crlf = `\uFEFF${RULE('a').replaceAll('\n', '\r\n')}`;
    const withBom = loadRuleText(crlf, 'm.yml');
    expect(withBom.diagnostics).toEqual([]);
    expect(withBom.documents[0]?.title).toBe('a');
    const directive = loadRuleText(`%YAML 1.1\n---\n${RULE('b')}date: 2024-01-31\nx: [yes, 010]\n`, 'm.yml');
    expect(directive.diagnostics).toEqual([]);
    expect(directive.documents[0]?.raw).toMatchObject({ date: '2024-01-31', x: ['yes', 10] });
  });

  it('skips empty documents and rejects non-map documents', () => {
    expect(loadRuleText(`${RULE('a')}---\n`, 'm.yml').documents).toHaveLength(1);
    expect(loadRuleText('# only a comment\n', 'm.yml')).toEqual({ documents: [], diagnostics: [], files: 1 });
    expect(codesAt(`${RULE('a')}---\n- just\n- a list\n---\nplain text\n`)).toEqual(['DOCUMENT_NOT_MAP@7:1', 'DOCUMENT_NOT_MAP@10:1']);
  });
});

describe('loadRuleText: document kinds', () => {
  it('rejects a Sigma 1.x action: global collection with one located LEGACY_ACTION', () => {
    const text = `title: g\nlogsource: {product: windows}\naction: global\ndetection: {condition: sel}\n---\ndetection:\n  sel: {A: 1}\n`;
    const result = loadRuleText(text, 'm.yml');
    expect(result.documents).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      [
        'LEGACY_ACTION',
        3,
        1,
        'Sigma 1.x multi-document collections (action: global) are not supported by Sigma v2; merge the global document into each rule',
      ],
    ]);
  });

  it('treats any other action value as a custom attribute', () => {
    const result = loadRuleText(`${RULE('a')}action: block\n`, 'm.yml');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents[0]?.raw['action']).toBe('block');
  });

  it('loads a correlation followed by the rules it references', () => {
    const correlation = 'title: c\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  group-by: User\n  timespan: 5m\n';
    const result = loadRuleText(`${correlation}---\n${RULE('a')}---\n${RULE('b')}`, 'm.yml');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents.map((d) => [d.kind, d.title, d.docIndex, d.span.line])).toEqual([
      ['correlation', 'c', 0, 1],
      ['rule', 'a', 1, 8],
      ['rule', 'b', 2, 14],
    ]);
  });

  it('fills metadata, logsource and spans of a rule', () => {
    const text = [
      'title: t',
      'id: 5638f7c0-ac70-491d-8465-2a65075e0d86',
      'level: low',
      'logsource:',
      '  product: windows',
      '  category: process_creation',
      '  definition: d',
      'detection:',
      '  sel: {A: 1}',
      '  condition: sel',
      '',
    ].join('\n');
    const rule = loadRuleText(text, 'm.yml').documents[0];
    if (rule?.kind !== 'rule') throw new Error('expected a rule');
    expect(rule).toMatchObject({
      file: 'm.yml',
      title: 't',
      id: '5638f7c0-ac70-491d-8465-2a65075e0d86',
      level: 'low',
      tags: [],
      references: [],
      falsepositives: [],
      logsource: { product: 'windows', category: 'process_creation', definition: 'd' },
      logsourceSpan: { file: 'm.yml', line: 4, col: 1 },
    });
    expect(rule.detection.span).toEqual({ file: 'm.yml', line: 8, col: 1 });
    expect('status' in rule).toBe(false);
  });
});

describe('loadRuleFiles', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'sigmatest-loader-'));
    mkdirSync(path.join(root, 'rules/b'), { recursive: true });
    mkdirSync(path.join(root, 'rules/a'), { recursive: true });
    mkdirSync(path.join(root, 'rules/.hidden'), { recursive: true });
    mkdirSync(path.join(root, 'empty/sub'), { recursive: true });
    writeFileSync(path.join(root, 'rules/b/z.yml'), RULE('bz'));
    writeFileSync(path.join(root, 'rules/a/y.yaml'), RULE('ay'));
    writeFileSync(path.join(root, 'rules/a/x.yml'), RULE('ax'));
    writeFileSync(path.join(root, 'rules/a/notes.txt'), 'not a rule');
    writeFileSync(path.join(root, 'rules/.hidden/h.yml'), RULE('hidden'));
    writeFileSync(path.join(root, 'rules/top.yml'), `${RULE('top')}---\nbroken: [\n`);
    writeFileSync(path.join(root, 'empty/sub/readme.md'), '# nothing');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('walks folders recursively in sorted order and names files under the path as given', async () => {
    const given = path.join(root, 'rules');
    const result = await loadRuleFiles([given]);
    expect(result.files).toBe(4);
    expect(result.documents.map((d) => [d.title, d.file])).toEqual([
      ['ax', `${given}/a/x.yml`],
      ['ay', `${given}/a/y.yaml`],
      ['bz', `${given}/b/z.yml`],
      ['top', `${given}/top.yml`],
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.span.file])).toEqual([['YAML_SYNTAX', `${given}/top.yml`]]);
  });

  it('keeps a relative path relative', async () => {
    const relative = path.relative(process.cwd(), path.join(root, 'rules/a/x.yml'));
    const result = await loadRuleFiles([relative]);
    expect(result.documents[0]?.file).toBe(relative);
    expect(result.documents[0]?.span.file).toBe(relative);
  });

  it('reports a missing path and a folder without rule files, and loads the rest', async () => {
    const missing = path.join(root, 'nope');
    const empty = path.join(root, 'empty');
    const result = await loadRuleFiles([missing, empty, path.join(root, 'rules/a/x.yml')]);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.span.file]).sort()).toEqual([
      ['IO_ERROR', 'error', missing],
      ['NO_RULE_FILES', 'error', empty],
    ]);
    expect(result.files).toBe(1);
    expect(result.documents).toHaveLength(1);
  });

  it('reads a file named explicitly whatever its extension, once', async () => {
    const notes = path.join(root, 'rules/a/notes.txt');
    const x = path.join(root, 'rules/a/x.yml');
    const result = await loadRuleFiles([notes, x, x]);
    expect(result.files).toBe(2);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['DOCUMENT_NOT_MAP']);
  });
});
