/**
 * Which events a rule covers, from its lowered log-source variants: per variant the channel(s) (or provider) and
 * EventIDs of the gate, and EventIDs the detection itself names (`EventID: 4624` in a selection of a
 * service-only rule), each with its name from the offline table (event-names.ts), e.g. Sysmon 3 "Network connection".
 */
import { hasWildcard, patternText, renderPattern } from '../ir/pattern.js';
import type { IrItem, IrMatcher, IrRule } from '../ir/types.js';
import { eventName } from './event-names.js';
import { ruleItems } from './items.js';
import type { EventCoverage } from './model.js';

const CHANNEL_FIELDS = ['Channel', 'Provider_Name', 'Provider'];

function matcherText(m: IrMatcher): string | undefined {
  if (m.kind === 'string') return hasWildcard(m.pattern) ? renderPattern(m.pattern) : patternText(m.pattern);
  if (m.kind === 'number' || m.kind === 'bool') return String(m.value);
  return undefined;
}

function itemTexts(item: IrItem): string[] {
  if (item.negated) return [];
  return item.values.flatMap((v) => v.alternatives.map(matcherText)).filter((t): t is string => t !== undefined);
}

function eventIds(items: readonly IrItem[]): number[] {
  const ids = items.filter((i) => i.field === 'EventID').flatMap(itemTexts).map(Number);
  return [...new Set(ids.filter((n) => Number.isInteger(n)))];
}

export function eventCoverage(rule: IrRule): EventCoverage[] {
  const fromDetection = eventIds(ruleItems(rule).map((i) => i.item));
  return rule.variants.map((variant) => {
    const channels = variant.gate.filter((i) => i.field !== null && CHANNEL_FIELDS.includes(i.field)).flatMap(itemTexts);
    const gateIds = eventIds(variant.gate);
    const name = (id: number): { name?: string } => {
      const found = channels.map((c) => eventName(c, id)).find((n) => n !== undefined);
      return found ? { name: found } : {};
    };
    const detectionIds = fromDetection.filter((id) => !gateIds.includes(id));
    return {
      variant: variant.label,
      channels,
      eventIds: [
        ...gateIds.map((id) => ({ id, ...name(id), from: 'log source' as const })),
        ...detectionIds.map((id) => ({ id, ...name(id), from: 'detection' as const })),
      ],
      renames: variant.renames,
    };
  });
}
