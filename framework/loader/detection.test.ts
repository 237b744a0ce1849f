import { describe, expect, it } from 'vitest';
import { loadRuleText } from './load-rules.js';
import type { SigmaItem, SigmaRule, SigmaSearch } from './types.js';

/** A rule whose detection body is `body` (already indented by two spaces); the detection key is line 4. */
function ruleText(body: string): string {
  return `title: t\nlogsource:\n  product: windows\ndetection:\n${body}`;
}

function loadRule(body: string): SigmaRule {
  const result = loadRuleText(ruleText(body), 'r.yml');
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const rule = result.documents[0];
  if (rule?.kind !== 'rule') throw new Error('expected a rule');
  return rule;
}

function searchOf(rule: SigmaRule, name: string): SigmaSearch {
  const identifier = rule.detection.identifiers.find((i) => i.name === name);
  if (identifier === undefined) throw new Error(`no identifier ${name}`);
  return identifier.search;
}

function itemsOf(search: SigmaSearch): readonly SigmaItem[] {
  if (search.kind !== 'map') throw new Error(`expected a map, got ${search.kind}`);
  return search.items;
}

function errorCodes(body: string): string[] {
  const result = loadRuleText(ruleText(body), 'r.yml');
  expect(result.documents).toEqual([]);
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.span.line}:${d.span.col}`);
}

describe('detection shapes (semantics §3)', () => {
  it('map identifier: items with field, modifiers, values and spans', () => {
    const rule = loadRule('  sel:\n    Image|endswith: \\cmd.exe\n    CommandLine|contains|all: [a, b]\n  condition: sel\n');
    const [image, cmd] = itemsOf(searchOf(rule, 'sel'));
    expect(image).toMatchObject({ key: 'Image|endswith', field: 'Image', modifiers: ['endswith'], values: ['\\cmd.exe'], isList: false });
    expect(image?.span).toEqual({ file: 'r.yml', line: 6, col: 5 });
    expect(image?.valueSpans).toEqual([{ file: 'r.yml', line: 6, col: 21 }]);
    expect(cmd).toMatchObject({ field: 'CommandLine', modifiers: ['contains', 'all'], values: ['a', 'b'], isList: true });
    expect(cmd?.valueSpans.map((s) => s.col)).toEqual([32, 35]);
  });

  it("empty field part ('|all') makes a keyword item with modifiers", () => {
    const rule = loadRule("  kw:\n    '|all': [foo, bar]\n  condition: kw\n");
    expect(itemsOf(searchOf(rule, 'kw'))[0]).toMatchObject({ key: '|all', field: null, modifiers: ['all'], values: ['foo', 'bar'] });
  });

  it('list of scalars is one keyword item', () => {
    const rule = loadRule('  keywords:\n    - Trojan*FOUND\n    - 200\n  condition: keywords\n');
    const search = searchOf(rule, 'keywords');
    expect(search.kind).toBe('keywords');
    if (search.kind !== 'keywords') return;
    expect(search.item).toMatchObject({ key: null, field: null, modifiers: [], values: ['Trojan*FOUND', 200], isList: true });
    expect(search.item.valueSpans.map((s) => s.line)).toEqual([6, 7]);
  });

  it('scalar identifier is a keyword search with one value', () => {
    const search = searchOf(loadRule('  kw: mimikatz\n  condition: kw\n'), 'kw');
    expect(search).toMatchObject({ kind: 'keywords', item: { values: ['mimikatz'], isList: false, field: null } });
  });

  it('list of maps is anyOf of maps', () => {
    const rule = loadRule('  sel:\n    - Image: a.exe\n    - Image: b.exe\n      User: x\n  condition: sel\n');
    const search = searchOf(rule, 'sel');
    expect(search.kind).toBe('anyOf');
    if (search.kind !== 'anyOf') return;
    expect(search.elements.map((e) => e.kind)).toEqual(['map', 'map']);
    expect(itemsOf(search.elements[1] as SigmaSearch).map((i) => i.field)).toEqual(['Image', 'User']);
  });

  it('mixed list: maps → map, scalars → keywords, nested lists → recursive', () => {
    const rule = loadRule('  sel:\n    - Image: a.exe\n    - keyword\n    - [x, y]\n    - [{A: 1}, z]\n  condition: sel\n');
    const search = searchOf(rule, 'sel');
    if (search.kind !== 'anyOf') throw new Error('expected anyOf');
    expect(search.elements.map((e) => e.kind)).toEqual(['map', 'keywords', 'keywords', 'anyOf']);
    expect(search.elements[2]).toMatchObject({ item: { values: ['x', 'y'], isList: true } });
    const nested = search.elements[3];
    if (nested?.kind !== 'anyOf') throw new Error('expected nested anyOf');
    expect(nested.elements.map((e) => e.kind)).toEqual(['map', 'keywords']);
  });

  it('item values: null, empty list, booleans and numbers', () => {
    const rule = loadRule("  sel:\n    A:\n    B: []\n    C: True\n    D: 4688\n    E: 'true'\n    F: ~\n  condition: sel\n");
    const items = itemsOf(searchOf(rule, 'sel'));
    expect(items.map((i) => i.values)).toEqual([[null], [], [true], [4688], ['true'], [null]]);
    expect(items[0]?.valueSpans).toEqual([{ file: 'r.yml', line: 6, col: 5 }]);
  });

  it('keeps identifier names verbatim (dots, pipes)', () => {
    const rule = loadRule('  filter_main_mdadm.conf:\n    A: 1\n  select_tree_execution|endswith:\n    B: 2\n  condition: all of select* and not 1 of filter*\n');
    expect(rule.detection.identifiers.map((i) => i.name)).toEqual(['filter_main_mdadm.conf', 'select_tree_execution|endswith']);
  });

  it('condition string and condition list, with spans', () => {
    const single = loadRule("  sel: {A: 1}\n  condition: 'sel'\n");
    expect(single.detection.conditions).toEqual([{ text: 'sel', span: { file: 'r.yml', line: 6, col: 14 }, textOffsetCol: 1 }]);
    const list = loadRule('  sel: {A: 1}\n  condition:\n    - sel\n    - not sel\n');
    expect(list.detection.conditions.map((c) => [c.text, c.span.line, c.textOffsetCol])).toEqual([
      ['sel', 7, 0],
      ['not sel', 8, 0],
    ]);
  });

  it('rejects empty map, empty list and bare null identifiers with EMPTY_DETECTION', () => {
    expect(errorCodes('  sel: {}\n  condition: sel\n')).toEqual(['EMPTY_DETECTION@5:3']);
    expect(errorCodes('  sel: []\n  condition: sel\n')).toEqual(['EMPTY_DETECTION@5:3']);
    expect(errorCodes('  sel:\n  condition: sel\n')).toEqual(['EMPTY_DETECTION@5:3']);
    expect(errorCodes('  sel: null\n  other: {A: 1}\n  condition: sel\n')).toEqual(['EMPTY_DETECTION@5:3']);
    expect(errorCodes('  sel:\n    - {}\n    - A: 1\n  condition: sel\n')).toEqual(['EMPTY_DETECTION@6:7']);
  });

  it('rejects a list or map nested in an item value with INVALID_VALUE at the nested node', () => {
    expect(errorCodes('  sel:\n    A: [x, [y]]\n  condition: sel\n')).toEqual(['INVALID_VALUE@6:12']);
    expect(errorCodes('  sel:\n    A:\n      B: c\n  condition: sel\n')).toEqual(['INVALID_VALUE@7:7']);
  });
});

describe('YAML 1.1 typing inside detection only', () => {
  it('types plain scalars in detection like PyYAML and keeps quoted ones as strings', () => {
    const rule = loadRule("  sel:\n    Details|contains: [00000429, '0012', 010, 0o10, 1e3, 1_000, yes, off, 1:30]\n  condition: sel\n");
    expect(itemsOf(searchOf(rule, 'sel'))[0]?.values).toEqual(['00000429', '0012', 8, '0o10', '1e3', 1000, true, false, 90]);
  });

  it('keeps YAML 1.2 typing in metadata and custom attributes', () => {
    const text = `${ruleText('  sel: {A: 010}\n  condition: sel\n')}custom: [010, yes, 00000429]\n`;
    const rule = loadRuleText(text, 'r.yml').documents[0] as SigmaRule;
    expect(rule.raw['custom']).toEqual([10, 'yes', 429]);
    expect(rule.raw['detection']).toEqual({ sel: { A: 8 }, condition: 'sel' });
  });

  it('keeps a YAML 1.1 timestamp as a string and warns with YAML_DATE_VALUE', () => {
    const result = loadRuleText(ruleText('  sel:\n    Date: 2023-01-01\n  condition: sel\n'), 'r.yml');
    const rule = result.documents[0] as SigmaRule;
    expect(itemsOf(searchOf(rule, 'sel'))[0]?.values).toEqual(['2023-01-01']);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.span.line, d.span.col])).toEqual([
      ['YAML_DATE_VALUE', 'warning', 6, 11],
    ]);
  });
});
