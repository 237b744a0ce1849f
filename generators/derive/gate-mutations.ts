/**
 * Log-source near misses (issue 4 part 3): the same event under another EventID, Channel or other gate field
 * value. In: the rule, one gate item and the positive. Out: at most one candidate per gate item, preferring a
 * value under which no variant of the rule applies (so the event is out of the rule's log source).
 */
import type { IrItem, IrRule } from '../../framework/ir/types.js';
import { evaluateItem, variantApplies } from '../../framework/engine/reference.js';
import type { DerivedFields } from './types.js';
import type { Violation } from './violate.js';

const EVENT_IDS = [1, 3, 11, 13, 22, 4688, 4624, 4104, 7045, 5156];
const CHANNELS = ['Security', 'System', 'Microsoft-Windows-Sysmon/Operational', 'Application', 'Microsoft-Windows-PowerShell/Operational', 'Windows PowerShell'];

function operatorFor(field: string): string {
  if (field === 'EventID') return 'logsource:other-eventid';
  if (field === 'Channel') return 'logsource:other-channel';
  return `logsource:other-${field.toLowerCase()}`;
}

function candidates(field: string, current: unknown): unknown[] {
  if (field === 'EventID') return EVENT_IDS.map((n) => (typeof current === 'string' ? String(n) : n));
  if (field === 'Channel') return CHANNELS;
  if (typeof current === 'number') return [current + 1, current + 100];
  return [`${String(current ?? '')}-other`, 'other'];
}

export function gateViolations(rule: IrRule, item: IrItem, positive: DerivedFields): Violation[] {
  const field = item.field;
  if (field === null) return [];
  const withValue = (v: unknown): DerivedFields => ({ ...positive, [field]: v });
  const failing = candidates(field, positive[field]).filter((v) => !evaluateItem(item, withValue(v)));
  const outside = failing.find((v) => !rule.variants.some((variant) => variantApplies(variant, withValue(v))));
  const chosen = outside ?? failing[0];
  return chosen === undefined ? [] : [{ operator: operatorFor(field), value: chosen }];
}
