import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { artifactUri, renderSarif } from './sarif.js';
import { OUTSIDE_FILE, cleanReport, sampleReport } from './test-support/sample-report.js';

const schema = JSON.parse(
  readFileSync(new URL('./test-support/sarif-2.1.0-required.schema.json', import.meta.url), 'utf8'),
) as object;
const Ajv = AjvModule.default;
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

interface Loc {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } };
}
interface Result {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: Loc[];
  relatedLocations?: Loc[];
}
interface Sarif {
  $schema: string;
  version: string;
  runs: { tool: { driver: { name: string; version: string; rules: { id: string; name: string }[] } }; results: Result[] }[];
}

function run(text: string): Sarif['runs'][number] {
  const log = JSON.parse(text) as Sarif;
  expect(log.runs).toHaveLength(1);
  return log.runs[0] as Sarif['runs'][number];
}

const at = (l: Loc | undefined): [string, number] | undefined =>
  l && [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine];

describe('renderSarif (results.sarif)', () => {
  it('validates against the required structure of SARIF 2.1.0 (sample and clean runs)', () => {
    for (const report of [sampleReport(), cleanReport()]) {
      const log = JSON.parse(renderSarif(report)) as Sarif;
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(log.version).toBe('2.1.0');
      expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    }
  });

  it('the schema rejects what SARIF forbids (guards the guard)', () => {
    const log = JSON.parse(renderSarif(sampleReport())) as Sarif;
    const result = log.runs[0]?.results[0] as Result;
    (result.locations[0] as Loc).physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {} }] }] })).toBe(false);
  });

  it('has one result per failing case, at the case line, related to the rule line', () => {
    const report = sampleReport();
    const { results } = run(renderSarif(report));
    const failing = report.cases.filter((c) => c.status !== 'pass');
    for (const c of failing) {
      const r = results.find((x) => x.ruleId === c.ruleId && x.message.text.includes(`Case '${c.name}'`));
      expect(r, c.name).toBeDefined();
      expect(r?.level).toBe('error');
      expect(at(r?.locations[0])).toEqual([artifactUri(c.span.file), c.span.line]);
      expect(r?.locations[0]?.physicalLocation.region.startColumn).toBe(c.span.col);
      expect(at(r?.relatedLocations?.[0])).toEqual([artifactUri(c.rulePath), c.ruleSpan.line]);
    }
    const errors = report.problems.filter((p) => p.severity === 'error');
    expect(results).toHaveLength(failing.length + errors.length);
  });

  it('says expected vs actual and the deciding items in the message', () => {
    const { results } = run(renderSarif(sampleReport()));
    const text = results.find((r) => r.message.text.includes("'split flag variant'"))?.message.text ?? '';
    expect(text).toContain('expected a match on every event, got 0 of 1 event matched');
    expect(text).toContain("selection_cli ✗ CommandLine|contains|all: '-urlcache', '-f'");
    const related = results.find((r) => r.message.text.includes("'split flag variant'"))?.relatedLocations ?? [];
    expect(related.map(at)).toContainEqual(['rules/windows/proc_creation_win_certutil.yml', 10]);
  });

  it('has one result per error problem, ruleId sigmatest/<code>, at its span', () => {
    const report = sampleReport();
    const { results } = run(renderSarif(report));
    for (const p of report.problems) {
      const r = results.filter((x) => x.ruleId === `sigmatest/${p.code}`);
      expect(r.map((x) => at(x.locations[0]))).toEqual(p.severity === 'error' ? [[artifactUri(p.span.file), p.span.line]] : []);
    }
  });

  it('describes each failing rule once (id, title), and ruleIndex points at the descriptor', () => {
    const report = sampleReport();
    const { tool, results } = run(renderSarif(report));
    expect(tool.driver.name).toBe('sigmatest');
    expect(tool.driver.version).toBe(report.tool.version);
    const ids = tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of report.rules) expect(tool.driver.rules.find((d) => d.id === rule.id)?.name).toBe(rule.title);
    for (const r of results) expect(tool.driver.rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
    expect(run(renderSarif(cleanReport())).tool.driver.rules).toEqual([]);
  });

  it('uses repo-relative forward-slash URIs inside the cwd and the path as given outside it', () => {
    const uris = renderSarif(sampleReport());
    expect(uris).toContain('"uri": "cases/certutil.yml"');
    expect(uris).toContain(`"uri": "${OUTSIDE_FILE}"`);
    expect(uris).not.toContain(process.cwd());
    expect(artifactUri('rules/a b#c.yml')).toBe('rules/a%20b%23c.yml');
  });

  it('is deterministic', () => {
    expect(renderSarif(sampleReport())).toBe(renderSarif(sampleReport()));
  });
});
