/**
 * The whole-ruleset cross-check of `run`: silent when the matcher agrees with each rule's compiled test, and an
 * ENGINE_DISAGREEMENT problem at the case when it does not (simulated by giving the matcher a rule whose routing
 * and prefilter see different literals than its compiled test decides on).
 */
import { describe, expect, it } from 'vitest';
import type { RunnableCase } from '../harness/evaluate-case.js';
import type { PreparedSuite } from '../harness/run.js';
import { loadRuleFiles } from '../loader/index.js';
import { defaultLogsourceMap } from '../logsource/index.js';
import { prepareRuleset, type PreparedRule, type Ruleset } from '../ruleset/build-ruleset.js';
import { PORTMAP_RULE_YAML } from '../test-support/portmap-rule.js';
import { makeTempDir } from '../events/test-support.js';
import { RulesetCrossCheck } from './cross-check.js';

const OTHER = PORTMAP_RULE_YAML.replace('07837ab9-60e1-481f-a74d-c31fb496a94c', '5d1b7a43-8f4e-4c1b-9a39-2b8a0d3a7c11').replace("'.portmap.io'", "'.example.net'");

async function ruleset(): Promise<Ruleset> {
  const dir = makeTempDir();
  try {
    dir.write('portmap.yml', PORTMAP_RULE_YAML);
    dir.write('other.yml', OTHER);
    return prepareRuleset(await loadRuleFiles([dir.path]), { logsourceMap: defaultLogsourceMap().map });
  } finally {
    dir.remove();
  }
}

const event = (host: string): Record<string, unknown> => ({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 3, Initiated: 'true', DestinationHostname: host });

function caseOf(name: string, events: Record<string, unknown>[]): RunnableCase {
  return { name, origin: 'case-file', span: { file: 'cases/portmap.yml', line: 4, col: 5 }, expect: { kind: 'match' }, events, tags: [] };
}

function suiteOf(rules: readonly PreparedRule[], tested: PreparedRule, cases: RunnableCase[]): PreparedSuite {
  const base = { rules, documents: [], diagnostics: [], files: 2, loadedDocuments: 2, failedRules: 0 } as unknown as Ruleset;
  return { ruleset: base, entries: [{ rule: tested, cases, selected: true, ruleHit: true }], sequences: [], problems: [] };
}

describe('RulesetCrossCheck', () => {
  it('reports nothing when the whole-ruleset matcher agrees with the rule', async () => {
    const rs = await ruleset();
    const portmap = rs.rules.find((r) => r.ir.id.startsWith('07837ab9'))!;
    const suite = suiteOf(rs.rules, portmap, [caseOf('hit and miss', [event('x.portmap.io'), event('portmap.io'), event('a.example.net')])]);
    expect(new RulesetCrossCheck(suite).check(suite.entries, undefined)).toEqual([]);
  });

  it('reports an ENGINE_DISAGREEMENT at the case when the matcher decides otherwise', async () => {
    const rs = await ruleset();
    const portmap = rs.rules.find((r) => r.ir.id.startsWith('07837ab9'))!;
    const other = rs.rules.find((r) => r.ir.id.startsWith('5d1b7a43'))!;
    // Routing and prefilter read the IR (literal '.example.net'); the compiled test still decides '.portmap.io'.
    const broken: PreparedRule = { ...portmap, ir: { ...other.ir, id: portmap.ir.id, path: portmap.ir.path } };
    const suite = suiteOf([broken, other], broken, [caseOf('subdomain', [event('portmap.io'), event('x.portmap.io')])]);
    const problems = new RulesetCrossCheck(suite).check(suite.entries, undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'ENGINE_DISAGREEMENT', severity: 'error', span: { file: 'cases/portmap.yml', line: 4, col: 5 }, ruleId: portmap.ir.id });
    expect(problems[0]!.message).toContain("event #1 of case 'subdomain'");
  });

  it('skips cases the filter leaves out and cases whose events could not be read', async () => {
    const rs = await ruleset();
    const portmap = rs.rules.find((r) => r.ir.id.startsWith('07837ab9'))!;
    const other = rs.rules.find((r) => r.ir.id.startsWith('5d1b7a43'))!;
    const broken: PreparedRule = { ...portmap, ir: { ...other.ir, id: portmap.ir.id, path: portmap.ir.path } };
    const unreadable: RunnableCase = { ...caseOf('unreadable', [event('x.portmap.io')]), readErrors: [{ code: 'IO_ERROR', severity: 'error', message: 'gone', span: { file: 'x.json', line: 1, col: 1 } }] };
    const suite = suiteOf([broken, other], broken, [caseOf('subdomain', [event('x.portmap.io')]), unreadable]);
    const entry = { ...suite.entries[0]!, ruleHit: false };
    const check = new RulesetCrossCheck(suite);
    expect(check.check([entry], 'no case has this name')).toEqual([]);
    expect(check.check([entry], 'unreadable')).toEqual([]);
    expect(check.check([entry], 'subdomain')).toHaveLength(1);
  });
});
