/**
 * explainDecision agrees with the reference evaluator (a real rule, and a property over random rule/event
 * pairs; seed printed, replay with SIGMATEST_SEED=<seed>); displayMatcher and formatExplanation render readably.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerRule } from '../ir/lower.js';
import { parseCondition } from '../ir/condition.js';
import { parseSigmaString } from '../ir/pattern.js';
import type { IrMatcher, IrRule } from '../ir/types.js';
import { defaultLogsourceMap, resolveLogsource, type LogsourceMap } from '../logsource/index.js';
import type { Explanation } from '../report/model.js';
import { buildRuleset } from '../ruleset/build-ruleset.js';
import { spanAt } from '../source.js';
import { displayItem, displayMatcher } from './display.js';
import { explainDecision, renderCondition } from './explain.js';
import { formatEventValue, formatExplanation } from './explain-text.js';
import { evaluateDetection, referenceDecide } from './reference.js';
import { event, PLACEHOLDERS, sigmaRule } from './test-support/arbitrary-rule.js';

const PORTMAP = 'rules/windows/network_connection/net_connection_win_domain_portmap.yml';
const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

function logsourceMap(): LogsourceMap {
  const map = defaultLogsourceMap().map;
  if (!map) throw new Error('default log-source map does not load');
  return map;
}

async function portmapRule(): Promise<IrRule> {
  const ruleset = await buildRuleset([PORTMAP], { logsourceMap: logsourceMap() });
  const rule = ruleset.rules[0]?.ir;
  if (!rule) throw new Error(`${PORTMAP} did not load`);
  return rule;
}

describe('explainDecision on the portmap rule', () => {
  const base = { Channel: SYSMON, EventID: 3, Initiated: 'true' };

  it('explains a match: gate and every item held', async () => {
    const x = explainDecision(await portmapRule(), { ...base, DestinationHostname: 'x.portmap.io' });
    expect(x.matched).toBe(true);
    expect(x.gateHeld).toBe(true);
    expect(x.gate.length).toBeGreaterThan(0);
    expect(x.gate.every((i) => i.held)).toBe(true);
    expect(x.selections.map((s) => s.name)).toEqual(['selection']);
    const items = x.selections[0]?.items ?? [];
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.held)).toBe(true);
    expect(items[1]).toMatchObject({ field: 'DestinationHostname', modifiers: ['endswith'], values: ["'.portmap.io'"] });
    expect(x.condition).toEqual(['selection']);
  });

  it('shows the endswith item failing with the event value', async () => {
    const x = explainDecision(await portmapRule(), { ...base, DestinationHostname: 'portmap.io' });
    expect(x.matched).toBe(false);
    expect(x.gateHeld).toBe(true);
    const item = x.selections[0]?.items.find((i) => i.field === 'DestinationHostname');
    expect(item).toMatchObject({ held: false, actual: 'portmap.io' });
    expect(x.selections[0]?.items.find((i) => i.field === 'Initiated')?.held).toBe(true);
    expect(x.selections[0]?.held).toBe(false);
  });

  it('reports the gate failing on another EventID', async () => {
    const x = explainDecision(await portmapRule(), { ...base, EventID: 1, DestinationHostname: 'x.portmap.io' });
    expect(x.gateHeld).toBe(false);
    expect(x.matched).toBe(false);
    expect(x.gate.some((i) => !i.held && i.actual === 1)).toBe(true);
    expect(x.selections[0]?.held).toBe(true);
  });

  it('uses the given condition text', async () => {
    expect(explainDecision(await portmapRule(), base, ['selection  # as written']).condition).toEqual(['selection  # as written']);
  });
});

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20261204);
const RULES = 400;
const EVENTS_PER_RULE = 25;

/** Gate fields for the default map's windows/process_creation variants (sysmon, security with renames). */
const gateFields = fc.constantFrom<Record<string, unknown>>(
  {},
  { Channel: SYSMON, EventID: 1 },
  { Channel: 'Security', EventID: 4688 },
  { Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\Windows\\cmd.exe' },
);
const gatedEvent = fc.tuple(event, gateFields).map(([e, gate]) => ({ ...e, ...gate }));

function checkPair(rule: IrRule, e: Record<string, unknown>): boolean {
  const x = explainDecision(rule, e);
  if (x.matched !== referenceDecide(rule, e)) return false;
  const renames = rule.variants.find((v) => v.label === x.variant)?.renames ?? {};
  return x.selections.every((s) => {
    const d = rule.detections[s.name];
    if (!d || s.held !== evaluateDetection(d, e, renames)) return false;
    const plainMap = d.kind === 'allOf' && d.children.every((c) => c.kind === 'item');
    return !plainMap || s.held === s.items.every((i) => i.held);
  });
}

function conditionRoundTrips(rule: IrRule): boolean {
  const names = Object.keys(rule.detections);
  return rule.conditions.every((c) => {
    const parsed = parseCondition(renderCondition(c), names);
    return parsed.ok && JSON.stringify(parsed.expr) === JSON.stringify(c);
  });
}

describe('explainDecision ≡ reference (property)', () => {
  it(`agrees on at least 5,000 random (rule, event) pairs (seed ${seed})`, () => {
    console.log(`explain seed: ${seed} (set SIGMATEST_SEED to replay)`);
    const map = logsourceMap();
    let pairs = 0;
    let matches = 0;
    fc.assert(
      fc.property(sigmaRule, fc.boolean(), fc.array(gatedEvent, { minLength: EVENTS_PER_RULE, maxLength: EVENTS_PER_RULE }), (source, gated, events) => {
        const resolve = gated ? { resolveLogsource: (ls: typeof source.logsource) => resolveLogsource(map, ls) } : {};
        const rule = lowerRule(source, { placeholders: PLACEHOLDERS, ...resolve }).rule;
        if (!rule) return true;
        if (!conditionRoundTrips(rule)) return false;
        for (const e of events) {
          pairs++;
          if (referenceDecide(rule, e)) matches++;
          if (!checkPair(rule, e)) return false;
        }
        return true;
      }),
      { seed, numRuns: RULES, verbose: 1 },
    );
    console.log(`explain: ${pairs} pairs, ${matches} matches`);
    expect(pairs).toBeGreaterThanOrEqual(5_000);
    expect(matches).toBeGreaterThan(0);
  });
});

const str = (pattern: string, cased = false): IrMatcher => ({ kind: 'string', pattern: parseSigmaString(pattern), cased });

/** The Sigma string inside displayMatcher's quotes. */
function unquote(text: string): string {
  expect(text.startsWith("'") && text.endsWith("'")).toBe(true);
  return text.slice(1, -1).replace(/''/g, "'");
}

describe('displayMatcher', () => {
  it('round-trips tricky Sigma strings', () => {
    for (const s of ['a\\*b', 'x*y?z', 'C:\\Windows\\', 'C:\\\\Windows\\\\', '\\\\\\\\*', 'a\\\\*b', '8???', "it's", '\\', '', '50%\\%']) {
      const m = str(s);
      if (m.kind !== 'string') throw new Error('unreachable');
      expect(parseSigmaString(unquote(displayMatcher(m)))).toEqual(m.pattern);
    }
  });

  it('renders every matcher kind', () => {
    expect(displayMatcher(str('Cmd', true))).toBe("'Cmd' (cased)");
    expect(displayMatcher({ kind: 'regex', source: 'a.b', flags: 'i' })).toBe('/a.b/i');
    expect(displayMatcher({ kind: 'number', value: 4688 })).toBe('4688');
    expect(displayMatcher({ kind: 'bool', value: false })).toBe('false');
    expect(displayMatcher({ kind: 'null' })).toBe('null');
    expect(displayMatcher({ kind: 'compare', op: 'lte', value: 5 })).toBe('<= 5');
    expect(displayMatcher({ kind: 'compare', op: 'gt', value: 5 })).toBe('> 5');
    expect(displayMatcher({ kind: 'timepart', part: 'hour', value: 3 })).toBe('hour = 3');
    expect(displayMatcher({ kind: 'cidr', version: 4, bytes: [10, 0, 0, 0], prefix: 8, text: '10.0.0.0/8' })).toBe('10.0.0.0/8');
    expect(displayMatcher({ kind: 'exists', value: true })).toBe('exists: true');
    expect(displayMatcher({ kind: 'fieldref', field: 'User', position: 'equals', cased: false })).toBe('fieldref(equals) User');
  });

  it('truncates long values to 200 characters', () => {
    const text = displayMatcher(str('x'.repeat(500)));
    expect([...text]).toHaveLength(200);
    expect(text.endsWith('…')).toBe(true);
  });

  it('leaves out the wildcards implied by contains/endswith and keyword search', () => {
    const span = spanAt('t.yml');
    const value = (pattern: string) => ({ alternatives: [str(pattern)], span });
    const base = { values: [value('*\\*x*')], linking: 'or' as const, negated: false, span };
    expect(displayItem({ ...base, field: 'F', modifiers: ['contains'] }).values).toEqual(["'\\*x'"]);
    expect(displayItem({ ...base, field: 'F', modifiers: ['endswith'] }).values).toEqual(["'\\*x*'"]);
    expect(displayItem({ ...base, field: null, modifiers: [] }).values).toEqual(["'\\*x'"]);
  });
});

describe('formatExplanation', () => {
  const span = spanAt('r.yml');
  const x: Explanation = {
    variant: 'windows/network_connection → sysmon (EventID 3)',
    gate: [{ field: 'EventID', modifiers: [], values: ['3'], actual: 3, held: true, span }],
    gateHeld: true,
    selections: [
      {
        name: 'selection',
        held: false,
        items: [
          { field: 'Initiated', modifiers: [], values: ["'true'"], actual: 'true', held: true, span },
          { field: 'DestinationHostname', modifiers: ['endswith'], values: ["'.portmap.io'"], actual: 'portmap.io', held: false, span },
          { field: 'User', modifiers: [], values: ['1', '2', '3', '4', '5', '6', '7'], actual: undefined, held: false, span },
          { field: null, modifiers: [], values: ["'evil'"], held: false, span },
        ],
      },
    ],
    condition: ['selection'],
    matched: false,
  };

  it('prints ✓/✗ lines with event values, absent fields and short lists', () => {
    const lines = formatExplanation(x);
    expect(lines[0]).toBe('gate (windows/network_connection → sysmon (EventID 3)): ✓');
    expect(lines).toContain('✗ selection');
    expect(lines).toContain("    ✓ Initiated = 'true'   (event: 'true')");
    expect(lines).toContain("    ✗ DestinationHostname|endswith '.portmap.io'   (event: 'portmap.io')");
    expect(lines).toContain('    ✗ User = [1, 2, 3, 4, 5, … +2 more]   (event: absent)');
    expect(lines).toContain("    ✗ 'evil'");
    expect(lines[lines.length - 1]).toBe('condition: selection → no match');
  });

  it('lists the gate items when the gate failed, and applies colours', () => {
    const lines = formatExplanation({ ...x, gateHeld: false }, { color: (kind, s) => `<${kind}>${s}</>` });
    expect(lines[0]).toBe('gate (windows/network_connection → sysmon (EventID 3)): <failed>✗</>');
    expect(lines[1]).toBe('    <held>✓</> EventID = 3   <dim>(event: 3)</>');
  });

  it('renders event values JSON-ish and short', () => {
    expect(formatEventValue(undefined)).toBe('absent');
    expect(formatEventValue(null)).toBe('null');
    expect(formatEventValue('a"b\n')).toBe("'a\"b\\n'");
    expect(formatEventValue(['x', 1])).toBe('["x",1]');
    expect([...formatEventValue('y'.repeat(300))]).toHaveLength(120);
  });
});

describe('renderCondition', () => {
  it('parenthesises only where needed and renders quantifiers', () => {
    const names = ['sel', 'filter_a', 'filter_b', 'x'];
    for (const text of ['sel and not 1 of filter_*', 'sel and (x or all of filter_*)', 'not (sel or x)', 'sel or x and sel', 'sel and (x and sel)']) {
      const parsed = parseCondition(text, names);
      if (!parsed.ok) throw new Error(parsed.problem.message);
      expect(renderCondition(parsed.expr)).toBe(text);
    }
  });
});
