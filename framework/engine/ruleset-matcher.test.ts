/**
 * Property: the whole-ruleset matcher decides exactly like per-rule compiled evaluation and like the reference
 * interpreter, on sets of ~50 random rules (test-support/arbitrary-rule.ts) given random log-source variants
 * (gates on Channel / EventID / Provider_Name / rule fields, numbers and strings, lists, negated and cased gate
 * items, absent-or-null gates as for unmapped log sources, renames), over at least 100,000 (rule, event) decisions per run, with every matcher option and several
 * event shapes (null prototype, inherited and non-enumerable properties) varied. The seed is printed; replay
 * with SIGMATEST_SEED=<seed> npx vitest run framework/engine/ruleset-matcher.test.ts.
 * Units: routing of numbers vs strings, arrays, dotted fields, keywords, `not`, cased and non-ASCII folding,
 * regex literals, empty gates, statistics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerRule, type MappedVariant } from '../ir/lower.js';
import type { IrRule } from '../ir/types.js';
import type { ScalarValue, SigmaRule } from '../loader/types.js';
import { loadRuleText } from '../loader/index.js';
import { defaultLogsourceMap, parseLogsourceMap, type LogsourceMap } from '../logsource/index.js';
import { prepareRuleset } from '../ruleset/build-ruleset.js';
import { compileRule } from './compile.js';
import { EventView } from './event-view.js';
import { referenceDecide } from './reference.js';
import { compileRuleset, type RulesetMatcherOptions } from './ruleset-matcher.js';
import { event, FIELDS, PLACEHOLDERS, sigmaRule } from './test-support/arbitrary-rule.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 20261204);
const RULES_PER_SET = 50;
const EVENTS_PER_SET = 40;
const SETS = Number(process.env['SIGMATEST_MATCHER_SETS'] ?? 80);

const GATE_VALUES: readonly ScalarValue[] = [1, 10, 4688, 4688.5, -0, true, 'Security', 'security', 'SECURITY', '4688', ' 4688 ', 'İ', 'ß', 'ς', 'Σ', '*', 'cmd'];
const GATE_KEYS = ['Channel', 'EventID', 'Provider_Name', 'EventID|neq', 'Channel|cased', 'Channel|contains', 'User', 'proc.name', 'Data|startswith'];
const gateValue = fc.oneof(fc.constantFrom(...GATE_VALUES), fc.uniqueArray(fc.constantFrom(...GATE_VALUES), { minLength: 1, maxLength: 3 }));
/** The shapes resolveUnmapped produces (the router's absent branch): field absent or null, or present and not … */
const PRODUCT_GATES: readonly Record<string, ScalarValue | ScalarValue[]>[] = [
  { Channel: [null, 'Security'] },
  { Channel: [null] },
  { 'Channel|exists': false },
  { 'Channel|neq': [null, 'Security'] },
  { 'Channel|exists': true },
  { 'EventID|neq': [null] },
  { EventID: [null, 4688] },
];
const conditionsMap = fc.oneof(
  { arbitrary: fc.dictionary(fc.constantFrom(...GATE_KEYS), gateValue, { minKeys: 1, maxKeys: 2 }), weight: 4 },
  { arbitrary: fc.constantFrom(...PRODUCT_GATES), weight: 1 },
);
const renames = fc.dictionary(fc.constantFrom(...FIELDS), fc.constantFrom(...FIELDS, 'Channel', 'EventID'), { maxKeys: 2 });
const variant: fc.Arbitrary<MappedVariant> = fc
  .tuple(fc.array(conditionsMap, { minLength: 0, maxLength: 2 }), renames)
  .map(([conditions, r]) => ({ label: 'generated', conditions, renames: r }));
/** null = unmapped (one variant with an empty gate). */
const variants = fc.option(fc.array(variant, { minLength: 1, maxLength: 3 }), { nil: null, freq: 4 });

const gateFields = fc.record(
  {
    Channel: fc.constantFrom<unknown>('Security', 'security', 'SECURITY', 'Sysmon', ['x', 'Security'], null, 7),
    EventID: fc.constantFrom<unknown>(1, 10, 4688, '4688', ' 4688 ', 4688.0, '4688.0', 4688.5, '0x1250', [1, 4688], true, null, -0),
    Provider_Name: fc.constantFrom<unknown>('İ', 'i̇', 'ß', 'SS', 'ς', 'σ', 'Σ', 'cmd', 'CMD'),
  },
  { requiredKeys: [] },
);
type Shape = 'plain' | 'null-prototype' | 'inherited' | 'non-enumerable';
const INHERITED = { Data: 'cmd /c inherited', User: 'İ' };

/** The event as an object of the given shape (only JSON-like shapes — no inherited or non-enumerable fields — when `plainEvents` promises them). */
function shaped(e: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  if (shape === 'plain') return e;
  const out: Record<string, unknown> = Object.create(shape === 'inherited' ? INHERITED : shape === 'null-prototype' ? null : Object.prototype);
  const keys = Object.keys(e);
  keys.forEach((k, i) => Object.defineProperty(out, k, { value: e[k], enumerable: shape !== 'non-enumerable' || i % 2 === 0, configurable: true }));
  return out;
}

const fullEvent = fc.tuple(event, gateFields).map(([e, g]) => ({ ...e, ...g }));

const options: fc.Arbitrary<RulesetMatcherOptions> = fc.record({
  routing: fc.boolean(),
  routingLevels: fc.integer({ min: 1, max: 3 }),
  prefilter: fc.constant(true),
  plainEvents: fc.boolean(),
  directProbes: fc.constantFrom(0, 2, 24),
});
const shapes = fc.constantFrom<Shape>('plain', 'plain', 'null-prototype', 'inherited', 'non-enumerable');

function lowered(specs: readonly (readonly [SigmaRule, MappedVariant[] | null])[]): IrRule[] {
  return specs.flatMap(([rule, mapped]) => lowerRule(rule, { placeholders: PLACEHOLDERS, resolveLogsource: () => mapped }).rule ?? []);
}

interface Tally {
  decisions: number;
  matches: number;
  evaluated: number;
}

/** Compares the three evaluators on every event; returns a description of the first disagreement. */
function disagreement(rules: readonly IrRule[], events: readonly Record<string, unknown>[], opts: RulesetMatcherOptions, shape: Shape, tally: Tally): string | null {
  const compiled = rules.map(compileRule);
  const matcher = compileRuleset(rules, { ...opts, compiled });
  const eventShape = opts.plainEvents && (shape === 'non-enumerable' || shape === 'inherited') ? 'plain' : shape;
  for (const e of events.map((x) => shaped(x, eventShape))) {
    const got = [...matcher.match(e)];
    const view = new EventView(e);
    const perRule = compiled.flatMap((c, i) => (c.test(view) ? [i] : []));
    const reference = rules.flatMap((r, i) => (referenceDecide(r, e) ? [i] : []));
    tally.decisions += rules.length;
    tally.matches += perRule.length;
    if (got.join() !== perRule.join() || perRule.join() !== reference.join()) {
      return `matcher [${got.join()}] per-rule [${perRule.join()}] reference [${reference.join()}] on ${eventShape} ${JSON.stringify(e)}`;
    }
  }
  tally.evaluated += matcher.stats().evaluated;
  return null;
}

describe('ruleset matcher ≡ per-rule compiled ≡ reference', () => {
  it(`agrees on at least 100,000 random (rule, event) decisions (seed ${seed})`, () => {
    console.log(`ruleset matcher seed: ${seed} (set SIGMATEST_SEED to replay)`);
    const tally: Tally = { decisions: 0, matches: 0, evaluated: 0 };
    const ruleSet = fc.array(fc.tuple(sigmaRule, variants), { minLength: RULES_PER_SET, maxLength: RULES_PER_SET });
    const events = fc.array(fullEvent, { minLength: EVENTS_PER_SET, maxLength: EVENTS_PER_SET });
    fc.assert(
      fc.property(ruleSet, events, options, shapes, (specs, evs, opts, shape) => {
        const problem = disagreement(lowered(specs), evs, opts, shape, tally);
        if (problem) throw new Error(problem);
      }),
      { seed, numRuns: SETS, verbose: 1, endOnFailure: true },
    );
    console.log(`ruleset matcher: ${tally.decisions} decisions, ${tally.matches} matches, ${tally.evaluated} rule evaluations`);
    expect(tally.decisions).toBeGreaterThanOrEqual(100_000);
    expect(tally.matches).toBeGreaterThan(tally.decisions * 0.02);
    expect(tally.evaluated).toBeLessThan(tally.decisions * 0.9);
  });
});

/** A map with gates the default map lacks: a string EventID, a cased Channel, Provider_Name lists. */
const TEST_MAP = parseLogsourceMap(
  `version: 1
services:
  - { service: strid, conditions: { Channel: 'Sysmon', EventID: '3' } }
  - { service: cased, conditions: { 'Channel|cased': Security } }
  - { service: providers, conditions: { Provider_Name: ['İx', 'ß', 'ς'] } }
categories: []
`,
  'test-map.yml',
).map as LogsourceMap;
const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

function ruleOf(logsource: string, detection: string, map: LogsourceMap = defaultLogsourceMap().map as LogsourceMap): IrRule {
  const text = `title: t\nlogsource: ${logsource}\ndetection:\n${detection.replace(/^/gm, '  ')}\n`;
  const rule = prepareRuleset(loadRuleText(text, 'unit.yml'), { logsourceMap: map }).rules[0];
  if (!rule) throw new Error(`rule did not load: ${text}`);
  return rule.ir;
}

/** Matcher decisions for one rule on each event, checked against per-rule compiled and the reference. */
function decide(rule: IrRule, events: readonly Record<string, unknown>[], opts: RulesetMatcherOptions = {}): boolean[] {
  const compiled = compileRule(rule);
  const matcher = compileRuleset([rule], { ...opts, compiled: [compiled] });
  return events.map((e) => {
    const got = matcher.match(e).length === 1;
    expect([got, referenceDecide(rule, e)], JSON.stringify(e)).toEqual([compiled.matches(e), compiled.matches(e)]);
    return got;
  });
}

const PROC = '{product: windows, category: process_creation}';
const sysmon1 = (fields: Record<string, unknown>): Record<string, unknown> => ({ Channel: SYSMON, EventID: 1, ...fields });

describe('ruleset matcher units', () => {
  it('routes numbers like the compiled matcher: EventID 3 matches 3, "3", " 3 ", 3.0, "03", [1, "3"]', () => {
    const rule = ruleOf('{product: windows, category: network_connection}', "sel: {Initiated: 'true'}\ncondition: sel");
    const ids: unknown[] = [3, '3', ' 3 ', 3.0, '3.0', '03', [1, '3'], '0x3', true, null, 4, 'three'];
    expect(decide(rule, ids.map((EventID) => ({ Channel: SYSMON, EventID, Initiated: true })))).toEqual([...Array(7).fill(true), ...Array(5).fill(false)]);
    expect(decide(rule, [{ Channel: SYSMON, Initiated: true }, { Channel: 'sysmon', EventID: 3, Initiated: true }])).toEqual([false, false]);
  });

  it('routes strings like the compiled matcher: EventID "3" matches 3 and "3" only; cased and list gates', () => {
    const strid = ruleOf('{service: strid}', "sel: {Data: x}\ncondition: sel", TEST_MAP);
    expect(decide(strid, [3, '3', ' 3 ', '03', [7, 3]].map((EventID) => ({ Channel: 'SYSMON', EventID, Data: 'X' })))).toEqual([true, true, false, false, true]);
    const cased = ruleOf('{service: cased}', "sel: {Data: x}\ncondition: sel", TEST_MAP);
    expect(decide(cased, ['Security', 'security', ['a', 'Security']].map((Channel) => ({ Channel, Data: 'x' })))).toEqual([true, false, true]);
    const providers = ruleOf('{service: providers}', "sel: {Data: x}\ncondition: sel", TEST_MAP);
    const names = ['İx', 'i̇x', 'ix', 'ß', 'SS', 'ẞ', 'Σ', 'σ', 'ς'];
    expect(decide(providers, names.map((Provider_Name) => ({ Provider_Name, Data: 'x' })))).toEqual([true, true, false, true, false, true, true, true, true]);
  });

  it('finds needles in arrays, nested arrays and objects, and both variants with their renames', () => {
    const rule = ruleOf(PROC, "sel:\n  Image|endswith: '\\evil.exe'\n  CommandLine|contains: ' -enc '\ncondition: sel");
    const events = [
      sysmon1({ Image: 'C:\\evil.exe', CommandLine: ['x', ['a -ENC b']] }),
      sysmon1({ Image: ['C:\\good.exe', 'D:\\EVIL.EXE'], CommandLine: { args: ' -enc ' } }),
      sysmon1({ Image: 'C:\\evil.exe', CommandLine: ' -encode ' }),
      { Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\evil.exe', CommandLine: 'p -enc x' },
      { Channel: 'Security', EventID: 4688, Image: 'C:\\evil.exe', CommandLine: 'p -enc x' },
    ];
    expect(decide(rule, events)).toEqual([true, true, false, true, false]);
  });

  it('keeps each rule its own prefilter clauses when rules share one variant object (lowering may share them)', () => {
    const first = ruleOf(PROC, "sel: {Image|endswith: '\\a.exe'}\ncondition: sel");
    const second = ruleOf(PROC, "sel: {CommandLine|contains: 'secret'}\ncondition: sel");
    const shared: IrRule = { ...second, variants: first.variants };
    const matcher = compileRuleset([first, shared]);
    expect([...matcher.match(sysmon1({ Image: 'C:\\x.exe', CommandLine: 'a secret' }))]).toEqual([1]);
    expect([...matcher.match(sysmon1({ Image: 'C:\\a.exe', CommandLine: 'nothing' }))]).toEqual([0]);
  });

  it('reads dotted fields flat, nested and through arrays, the flat key winning', () => {
    const rule = ruleOf('{product: linux}', "sel: {proc.name|endswith: '.exe'}\ncondition: sel");
    const events = [{ 'proc.name': 'a.exe' }, { proc: { name: 'a.EXE' } }, { proc: [{ name: 'x' }, { name: 'b.exe' }] }, { 'proc.name': 'x', proc: { name: 'a.exe' } }, { proc: 'a.exe' }];
    expect(decide(rule, events, { directProbes: 0 })).toEqual([true, true, true, false, false]);
    expect(decide(rule, events)).toEqual([true, true, true, false, false]);
  });

  it('searches keywords in every leaf: nested, numbers, booleans, inherited properties', () => {
    const rule = ruleOf('{product: linux}', "keywords: ['mimikatz', '4688', 'true']\ncondition: keywords");
    const inherited = Object.create({ note: 'MIMIKATZ' }) as Record<string, unknown>;
    const events = [{ a: { b: ['x', 'Mimikatz.exe'] } }, { EventID: 4688 }, { ok: true }, { n: 46880 }, inherited, { a: 'mimi katz' }];
    expect(decide(rule, events)).toEqual([true, true, true, true, true, false]);
  });

  it('always evaluates what it cannot bound: not, null, exists: false, empty gates', () => {
    const notRule = ruleOf('{product: linux}', "sel: {User: root}\ncondition: not sel");
    expect(decide(notRule, [{}, { User: 'root' }, { User: 'ROOT2' }])).toEqual([true, false, true]);
    const nullRule = ruleOf('{product: linux}', 'sel: {User: null}\ncondition: sel');
    expect(decide(nullRule, [{}, { User: null }, { User: '' }])).toEqual([true, true, false]);
    const absent = ruleOf('{product: linux}', 'sel: {User|exists: false}\ncondition: sel');
    expect(decide(absent, [{}, { User: null }])).toEqual([true, false]);
  });

  it('unmapped log sources (default map): other products stay off Windows events (absent and present routing branches)', () => {
    const zeek = ruleOf('{product: zeek, service: rdp}', "sel: {cookie: x}\ncondition: not sel");
    const windowsOnly = ruleOf('{product: windows}', "keywords: ['mimikatz']\ncondition: keywords");
    const proxy = ruleOf('{category: proxy}', "keywords: ['mimikatz']\ncondition: keywords");
    const events = [
      sysmon1({ CommandLine: 'mimikatz' }),
      { Channel: 'Linux-Sysmon/Operational', EventID: 1, CommandLine: 'mimikatz' },
      { CommandLine: 'mimikatz' },
      { Channel: null, CommandLine: 'mimikatz' },
      { Channel: ['Security'], CommandLine: 'mimikatz' },
    ];
    expect(decide(zeek, events)).toEqual([false, true, true, true, false]);
    expect(decide(windowsOnly, events)).toEqual([true, false, false, false, true]);
    expect(decide(proxy, events)).toEqual([false, true, true, true, false]);
    // Not even evaluated: the zeek rule on a Windows event (absent branch), the windows one on an event without a
    // Channel (present branch), although the keyword prefilter would let it through.
    const matcher = compileRuleset([zeek, windowsOnly]);
    expect(matcher.match(sysmon1({ cookie: 'x' }))).toEqual([]);
    expect(matcher.stats()).toMatchObject({ events: 1, evaluated: 0 }); // `not sel` has no clause: routed = evaluated
    matcher.resetStats();
    expect(matcher.match({ cookie: 'x', CommandLine: 'mimikatz' })).toEqual([]);
    expect(matcher.stats()).toMatchObject({ events: 1, evaluated: 1 }); // the zeek rule only
  });

  it('folds cased literals only where folding is safe (ASCII) and matches non-ASCII folding', () => {
    const cased = ruleOf('{product: linux}', "sel: {CommandLine|contains|cased: 'CMDİ'}\ncondition: sel");
    expect(decide(cased, ['xCMDİx', 'cmdİ', 'CMDi̇', 'CMDI'].map((CommandLine) => ({ CommandLine })))).toEqual([true, false, false, false]);
    const folded = ruleOf('{product: linux}', "sel: {CommandLine|contains: ['k', 'ß', 'ς', 'İ']}\ncondition: sel");
    const lines = ['\u212a', 'ẞ', 'SS', 'Σ', 'σ', 'i̇', 'I', 'x'];
    expect(decide(folded, lines.map((CommandLine) => ({ CommandLine })))).toEqual([true, true, false, true, true, true, false, false]);
  });

  it('uses literals regular expressions require', () => {
    const rule = ruleOf('{product: linux}', "sel: {CommandLine|re: 'abc\\d+(?:x|y)def'}\ncondition: sel");
    expect(decide(rule, ['abc12ydef', 'ABC1xDEF', 'abcdef', 'abc1xde'].map((CommandLine) => ({ CommandLine })))).toEqual([true, false, false, false]);
  });

  it('counts evaluations: routing sends an event nowhere, the prefilter skips rules without a hit', () => {
    const rules = ['a1', 'b2', 'c3'].map((n) => ruleOf(PROC, `sel: {CommandLine|contains: '${n}'}\ncondition: sel`));
    const matcher = compileRuleset(rules);
    expect(matcher.match({ Channel: 'Other', EventID: 1, CommandLine: 'a1 b2' })).toEqual([]);
    expect([...matcher.match(sysmon1({ CommandLine: 'x B2 y' }))]).toEqual([1]);
    expect(matcher.stats()).toMatchObject({ events: 2, evaluated: 1, routedToNone: 1, noCandidate: 1, matches: 1, p95Evaluated: 1 });
    matcher.resetStats();
    expect(matcher.stats()).toMatchObject({ events: 0, evaluated: 0, p95Evaluated: 0 });
    expect(compileRuleset([]).match({ a: 1 })).toEqual([]);
  });
});
