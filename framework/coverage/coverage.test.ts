import { describe, expect, it } from 'vitest';
import { fuzzRules } from '../../generators/fuzz/run-fuzz.js';
import { indexFuzzReport } from './fuzz-findings.js';
import type { ItemCoverage, RuleCoverage } from './model.js';
import { coverageOf, kase, prepare, SYSMON_1 } from './test-support/fixtures.js';

const RULE = `title: Whoami from cmd
id: 6a1f4e0c-5b1e-4c1b-9b0e-1d2c3b4a5f60
logsource: {product: windows, category: process_creation}
detection:
  selection:
    Image|endswith: '\\cmd.exe'
    CommandLine|contains:
      - '/c whoami'
      - '/c net user'
  filter:
    User: SYSTEM
  condition: selection and not filter
`;

const rule = prepare(RULE);
const hit = { ...SYSMON_1, Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c whoami', User: 'bob' };

function item(cov: RuleCoverage, field: string): ItemCoverage {
  const found = cov.selections.flatMap((s) => s.items).find((i) => i.field === field);
  if (!found) throw new Error(`no item ${field}`);
  return found;
}

describe('logic coverage from hand-written cases', () => {
  const cov = coverageOf(rule, [
    kase('whoami from cmd', { kind: 'match' }, [hit]),
    kase('powershell, not cmd', { kind: 'no-match' }, [{ ...hit, Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' }]),
    kase('cmd without whoami', { kind: 'no-match' }, [{ ...hit, CommandLine: 'cmd.exe /c dir' }]),
    kase('run as SYSTEM', { kind: 'no-match' }, [{ ...hit, User: 'SYSTEM' }]),
    kase('other log source', { kind: 'no-match' }, [{ ...hit, EventID: 3 }]),
  ]);

  it('marks every item made true, made false and independent when a near miss flips it alone', () => {
    for (const field of ['Image', 'CommandLine', 'User']) {
      const i = item(cov, field);
      expect([field, i.madeTrue, i.madeFalse, i.independent]).toEqual([field, true, true, true]);
    }
    expect(item(cov, 'Image').pair).toEqual(['whoami from cmd #0', 'powershell, not cmd #0']);
    expect(item(cov, 'User').pair).toEqual(['whoami from cmd #0', 'run as SYSTEM #0']);
  });

  it('covers OR-list values one by one: a value no case makes true is neither covered nor independent', () => {
    const [whoami, netUser] = item(cov, 'CommandLine').valueCoverage;
    expect(whoami).toMatchObject({ value: "'/c whoami'", madeTrue: true, madeFalse: true, independent: true });
    expect(netUser).toMatchObject({ value: "'/c net user'", madeTrue: false, madeFalse: true, independent: false });
    expect(cov.figures.values).toEqual({ covered: 1, total: 2 });
  });

  it('covers selections (the filter included) and counts gate-only negatives apart', () => {
    expect(cov.selections.map((s) => [s.name, s.madeTrue, s.madeFalse, s.independent])).toEqual([
      ['selection', true, true, true],
      ['filter', true, true, true],
    ]);
    expect(cov.evidence).toEqual({ matching: 1, nonMatching: 3, gateOnly: 1 });
    expect(cov.figures.items).toEqual({ covered: 3, total: 3 });
    expect(cov.testStatus).toBe('tested');
  });

  it('reports modifiers exercised', () => {
    expect(cov.modifiers).toEqual([
      { modifier: 'contains', items: 1, madeTrue: 1, madeBoth: 1 },
      { modifier: 'endswith', items: 1, madeTrue: 1, madeBoth: 1 },
    ]);
  });

  it('shows no independence when a negative changes two items at once', () => {
    const weak = coverageOf(rule, [kase('hit', { kind: 'match' }, [hit]), kase('two changes', { kind: 'no-match' }, [{ ...hit, Image: 'x.exe', CommandLine: 'dir' }])]);
    expect(item(weak, 'Image')).toMatchObject({ madeTrue: true, madeFalse: true, independent: false });
    expect(item(weak, 'CommandLine')).toMatchObject({ madeTrue: true, madeFalse: true, independent: false });
    expect(item(weak, 'User')).toMatchObject({ madeTrue: false, madeFalse: true });
    expect(weak.figures.items).toEqual({ covered: 2, total: 3 });
  });

  it('uses no event of a failing case against its assertion, and marks the rule failing', () => {
    const failing = coverageOf(rule, [kase('claims a match', { kind: 'match' }, [{ ...hit, User: 'SYSTEM' }])]);
    expect(failing.testStatus).toBe('failing');
    expect(failing.evidence).toEqual({ matching: 0, nonMatching: 0, gateOnly: 0 });
    expect(failing.failures[0]?.events[0]?.lines.some((l) => l.text === 'filter')).toBe(true);
  });

  it('takes each event of a passing count case as decided', () => {
    const counted = coverageOf(rule, [kase('one of two', { kind: 'count', count: 1, atLeast: false }, [hit, { ...hit, User: 'SYSTEM' }])]);
    expect(counted.evidence).toEqual({ matching: 1, nonMatching: 1, gateOnly: 0 });
    expect(item(counted, 'User').independent).toBe(true);
    expect(counted.caseRows[0]?.kind).toBe('positive+negative');
  });
});

describe('fuzz findings beside the hand-written figures', () => {
  it('attaches per-item near-miss and pair findings without changing the hand-written figures', () => {
    const cases = [kase('hit', { kind: 'match' }, [hit])];
    const plain = coverageOf(rule, cases);
    const fuzz = indexFuzzReport(fuzzRules([rule], { runs: 5, seed: 1, version: 'test' }), 'fuzz.json');
    const withFuzz = coverageOf(rule, cases, { fuzz });
    expect(withFuzz.figures).toEqual(plain.figures);
    expect(withFuzz.fuzz?.items).toBe(3);
    expect(item(withFuzz, 'Image').fuzz).toMatchObject({ nearMiss: true, independencePair: true });
    expect(item(plain, 'Image').fuzz).toBeUndefined();
  });
});
