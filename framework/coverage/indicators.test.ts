import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSharedSettings } from '../ruleset/settings.js';
import { buildRuleset } from '../ruleset/build-ruleset.js';
import { buildCatalogIndex, indicatorRows, operatorOf } from './indicators.js';
import { coverageOf, prepare } from './test-support/fixtures.js';
import { PORTMAP_RULE_YAML } from '../test-support/portmap-rule.js';

const PORTMAP = PORTMAP_RULE_YAML;

function rule(id: string, body: string): ReturnType<typeof prepare> {
  return prepare(`title: r\nid: 00000000-0000-4000-8000-0000000000${id.charCodeAt(0).toString(16)}\nlogsource: {category: network_connection, product: windows}\ndetection:\n${body}\n  condition: sel\n`);
}

describe('indicators and catalog counts', () => {
  const portmap = prepare(PORTMAP);
  const catalog = buildCatalogIndex([
    portmap,
    rule('a', "  sel:\n    Initiated: 'TRUE'"), // case-insensitive string: same value
    rule('b', '  sel:\n    Initiated: true'), // YAML boolean, matched through its text: same value
    rule('c', "  sel:\n    Initiated|contains: 'true'"), // another operator
    rule('d', "  sel:\n    Initiated: 'false'\n    Other: 'true'"), // another value, another field
    rule('e', "  sel:\n    DestinationHostname|endswith: 'portmap.io'"), // no leading dot
    rule('f', "  sel:\n    - Initiated: 'true'\n    - Initiated: 'true'"), // counted once
  ].map((r) => r.ir));

  it('counts catalog rules with the same field, operator and value, this rule included, and the others apart', () => {
    const rows = indicatorRows(portmap.ir, coverageOf(portmap, []).selections.flatMap((s) => s.items), catalog);
    expect(rows.map((r) => [r.field, r.operator, r.value, r.catalogRules, r.otherRules])).toEqual([
      ['Initiated', 'equals', "'true'", 4, 3],
      ['DestinationHostname', 'endswith', "'.portmap.io'", 1, 0],
    ]);
  });

  it('names operators from the modifier chain without `all`', () => {
    const r = rule('g', "  sel:\n    CommandLine|contains|all: [a, b]\n    Image|windash|contains: '-x'\n    Hash: 'x'");
    expect(r.ir.detections['sel']?.kind === 'allOf' && r.ir.detections['sel'].children.map((c) => (c.kind === 'item' ? operatorOf(c.item) : ''))).toEqual(['contains', 'windash|contains', 'equals']);
  });

  it('keeps case for cased values and regular expressions', () => {
    const cased = buildCatalogIndex([rule('h', "  sel:\n    X|cased: 'AbC'"), rule('i', "  sel:\n    X|cased: 'abc'"), rule('j', "  sel:\n    X|re: 'AbC'"), rule('k', "  sel:\n    X|re: 'abc'")].map((r) => r.ir));
    expect([...cased.keys.values()].map((v) => v.length)).toEqual([1, 1, 1, 1]);
  });

  it('with the SigmaHQ corpus as catalog, the portmap rule shows Initiated equals true: 50 and .portmap.io: 1', async (ctx) => {
    const shared = path.resolve('../shared/sigma');
    if (!existsSync(shared)) {
      console.warn(`SKIPPED: the SigmaHQ corpus is not at ${shared}`);
      ctx.skip();
      return;
    }
    const settings = await readSharedSettings({ gating: true });
    const paths = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-placeholder', 'rules-compliance'].map((d) => path.join(shared, d));
    const corpus = await buildRuleset(paths, { logsourceMap: settings.logsourceMap, unresolvedPlaceholder: 'error' });
    const rows = indicatorRows(portmap.ir, [], buildCatalogIndex(corpus.rules.map((r) => r.ir)));
    expect(rows.map((r) => [r.field, r.catalogRules, r.otherRules])).toEqual([
      ['Initiated', 50, 49],
      ['DestinationHostname', 1, 0],
    ]);
  });
});
