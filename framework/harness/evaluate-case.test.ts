import { describe, expect, it } from 'vitest';
import { loadRuleText } from '../loader/index.js';
import { defaultLogsourceMap } from '../logsource/index.js';
import type { Expectation } from '../report/model.js';
import { prepareRuleset, type PreparedRule } from '../ruleset/build-ruleset.js';
import { evaluateCase, type RunnableCase } from './evaluate-case.js';
import { PORTMAP_RULE_YAML } from '../test-support/portmap-rule.js';

const RULE = PORTMAP_RULE_YAML;
const rule = prepareRuleset(loadRuleText(RULE, 'r.yml'), { logsourceMap: defaultLogsourceMap().map }).rules[0] as PreparedRule;
const hit = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 3, Initiated: 'true', DestinationHostname: 'a.portmap.io' };
const miss = { ...hit, DestinationHostname: 'portmap.io' };

function kase(expect: Expectation, events: Record<string, unknown>[], extra: Partial<RunnableCase> = {}): RunnableCase {
  return { name: 'c', origin: 'case-file', span: { file: 'c.yml', line: 3, col: 5 }, expect, events, tags: [], ...extra };
}

describe('evaluateCase', () => {
  it('passes match / no-match expectations and explains nothing on a pass', () => {
    expect(evaluateCase(rule, kase({ kind: 'match' }, [hit])).status).toBe('pass');
    expect(evaluateCase(rule, kase({ kind: 'no-match' }, [miss])).status).toBe('pass');
    expect(evaluateCase(rule, kase({ kind: 'match' }, [hit])).outcomes[0]?.explanation).toBeUndefined();
  });

  it('fails when any event goes the wrong way and explains that event', () => {
    const r = evaluateCase(rule, kase({ kind: 'match' }, [hit, miss]));
    expect(r.status).toBe('fail');
    expect(r.message).toBe('expected match, 1 of 2 events matched');
    expect(r.outcomes[0]?.explanation).toBeUndefined();
    expect(r.outcomes[1]?.explanation?.matched).toBe(false);
  });

  it('checks exact counts, and at-least counts with a warning above the count', () => {
    expect(evaluateCase(rule, kase({ kind: 'count', count: 1, atLeast: false }, [hit, miss])).status).toBe('pass');
    expect(evaluateCase(rule, kase({ kind: 'count', count: 1, atLeast: false }, [hit, hit])).status).toBe('fail');
    const many = evaluateCase(rule, kase({ kind: 'count', count: 1, atLeast: true }, [hit, hit]));
    expect(many.status).toBe('pass');
    expect(many.warning).toContain('more matches than match_count 1');
    expect(evaluateCase(rule, kase({ kind: 'count', count: 2, atLeast: true }, [hit, miss])).status).toBe('fail');
  });

  it('is an error, never a pass, when the events cannot be read or there are none', () => {
    const readErrors = [{ code: 'EVENT_MALFORMED' as const, severity: 'error' as const, message: 'bad', span: { file: 'e.json', line: 4, col: 1 } }];
    expect(evaluateCase(rule, kase({ kind: 'no-match' }, [miss], { readErrors }))).toMatchObject({ status: 'error', message: 'cannot evaluate: e.json:4: bad' });
    expect(evaluateCase(rule, kase({ kind: 'no-match' }, [])).status).toBe('error');
  });

  it('fails on a disagreement between the compiled matcher and the reference, whatever was expected', () => {
    const broken: PreparedRule = { ...rule, compiled: { ...rule.compiled, test: () => true, matches: () => true } };
    const r = evaluateCase(broken, kase({ kind: 'match' }, [miss]));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('engine disagreement');
    expect(r.outcomes[0]).toMatchObject({ matched: true, referenceMatched: false });
  });
});
