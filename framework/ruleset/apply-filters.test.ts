/**
 * Meta filters (apply-filters.ts, semantics §12.1): which rules a filter applies to, the decisions of filtered
 * rules on both evaluators, identifier namespacing, diagnostics, and — as a property over random rules and
 * filters (seed printed; replay with SIGMATEST_SEED=<seed>) — that the ruleset matcher's prefilter stays an
 * over-approximation of filtered rules.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../engine/compile.js';
import { explainDecision } from '../engine/explain.js';
import { EventView } from '../engine/event-view.js';
import { referenceDecide } from '../engine/reference.js';
import { compileRuleset } from '../engine/ruleset-matcher.js';
import { event as arbitraryEvent, PLACEHOLDERS, sigmaRule } from '../engine/test-support/arbitrary-rule.js';
import { lowerRule } from '../ir/lower.js';
import type { IrRule } from '../ir/types.js';
import { loadRuleText } from '../loader/index.js';
import type { SigmaFilter, SigmaRule } from '../loader/types.js';
import { defaultLogsourceMap } from '../logsource/index.js';
import { applyFilters, filteredConditionTexts, filterApplies, lowerFilter } from './apply-filters.js';
import { prepareRuleset, type Ruleset } from './build-ruleset.js';

const RULE_ID = '6f3e2987-db24-4c78-a860-b4f4095a7095';
const FILTER_ID = '0b7c3c0e-4a1f-4d55-9c3e-0e5f3d1c2b10';

function ruleDoc(opts: { id?: string; name?: string; logsource?: string; detection?: string } = {}): string {
  const detection = opts.detection ?? "selection:\n    Image|endswith: '\\whoami.exe'\ncondition: selection";
  return [
    'title: Whoami',
    ...(opts.id ? [`id: ${opts.id}`] : []),
    ...(opts.name ? [`name: ${opts.name}`] : []),
    `logsource: ${opts.logsource ?? '{product: windows, category: process_creation}'}`,
    'detection:',
    detection.replace(/^/gm, '  '),
  ].join('\n');
}

function filterDoc(opts: { id?: string; rules?: string; logsource?: string; filter?: string } = {}): string {
  const body = opts.filter ?? "selection:\n    User|startswith: 'adm_'\ncondition: not selection";
  return [
    'title: Not admins',
    ...(opts.id ? [`id: ${opts.id}`] : []),
    `logsource: ${opts.logsource ?? '{product: windows, category: process_creation}'}`,
    'filter:',
    `  rules: ${opts.rules ?? `[${RULE_ID}]`}`,
    body.replace(/^/gm, '  '),
  ].join('\n');
}

function prepare(...docs: string[]): Ruleset {
  return prepareRuleset(loadRuleText(docs.join('\n---\n') + '\n', 'rules/test.yml'), { logsourceMap: null });
}

/** Both evaluators on each event; they must agree. */
function decide(rule: IrRule, events: readonly Record<string, unknown>[]): boolean[] {
  const compiled = compileRule(rule);
  return events.map((e) => {
    const reference = referenceDecide(rule, e);
    expect(compiled.matches(e), `compiled vs reference on ${JSON.stringify(e)}`).toBe(reference);
    return reference;
  });
}

const WHOAMI = 'C:\\Windows\\System32\\whoami.exe';

describe('which rules a filter applies to', () => {
  it('suppresses with `not selection` on the rule it names by id, on both evaluators', () => {
    const set = prepare(ruleDoc({ id: RULE_ID }), filterDoc({ id: FILTER_ID }));
    expect(set.diagnostics).toEqual([]);
    const rule = set.rules[0]!.ir;
    expect(rule.filters).toEqual([{ id: FILTER_ID, title: 'Not admins', path: 'rules/test.yml', condition: 'not selection', evaluated: `not ~filter:${FILTER_ID}:selection`, prefix: `~filter:${FILTER_ID}:` }]);
    expect(decide(rule, [{ Image: WHOAMI, User: 'jdoe' }, { Image: WHOAMI, User: 'ADM_jdoe' }, { Image: 'x', User: 'jdoe' }])).toEqual([true, false, false]);
  });

  it('keeps only what the filter selects when its condition is `selection` (pySigma semantics)', () => {
    const set = prepare(ruleDoc({ id: RULE_ID }), filterDoc({ filter: "selection:\n    User|startswith: 'adm_'\ncondition: selection" }));
    expect(decide(set.rules[0]!.ir, [{ Image: WHOAMI, User: 'jdoe' }, { Image: WHOAMI, User: 'adm_x' }])).toEqual([false, true]);
  });

  it('references by name, by a single string, and `rules: any`; leaves unnamed rules alone', () => {
    const byName = prepare(ruleDoc({ id: RULE_ID, name: 'whoami_exec' }), filterDoc({ rules: '[whoami_exec]' }));
    expect(byName.rules[0]!.ir.filters).toHaveLength(1);
    const single = prepare(ruleDoc({ id: RULE_ID }), filterDoc({ rules: RULE_ID }));
    expect(single.rules[0]!.ir.filters).toHaveLength(1);
    const any = prepare(ruleDoc({ id: RULE_ID }), ruleDoc({ name: 'other' }), filterDoc({ rules: 'any' }));
    expect(any.rules.map((r) => r.ir.filters?.length)).toEqual([1, 1]);
    const emptyList = prepare(ruleDoc({ name: 'other' }), filterDoc({ rules: '[]' }));
    expect(emptyList.rules[0]!.ir.filters).toHaveLength(1);
    const other = prepare(ruleDoc({ id: RULE_ID }), ruleDoc({ name: 'other' }), filterDoc());
    expect(other.rules.map((r) => r.ir.filters?.length)).toEqual([1, undefined]);
    expect(other.rules[1]!.ir.conditions).toEqual([{ kind: 'ref', name: 'selection' }]);
  });

  it('needs every log-source attribute the filter names to equal the rule\'s (unnamed ones are wildcards)', () => {
    const rule = loadRuleText(ruleDoc({ id: RULE_ID }), 'r.yml').documents[0] as SigmaRule;
    const filterWith = (logsource: string): SigmaFilter => loadRuleText(filterDoc({ logsource }), 'f.yml').documents[0] as SigmaFilter;
    expect(filterApplies(filterWith('{product: windows}'), rule)).toBe(true);
    expect(filterApplies(filterWith('{category: process_creation}'), rule)).toBe(true);
    expect(filterApplies(filterWith('{product: windows, category: process_creation}'), rule)).toBe(true);
    expect(filterApplies(filterWith('{product: linux, category: process_creation}'), rule)).toBe(false);
    expect(filterApplies(filterWith('{product: windows, service: security}'), rule)).toBe(false);
    expect(filterApplies(filterWith('{product: Windows}'), rule)).toBe(false);
    const any = loadRuleText(filterDoc({ logsource: '{product: linux}', rules: 'any' }), 'f.yml').documents[0] as SigmaFilter;
    expect(filterApplies(any, rule)).toBe(false);
  });

  it('applies filters that come before their rule in the documents, and never to correlations', () => {
    const correlation = `title: c\nid: 11111111-2222-4333-8444-555555555555\ncorrelation:\n  type: event_count\n  rules: [${RULE_ID}]\n  timespan: 1h\n  condition: {gte: 2}`;
    const set = prepare(filterDoc({ rules: 'any' }), correlation, ruleDoc({ id: RULE_ID }));
    expect(set.rules).toHaveLength(1);
    expect(set.rules[0]!.ir.filters).toHaveLength(1);
  });
});

describe('namespacing and combination', () => {
  it("keeps the rule's `them` and patterns away from the filter's identifiers, and the filter's own `them` on its own", () => {
    const rule = ruleDoc({ id: RULE_ID, detection: "selection:\n    Image|endswith: '\\whoami.exe'\nsel_b:\n    CommandLine|contains: '/all'\ncondition: 1 of them" });
    const filter = filterDoc({ filter: "sel_admin:\n    User|startswith: 'adm_'\nsel_svc:\n    User|startswith: 'svc_'\ncondition: not 1 of them" });
    const ir = prepare(rule, filter).rules[0]!.ir;
    const prefix = `~filter:rules/test.yml#1:`;
    expect(Object.keys(ir.detections)).toEqual(['selection', 'sel_b', `${prefix}sel_admin`, `${prefix}sel_svc`]);
    expect(ir.conditions).toEqual([
      {
        kind: 'and',
        args: [
          { kind: 'of', quantifier: 'any', pattern: 'them', names: ['selection', 'sel_b'] },
          { kind: 'not', arg: { kind: 'of', quantifier: 'any', pattern: `${prefix}them`, names: [`${prefix}sel_admin`, `${prefix}sel_svc`] } },
        ],
      },
    ]);
    // User alone satisfies no identifier of the rule; adm_/svc_ users are suppressed, others kept.
    expect(decide(ir, [{ User: 'jdoe' }, { CommandLine: 'whoami /all', User: 'jdoe' }, { CommandLine: 'whoami /all', User: 'svc_x' }, { Image: WHOAMI, User: 'adm_y' }])).toEqual([false, true, false, false]);
  });

  it("keeps same-named identifiers apart: the filter's `selection` is not the rule's", () => {
    const ir = prepare(ruleDoc({ id: RULE_ID }), filterDoc()).rules[0]!.ir;
    expect(decide(ir, [{ Image: WHOAMI, User: 'jdoe' }, { Image: WHOAMI, User: 'adm_1' }])).toEqual([true, false]);
  });

  it("rejects a filter condition that names the rule's identifiers (the filter only sees its own)", () => {
    const set = prepare(ruleDoc({ id: RULE_ID }), filterDoc({ filter: "sel_admin:\n    User|startswith: 'adm_'\ncondition: not sel_admin and selection" }));
    expect(set.diagnostics.map((d) => `${d.span.file}:${d.span.line} ${d.severity} ${d.code}`)).toEqual(['rules/test.yml:15 error UNDEFINED_IDENTIFIER']);
    expect(set.rules[0]!.ir.filters).toBeUndefined();
    expect(set.loadedDocuments).toBe(1);
  });

  it('ANDs the filter onto every condition of a condition list', () => {
    const detection = "a:\n    Image|endswith: '\\whoami.exe'\nb:\n    Image|endswith: '\\hostname.exe'\ncondition:\n    - a\n    - b";
    const ir = prepare(ruleDoc({ id: RULE_ID, detection }), filterDoc()).rules[0]!.ir;
    expect(ir.conditions).toHaveLength(2);
    const events = [{ Image: WHOAMI }, { Image: 'C:\\hostname.exe' }, { Image: WHOAMI, User: 'adm_1' }, { Image: 'C:\\hostname.exe', User: 'adm_1' }];
    expect(decide(ir, events)).toEqual([true, true, false, false]);
  });

  it('chains several filters with AND, in document order', () => {
    const second = filterDoc({ id: FILTER_ID, filter: "host:\n    Computer|startswith: 'LAB-'\ncondition: not host" });
    const set = prepare(ruleDoc({ id: RULE_ID }), filterDoc(), second);
    const ir = set.rules[0]!.ir;
    expect(ir.filters?.map((f) => f.id)).toEqual(['rules/test.yml', FILTER_ID]);
    const events = [{ Image: WHOAMI }, { Image: WHOAMI, User: 'adm_1' }, { Image: WHOAMI, Computer: 'lab-07' }, { Image: WHOAMI, Computer: 'WS-1', User: 'jdoe' }];
    expect(decide(ir, events)).toEqual([true, false, false, true]);
    expect(filteredConditionTexts(['selection'], ir.filters)).toEqual([`(selection) and (not ~filter:rules/test.yml#1:selection) and (not ~filter:${FILTER_ID}:host)`]);
  });

  it("picks a fresh prefix when a rule identifier already starts with the filter's", () => {
    const taken = `~filter:${FILTER_ID}:selection`;
    const detection = `selection:\n    Image|endswith: '\\whoami.exe'\n'${taken}':\n    User: jdoe\ncondition: selection and not all of *selection`;
    const set = prepare(ruleDoc({ id: RULE_ID, detection }), filterDoc({ id: FILTER_ID }));
    expect(set.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ir = set.rules[0]!.ir;
    expect(ir.filters?.[0]?.prefix).toBe(`~filter:${FILTER_ID}#2:`);
    expect(Object.keys(ir.detections)).toEqual(['selection', taken, `~filter:${FILTER_ID}#2:selection`]);
    // the rule's own look-alike identifier (User: jdoe) and the filter (adm_*) each still decide on their own
    expect(decide(ir, [{ Image: WHOAMI, User: 'bob' }, { Image: WHOAMI, User: 'jdoe' }, { Image: WHOAMI, User: 'adm_jdoe' }])).toEqual([true, false, false]);
  });

  it("applies the rule's log-source renames to the filter's fields", () => {
    const set = prepareRuleset(loadRuleText([ruleDoc({ id: RULE_ID }), filterDoc({ filter: "img:\n    Image|contains: '\\Temp\\'\ncondition: not img" })].join('\n---\n'), 'r.yml'), {
      logsourceMap: defaultLogsourceMap().map,
    });
    const ir = set.rules[0]!.ir;
    const security = (image: string): Record<string, unknown> => ({ Channel: 'Security', EventID: 4688, NewProcessName: image });
    expect(decide(ir, [security(WHOAMI), security('C:\\Temp\\whoami.exe')])).toEqual([true, false]);
  });

  it('shows the filter in explanations: condition text and its selections', () => {
    const ir = prepare(ruleDoc({ id: RULE_ID }), filterDoc()).rules[0]!.ir;
    const texts = filteredConditionTexts(['selection'], ir.filters);
    const explanation = explainDecision(ir, { Image: WHOAMI, User: 'adm_1' }, texts);
    expect(explanation.matched).toBe(false);
    expect(explanation.condition).toEqual(['(selection) and (not ~filter:rules/test.yml#1:selection)']);
    expect(explanation.selections.map((s) => [s.name, s.held])).toEqual([['selection', true], ['~filter:rules/test.yml#1:selection', true]]);
    expect(filteredConditionTexts(['a', 'b'], undefined)).toEqual(['a', 'b']);
  });

  it('returns the very same rule when no filter applies', () => {
    const doc = loadRuleText(ruleDoc({ id: RULE_ID }), 'r.yml').documents[0] as SigmaRule;
    const ir = lowerRule(doc).rule!;
    const filter = lowerFilter(loadRuleText(filterDoc({ rules: '[someone-else]' }), 'f.yml').documents[0] as SigmaFilter, {}).filter!;
    expect(applyFilters(ir, doc, [filter])).toBe(ir);
  });
});

describe('filter diagnostics', () => {
  const codes = (set: Ruleset): string[] => set.diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.col} ${d.severity} ${d.code}`);

  it('warns at the filter for a reference to a rule that is not loaded, to a correlation, or to another log source', () => {
    expect(codes(prepare(ruleDoc({ id: RULE_ID }), filterDoc({ rules: `[${RULE_ID}, no-such-rule]` })))).toEqual(['rules/test.yml:11:1 warning FILTER_UNUSED_REFERENCE']);
    const correlation = `title: c\nname: many_whoami\ncorrelation:\n  type: event_count\n  rules: [${RULE_ID}]\n  timespan: 1h\n  condition: {gte: 2}`;
    const toCorrelation = prepare(ruleDoc({ id: RULE_ID }), correlation, filterDoc({ rules: '[many_whoami]' }));
    expect(toCorrelation.diagnostics.map((d) => [d.code, d.message.includes('correlation')])).toEqual([['FILTER_UNUSED_REFERENCE', true]]);
    const linux = prepare(ruleDoc({ id: RULE_ID }), filterDoc({ logsource: '{product: linux}' }));
    expect(linux.diagnostics.map((d) => [d.code, d.message.includes('does not cover')])).toEqual([['FILTER_UNUSED_REFERENCE', true]]);
    expect(linux.rules[0]!.ir.filters).toBeUndefined();
    expect(codes(prepare(ruleDoc({ id: RULE_ID }), filterDoc({ rules: 'any' })))).toEqual([]);
  });

  it('reports a filter that fails to lower as an error at its line, applies it nowhere, and keeps the rule', () => {
    const set = prepare(ruleDoc({ id: RULE_ID }), filterDoc({ filter: "selection:\n    User|startwith: 'adm_'\ncondition: not selection" }));
    expect(codes(set)).toEqual(['rules/test.yml:14:7 error UNKNOWN_MODIFIER']);
    expect(set.rules).toHaveLength(1);
    expect(set.rules[0]!.ir.filters).toBeUndefined();
    expect(set.loadedDocuments).toBe(1);
    expect(lowerFilter(loadRuleText(filterDoc({ filter: 'selection:\n    User: x\ncondition: not sel' }), 'f.yml').documents[0] as SigmaFilter, {})).toMatchObject({ filter: null, diagnostics: [{ code: 'UNDEFINED_IDENTIFIER' }] });
  });
});

const specFilters = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/sigma-spec/examples/filter');
const haveSpec = existsSync(specFilters);
if (!haveSpec) console.warn(`SKIPPED: Sigma specification filter examples not found at ${specFilters} (../shared is absent)`);

describe.skipIf(!haveSpec)('the filter examples of the Sigma specification (../shared/sigma-spec/examples/filter)', () => {
  const load = (name: string): string => readFileSync(path.join(specFilters, name), 'utf8');

  it('filter_1.yml loads, warns about its two unknown rules, and keeps only adm_ accounts on a rule it names', () => {
    const alone = prepare(load('filter_1.yml'));
    expect(alone.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning FILTER_UNUSED_REFERENCE', 'warning FILTER_UNUSED_REFERENCE']);
    expect(alone.loadedDocuments).toBe(1);
    const set = prepare(ruleDoc({ id: RULE_ID }), load('filter_1.yml'));
    expect(set.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('df0841c0-9846-4e9f-ad8a-7df91571771b')]);
    const ir = set.rules[0]!.ir;
    expect(ir.filters?.map((f) => [f.title, f.condition])).toEqual([['Filter Administrator account', 'selection']]);
    // `condition: selection` AND-ed on (pySigma): only adm_ accounts still alert (semantics §12.1).
    expect(decide(ir, [{ Image: WHOAMI, User: 'adm_jdoe' }, { Image: WHOAMI, User: 'jdoe' }])).toEqual([true, false]);
  });

  it('filter_ecs.yml applies to an ECS dns rule it names, on the dotted field', () => {
    const rule = ruleDoc({ id: RULE_ID, logsource: '{category: network, service: dns}', detection: "selection:\n    dns.question.name|contains: 'google'\ncondition: selection" });
    const set = prepare(rule, load('filter_ecs.yml'));
    expect(set.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ir = set.rules[0]!.ir;
    expect(ir.filters).toHaveLength(1);
    expect(decide(ir, [{ dns: { question: { name: 'www.google.com' } } }, { 'dns.question.name': 'mail.google.com' }])).toEqual([true, false]);
  });
});

describe('the ruleset prefilter on filtered rules', () => {
  const seed = Number(process.env['SIGMATEST_SEED'] ?? 20270107);
  const RULES = 12;
  const EVENTS = 30;
  const SETS = 60;

  /** A generated rule reused as a filter document for every rule (`rules: any`, same log source). */
  function asFilter(rule: SigmaRule, index: number): SigmaFilter {
    return { ...rule, kind: 'filter', id: `f${index}`, targets: 'any', detection: rule.detection };
  }

  it(`decides filtered rules alike with the matcher (prefilter on), per rule and on the reference (seed ${seed})`, () => {
    console.log(`apply-filters prefilter seed: ${seed} (set SIGMATEST_SEED to replay)`);
    let decisions = 0;
    let matches = 0;
    let filteredOut = 0;
    let evaluated = 0;
    const setArb = fc.tuple(fc.array(sigmaRule, { minLength: RULES, maxLength: RULES }), fc.array(sigmaRule, { minLength: 1, maxLength: 2 }), fc.array(arbitraryEvent, { minLength: EVENTS, maxLength: EVENTS }));
    fc.assert(
      fc.property(setArb, ([ruleDocs, filterDocs, events]) => {
        const filters = filterDocs.flatMap((f, i) => lowerFilter(asFilter(f, i), { placeholders: PLACEHOLDERS }).filter ?? []);
        const pairs = ruleDocs.flatMap((doc) => {
          const ir = lowerRule(doc, { placeholders: PLACEHOLDERS }).rule;
          return ir ? [{ plain: ir, filtered: applyFilters(ir, doc, filters) }] : [];
        });
        const rules = pairs.map((p) => p.filtered);
        const compiled = rules.map(compileRule);
        const matcher = compileRuleset(rules, { compiled });
        for (const e of events) {
          const got = [...matcher.match(e)].join();
          const view = new EventView(e);
          const perRule = compiled.flatMap((c, i) => (c.test(view) ? [i] : []));
          const reference = rules.flatMap((r, i) => (referenceDecide(r, e) ? [i] : []));
          if (got !== perRule.join() || perRule.join() !== reference.join()) {
            throw new Error(`matcher [${got}] per-rule [${perRule.join()}] reference [${reference.join()}] on ${JSON.stringify(e)}`);
          }
          decisions += rules.length;
          matches += perRule.length;
          filteredOut += pairs.filter((p, i) => referenceDecide(p.plain, e) && !perRule.includes(i)).length;
        }
        evaluated += matcher.stats().evaluated;
      }),
      { seed, numRuns: SETS, endOnFailure: true },
    );
    console.log(`apply-filters prefilter: ${decisions} decisions, ${matches} matches, ${filteredOut} matches removed by filters, ${evaluated} rule evaluations`);
    expect(decisions).toBeGreaterThanOrEqual(10_000);
    expect(matches).toBeGreaterThan(0);
    expect(filteredOut).toBeGreaterThan(0);
    expect(evaluated, 'the prefilter ruled some filtered rules out').toBeLessThan(decisions);
  });
});
