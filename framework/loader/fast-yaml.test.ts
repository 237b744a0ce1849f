import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFastYaml } from './fast-yaml.js';
import { compareWithYaml } from './test-support/yaml-equivalence.js';

const RULE = `title: Suspicious 'thing'
id: 5f1c-0001
status: test
description: |
    Detects a thing.

    Second paragraph: with a colon # and a hash
references:
    - https://example.org/a#frag
tags:
- attack.t1059
author: "Jane \\"JD\\" Doe \\u00e9"
date: 2024-01-02
logsource:
    product: windows   # the product
    category: process_creation
detection:
    selection:
        - Image|endswith: '\\cmd.exe'
          CommandLine|contains|all:
              - ' /c '
              - "echo"
        - 'Quoted|key': it''s
    filter:
        EventID: 4688
        Enabled: yes
        Value: 0x1F
        Other: ~
        Float: 1.5e3
    condition: selection and not filter
falsepositives:
    - Unknown
level: high
`;

describe('parseFastYaml', () => {
  it('reads a typical rule exactly as the yaml package does', () => {
    expect(parseFastYaml(RULE)).not.toBeNull();
    expect(compareWithYaml(RULE)).toBe('same');
  });

  it('reads empty values, multi-line plain scalars and tabs in comment lines like the yaml package', () => {
    for (const text of ['a:\nb: 1\nc:   # x\nd:\n  -\n  - x\n', 'a: one\n  two  \n   three\nb: x\n', 'a: 1\n# \t tab\n', 'k:\n- :x\n- ?y\n', 'k:\n  one and\n  (two)\nl:\n  - \n    x\n']) {
      expect(parseFastYaml(text)).not.toBeNull();
      expect(compareWithYaml(text)).toBe('same');
    }
  });

  it('reads a large map without duplicate keys', () => {
    const text = `${Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`).join('\n')}\n`;
    expect(compareWithYaml(text)).toBe('same');
  });

  it('types plain scalars with the YAML 1.2 core schema and keeps the source text', () => {
    const fast = parseFastYaml('a: 0x1F\nb: 010\nc: true\nd: yes\ne: ~\nf: .inf\n');
    expect(fast?.doc.toJS()).toEqual({ a: 31, b: 10, c: true, d: 'yes', e: null, f: Infinity });
  });

  it.each([
    ['a flow sequence', 'a: [1, 2]\n'],
    ['a flow map', 'a: {b: 1}\n'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a directive', '%YAML 1.1\n---\na: 1\n'],
    ['a tab', 'a:\tb\n'],
    ['a tab in a block scalar', 'a: |\n  # \tx\n'],
    ['a multi-line plain scalar after a comment', 'a: one # c\n  two\n'],
    ['a multi-line plain scalar with a blank line', 'a: one\n\n  two\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate key after typing', 'a:\n  1: x\n  01: y\n'],
    ['a duplicate key in a large map', `${Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`).join('\n')}\nk3: again\n`],
    ['a multi-line quoted scalar', "a: 'one\n  two'\n"],
    ['a folded block scalar', 'a: >\n  text\n'],
    ['a keep-chomping block scalar', 'a: |+\n  text\n\n'],
    ['a nested compact map', 'a: b: c\n'],
    ['a nested compact sequence', 'a:\n  - - x\n'],
    ['a scalar document', 'just text\n'],
    ['an empty text', ''],
    ['only comments', '# nothing\n'],
    ['an invalid escape', 'a: "\\q"\n'],
    ['a bad indentation', 'a:\n    b: 1\n  c: 2\n'],
  ])('leaves %s to the yaml package', (_name, text) => {
    expect(parseFastYaml(text)).toBeNull();
  });

  it('agrees with the yaml package (or declines) on generated rule-like texts (seed 20251204)', () => {
    console.info('fast-yaml generated texts: fast-check seed 20251204');
    let accepted = 0;
    fc.assert(
      fc.property(ruleLikeText(), (text) => {
        const result = compareWithYaml(text);
        if (result === 'same') accepted++;
        expect(result === 'same' || result === 'outside' ? 'ok' : `${result}\n${text}`).toBe('ok');
      }),
      { seed: 20251204, numRuns: 3000 },
    );
    console.info(`fast-yaml generated texts: ${accepted} of 3000 on the fast path`);
    expect(accepted).toBeGreaterThan(500);
  });

  it('agrees with the yaml package (or declines) on mutated rules (seed 7)', () => {
    console.info('fast-yaml mutated texts: fast-check seed 7');
    let accepted = 0;
    fc.assert(
      fc.property(mutation(RULE), (text) => {
        const result = compareWithYaml(text);
        if (result === 'same') accepted++;
        expect(result === 'same' || result === 'outside' ? 'ok' : `${result}\n${text}`).toBe('ok');
      }),
      { seed: 7, numRuns: 4000 },
    );
    // The mutations must exercise the fast path, not only the fallback.
    console.info(`fast-yaml mutated texts: ${accepted} of 4000 on the fast path`);
    expect(accepted).toBeGreaterThan(400);
  });
});

type Tree = string | { readonly map: readonly (readonly [string, Tree])[] } | { readonly seq: readonly Tree[] };

const KEYS = ['a', 'b', 'Image|endswith', "'q k'", '"d k"', '1', '01', 'true', '-x', 'k#h', 'a:b', 'x y', 'é', 'C', 'a', 'k,', 'detection', 'filter', '__proto__'];
/** Scalars the fast reader should accept (in the right place) and scalars it must decline or get right. */
const VALID_SCALARS = [
  'v', "'s q'", "'it''s'", "''", '"d\\tq"', '"\\x41\\u00e9\\/"', '"a\\"b"', '1', '0x1F', '0o17', '-1.5e3', '.NaN',
  'null', '~', 'yes', 'a #c', 'a#b', '-x', 'C:\\x', 'a\\', 'ab  ', 'a,b]', '|\n  text\n\n  more\n', '|-\n   one\n     two\n',
  '|\n\n  after blank\n', '|\n  # hash line\n', "'x' # c", ':x', '?x', 'one\n  two', 'one\n    two  \n   three', '',
  '2024-01-02', '2024-1-2 10:00:00', '010', '1_000', '1:30', 'On', "'2024-01-02'", 'True', 'FALSE', 'Null', 'NULL', 'nullx', 'Tru', '+.inf',
];
const TRICKY_SCALARS = [
  '"\\q"', 'a: b', "'x'#c", "'x' y", '[1]', '{a: 1}', '&a x', '*a', '!t x', '%x', '@x', '`x', '? x', ': x',
  '>\n  folded\n', '|2\n  x\n', '|\n', '|\n    deep\n  shallow\n', '|\n  x\n   \n', '"\\x4"', '"\\U0011FFFF"',
  'one # c\n  two', 'one\n\n  two', 'one\n  - two', 'one\n  two: x', 'one\n  # two', 'a\tb', '# \t', '?', ':',
];
const scalar = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...VALID_SCALARS) }, { weight: 1, arbitrary: fc.constantFrom(...TRICKY_SCALARS) });

/** A random tree of maps, sequences and scalar snippets (some of them invalid YAML on purpose). */
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({ map: fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('node')), { minLength: 1, maxLength: 4 }) }),
    fc.record({ seq: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
  ),
})).node;

/** Render a tree as block YAML; `style` picks indentation widths and comment placement. */
function render(node: Tree, indent: number, style: readonly number[], at = 0): string[] {
  const pick = (i: number): number => style[(at + i) % style.length] ?? 0;
  const pad = ' '.repeat(indent);
  if (typeof node === 'string') return [`${pad}${node}`];
  if ('map' in node) {
    return node.map.flatMap(([key, value], i) => {
      const comment = pick(i) % 5 === 0 ? [`${' '.repeat(pick(i + 1) % 6)}# note${pick(i + 2) % 4 === 0 ? '\t' : ''}`] : [];
      if (typeof value === 'string') {
        const [first = '', ...rest] = value.split('\n');
        const below = pick(i + 5) % 6 === 0 ? `\n${pad}${' '.repeat(1 + (pick(i + 6) % 3))}` : ' ';
        return [...comment, `${pad}${key}:${first === '' ? '' : below}${first}`, ...rest.map((r) => (r === '' ? '' : pad + r))];
      }
      const childIndent = 'seq' in value && pick(i + 2) % 3 === 0 ? indent : indent + 1 + (pick(i + 3) % 4);
      return [...comment, `${pad}${key}:${pick(i + 4) % 7 === 0 ? '  # trailing' : ''}`, ...render(value, childIndent, style, at + i + 5)];
    });
  }
  return node.seq.flatMap((item, i) => {
    if (typeof item === 'string') {
      const [first = '', ...rest] = item.split('\n');
      return [`${pad}-${first === '' ? '' : ' '}${first}`, ...rest.map((r) => (r === '' ? '' : pad + '  ' + r))];
    }
    if ('map' in item && pick(i) % 2 === 0) {
      const width = 1 + (pick(i + 1) % 3);
      const lines = render(item, indent + 1 + width, style, at + i + 2);
      const first = lines[0] ?? '';
      return [`${pad}-${' '.repeat(width)}${first.trimStart()}`, ...lines.slice(1)];
    }
    return [`${pad}-`, ...render(item, indent + 1 + (pick(i + 3) % 3), style, at + i + 4)];
  });
}

function ruleLikeText(): fc.Arbitrary<string> {
  const root = fc.array(fc.tuple(fc.constantFrom(...KEYS), tree), { minLength: 1, maxLength: 4 });
  return fc
    .tuple(root, fc.array(fc.nat(12), { minLength: 1, maxLength: 8 }))
    .map(([entries, style]) => `title: t\n${render({ map: entries }, 0, style).join('\n')}\n`);
}

/** `base` with a few characters inserted, deleted or replaced. */
function mutation(base: string): fc.Arbitrary<string> {
  const piece = fc.constantFrom(' ', '  ', '\n', '#', ':', '-', "'", '"', '|', '\\', '[', '{', '&', '*', '!', '?', 'x', '1', '- ', ': ', ' #');
  const edit = fc.tuple(fc.nat(base.length), fc.nat(3), piece);
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let text = base;
    for (const [at, remove, insert] of edits) {
      const p = at % (text.length + 1);
      text = text.slice(0, p) + insert + text.slice(p + remove);
    }
    return text;
  });
}

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '../../../shared');
const sigma = path.join(shared, 'sigma');
const present = existsSync(sigma);
if (!present) console.warn(`SKIPPED: ../shared not found at ${shared}; the corpus test of the fast YAML reader did not run`);

function yamlFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/i.test(name) ? [full] : [];
  });
}

describe.skipIf(!present)('parseFastYaml on the SigmaHQ corpus', () => {
  it('agrees with the yaml package on every file it reads, and reads at least 97% of the rules', () => {
    const files = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-placeholder', 'rules-compliance', 'deprecated', 'unsupported']
      .map((f) => path.join(sigma, f))
      .filter(existsSync)
      .flatMap(yamlFiles);
    const differences: string[] = [];
    let fast = 0;
    for (const file of files) {
      const result = compareWithYaml(readFileSync(file, 'utf8'));
      if (result === 'same') fast++;
      else if (result !== 'outside') differences.push(`${file}: ${result}`);
    }
    console.info(`fast-yaml: ${fast} of ${files.length} corpus files on the fast path`);
    expect(differences).toEqual([]);
    expect(fast / files.length).toBeGreaterThan(0.97);
  });
});
