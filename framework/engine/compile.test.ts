import { describe, expect, it } from 'vitest';
import type { IrRule } from '../ir/types.js';
import { lowerRule } from '../ir/lower.js';
import { loadRuleText, type SigmaRule } from '../loader/index.js';
import { compileRule } from './compile.js';
import { EventView } from './event-view.js';
import { referenceDecide } from './reference.js';

const span = { file: 'r.yml', line: 1, col: 1 };

/** A rule whose only matcher is a regular expression given as IR data (lowering would have rejected it). */
function regexRule(source: string): IrRule {
  const item = { field: 'F', values: [{ alternatives: [{ kind: 'regex' as const, source, flags: '' }], span }], linking: 'or' as const, negated: false, modifiers: ['re'], span };
  return {
    id: 'r',
    title: 'r',
    path: 'r.yml',
    logsource: {},
    detections: { sel: { kind: 'item', item } },
    conditions: [{ kind: 'ref', name: 'sel' }],
    variants: [{ label: 'every event', gate: [], renames: {} }],
    unmappedLogsource: true,
  };
}

describe('compileRule', () => {
  it('builds a rule’s closures on its first test, not before', () => {
    const compiled = compileRule(regexRule('('));
    expect(compiled.id).toBe('r');
    // The invalid pattern is only compiled (and only throws) when the rule is first evaluated.
    expect(() => compiled.matches({ F: 'x' })).toThrow(SyntaxError);
  });

  it('decides like the reference on every test after the first, through both entry points', () => {
    const text = `title: t
logsource: {product: windows}
detection:
  sel:
    CommandLine|contains|all: [' -enc ', 'powershell']
  filter:
    User|startswith: 'NT AUTHORITY'
  condition: sel and not filter
`;
    const lowered = lowerRule(loadRuleText(text, 't.yml').documents[0] as SigmaRule);
    if (lowered.rule === null) throw new Error('the rule did not lower');
    const compiled = compileRule(lowered.rule);
    const events = [
      { CommandLine: 'powershell -enc AAA', User: 'bob' },
      { CommandLine: 'powershell -enc AAA', User: 'NT AUTHORITY\\SYSTEM' },
      { CommandLine: 'cmd /c echo', User: 'bob' },
      {},
    ];
    const decisions = events.map((e) => compiled.matches(e));
    expect(decisions).toEqual([true, false, false, false]);
    expect(events.map((e) => compiled.test(new EventView(e)))).toEqual(decisions);
    expect(events.map((e) => referenceDecide(lowered.rule as IrRule, e))).toEqual(decisions);
  });
});
