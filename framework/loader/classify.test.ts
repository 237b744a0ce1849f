import { describe, expect, it } from 'vitest';
import { classifyDocument } from './classify.js';
import { readYamlDocuments } from './read-yaml.js';
import { documentToPlain } from './to-plain.js';

function classify(text: string): ReturnType<typeof classifyDocument> {
  const doc = readYamlDocuments(text, 'k.yml').documents[0];
  if (doc === undefined) throw new Error('no document');
  return classifyDocument(documentToPlain(doc).value, doc);
}

describe('classifyDocument', () => {
  it.each([
    ['title: r\ndetection: {}\n', 'rule'],
    ['title: c\ncorrelation: {}\n', 'correlation'],
    ['title: f\nfilter: {}\n', 'filter'],
    ['title: both\nfilter: {}\ncorrelation: {}\n', 'correlation'],
    ['title: r\naction: custom-value\n', 'rule'],
  ])('%j → %s', (text, kind) => {
    expect(classify(text)).toMatchObject({ ok: true, kind });
  });

  it.each(['global', 'reset', 'repeat'])('action: %s → LEGACY_ACTION at the action key', (action) => {
    const result = classify(`title: x\naction: ${action}\n`);
    if (result.ok) throw new Error('expected a diagnostic');
    expect(result.diagnostic).toMatchObject({ code: 'LEGACY_ACTION', severity: 'error', span: { line: 2, col: 1 } });
    expect(result.diagnostic.message).toContain(`(action: ${action})`);
  });

  it.each(['- a\n- b\n', 'just text\n', '42\n'])('non-map document %j → DOCUMENT_NOT_MAP', (text) => {
    const result = classify(text);
    expect(result).toMatchObject({ ok: false, diagnostic: { code: 'DOCUMENT_NOT_MAP', span: { line: 1, col: 1 } } });
  });
});
