/**
 * A rule's text is data: hostile values (quotes, backticks, `${`, `</script>`, newlines, NUL, U+2028, regex
 * metacharacters) must load, compile and match literally on both evaluators, and nothing in them may execute.
 */
import { describe, expect, it } from 'vitest';
import { lowerRule } from '../ir/lower.js';
import { loadRuleText } from '../loader/index.js';
import { compileRule } from './compile.js';
import { referenceDecide } from './reference.js';

const HOSTILE = [
  "'); globalThis.pwned = 1; ('",
  '"; globalThis.pwned = 1; "',
  '`${globalThis.pwned = 1}`',
  '${process.exit(3)}',
  '</script><script>globalThis.pwned=1</script>',
  'line1\nline2',
  'nul\u0000byte',
  'sep\u2028arator',
  '\\u0027 + pwned + \\u0027',
  '(?=a)[^]{0,3}$^.+|()',
  'return pwned',
];

function yamlDoubleQuoted(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028');
}

function ruleText(modifier: string, value: string): string {
  return [
    'title: hostile',
    'logsource: {product: windows, category: process_creation}',
    'detection:',
    '  sel:',
    `    CommandLine${modifier}: ${yamlDoubleQuoted(value)}`,
    '  condition: sel',
    '',
  ].join('\n');
}

function prepare(modifier: string, value: string) {
  const load = loadRuleText(ruleText(modifier, value), 'hostile.yml');
  const doc = load.documents[0];
  if (!doc || doc.kind !== 'rule') throw new Error(`did not load: ${JSON.stringify(load.diagnostics)}`);
  const lowered = lowerRule(doc);
  if (!lowered.rule) throw new Error(`did not lower: ${JSON.stringify(lowered.diagnostics)}`);
  return { ir: lowered.rule, compiled: compileRule(lowered.rule) };
}

describe('hostile rule values stay data', () => {
  for (const value of HOSTILE) {
    it(`${JSON.stringify(value)} matches literally and executes nothing`, () => {
      const g = globalThis as Record<string, unknown>;
      delete g['pwned'];
      for (const modifier of ['', '|contains', '|startswith', '|endswith', '|contains|cased']) {
        const { ir, compiled } = prepare(modifier, value);
        const exact = { CommandLine: value };
        const wrapped = { CommandLine: `x${value}x` };
        const other = { CommandLine: 'harmless' };
        expect(referenceDecide(ir, exact)).toBe(true);
        expect(compiled.matches(exact)).toBe(true);
        expect(compiled.matches(wrapped)).toBe(modifier.includes('contains'));
        expect(referenceDecide(ir, wrapped)).toBe(modifier.includes('contains'));
        expect(compiled.matches(other)).toBe(false);
      }
      expect(g['pwned']).toBeUndefined();
    });
  }
});
