/**
 * necessaryClauses on small rules: which atoms and clauses each construct yields (OR of values → one union clause,
 * AND of selections → the cheapest selective clauses, `not` → nothing, keywords, renames), atoms interned once
 * and shared between rules, and the memory of one AtomCosts reused across variants. Soundness on random rules is
 * the ruleset matcher's property test (ruleset-matcher.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { lowerRule } from '../ir/lower.js';
import type { IrRule, IrVariant } from '../ir/types.js';
import { loadRuleText } from '../loader/index.js';
import type { SigmaRule } from '../loader/types.js';
import { AtomCosts, necessaryClauses, type Clauses } from './prefilter-atoms.js';

function rule(detection: string): IrRule {
  const text = `title: t\nlogsource:\n  product: windows\ndetection:\n${detection}`;
  const doc = loadRuleText(text, 'r.yml').documents[0] as SigmaRule;
  const lowered = lowerRule(doc);
  if (lowered.rule === null) throw new Error(JSON.stringify(lowered.diagnostics));
  return lowered.rule;
}

/** Each clause as `field:kind:needle-or-key` strings. */
function show(clauses: Clauses): string[][] {
  return clauses.map((c) => c.map((a) => `${a.field ?? '*'}:${a.kind}:${a.kind === 'sub' ? a.needle : a.kind === 'eq' ? a.key : ''}`));
}

const variant = (r: IrRule): IrVariant => r.variants[0] as IrVariant;

describe('necessaryClauses', () => {
  it('makes one clause of the values of an OR item (the union of their atoms, each key once)', () => {
    const r = rule("  sel:\n    Image|endswith: ['\\a.exe', '\\B.exe', '\\a.exe']\n    User: ['Alice.Smith', 'alice.smith']\n  condition: sel\n");
    // The exact key is the cheapest clause; the needles clause is selective and cheap enough to be kept too.
    expect(show(necessaryClauses(r, variant(r)))).toEqual([['User:eq:alice.smith'], ['Image:sub:\\a.exe', 'Image:sub:\\b.exe']]);
  });

  it("prices short text keys ('true') like short needles and never keeps them as an extra clause", () => {
    const r = rule("  sel:\n    Initiated: 'true'\n    DestinationHostname|endswith: '.portmap.io'\n  condition: sel\n");
    expect(show(necessaryClauses(r, variant(r)))).toEqual([['DestinationHostname:sub:.portmap.io']]);
    const alone = rule("  sel:\n    Initiated: 'true'\n  condition: sel\n");
    expect(show(necessaryClauses(alone, variant(alone)))).toEqual([['Initiated:eq:true']]);
  });

  it('keeps the cheapest selective clauses of a conjunction, cheapest first, and unions an OR position by position', () => {
    const r = rule("  a:\n    CommandLine|contains: powershell\n  b:\n    ParentImage|endswith: '\\cmd.exe'\n  condition: a and b\n");
    expect(show(necessaryClauses(r, variant(r)))).toEqual([['CommandLine:sub:powershell'], ['ParentImage:sub:\\cmd.exe']]);
    const or = rule("  a:\n    CommandLine|contains: powershell\n  b:\n    ParentImage|endswith: '\\cmd.exe'\n  condition: a or b\n");
    expect(show(necessaryClauses(or, variant(or)))).toEqual([['CommandLine:sub:powershell', 'ParentImage:sub:\\cmd.exe']]);
  });

  it('knows nothing under `not`, uses keywords on any field, and needs every needle of a pattern', () => {
    const not = rule("  a:\n    Image: x\n  condition: not a\n");
    expect(necessaryClauses(not, variant(not))).toEqual([]);
    const keywords = rule("  k:\n    - 'evil*stuff'\n  condition: k\n");
    // Both literals are necessary, but a keyword clause is never an extra one: only the cheapest (longest) stays.
    expect(show(necessaryClauses(keywords, variant(keywords)))).toEqual([['*:sub:stuff']]);
    const pattern = rule("  a:\n    CommandLine: '*invoke*expression*'\n  condition: a\n");
    expect(show(necessaryClauses(pattern, variant(pattern)))).toEqual([['CommandLine:sub:expression'], ['CommandLine:sub:invoke']]);
  });

  it('applies the variant renames, and shares interned atoms and derived items between calls', () => {
    const r = rule("  a:\n    Image|endswith: '\\x.exe'\n  condition: a\n");
    const costs = AtomCosts.fromRules([r]);
    const renamed: IrVariant = { label: 'renamed', gate: [], renames: { Image: 'NewProcessName' } };
    expect(show(necessaryClauses(r, renamed, costs))).toEqual([['NewProcessName:sub:\\x.exe']]);
    const first = necessaryClauses(r, variant(r), costs);
    const again = necessaryClauses(r, variant(r), costs);
    expect(again[0]?.[0]).toBe(first[0]?.[0]);
    expect(show(first)).toEqual([['Image:sub:\\x.exe']]);
  });
});
