/**
 * Invariant variants of an event: changes that must not change any rule's decision (issue 4 part 4) —
 * key order reversed, an unrelated field added (not for rules with keyword items, where any value of any field
 * counts), and the evtx_dump shape of a Windows event read back through the adapter. The case invariant
 * (case-insensitive literals in random case) is a separate derivation (`mixCase`), see fuzz-rule.ts.
 */
import { adaptEvent } from '../../framework/events/adapt.js';
import type { IrDetection, IrRule } from '../../framework/ir/types.js';
import { toEvtxShape, type FlatEvent } from '../templates/index.js';
import type { FuzzCheckKind } from './types.js';

type Fields = Record<string, unknown>;

export interface Variant {
  readonly kind: FuzzCheckKind;
  readonly operator: string;
  readonly event: Fields;
}

export const UNRELATED_FIELD = 'SigmatestUnrelatedField';

function hasKeywords(d: IrDetection): boolean {
  return d.kind === 'item' ? d.item.field === null : d.children.some(hasKeywords);
}

export function usesKeywords(rule: IrRule): boolean {
  return Object.values(rule.detections).some(hasKeywords);
}

function reversedKeys(event: Fields): Fields {
  const out: Fields = {};
  for (const key of Object.keys(event).reverse()) out[key] = event[key];
  return out;
}

/** Strings and numbers only, and a Windows channel: what the evtx_dump shape can carry unchanged. */
function evtxCarries(event: Fields): event is FlatEvent {
  if (typeof event['Channel'] !== 'string') return false;
  return Object.entries(event).every(([k, v]) => (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) && !k.includes('.') && !k.startsWith('#'));
}

export function invariantVariants(rule: IrRule, event: Fields): Variant[] {
  const variants: Variant[] = [{ kind: 'invariant:key-order', operator: 'key-order:reversed', event: reversedKeys(event) }];
  if (!usesKeywords(rule) && !(UNRELATED_FIELD in event)) {
    variants.push({ kind: 'invariant:extra-field', operator: 'extra-field', event: { ...event, [UNRELATED_FIELD]: 'sigmatest-unrelated-value' } });
  }
  if (evtxCarries(event)) {
    const adapted = adaptEvent(toEvtxShape(event, { format: 'evtx' }));
    if (adapted) variants.push({ kind: 'invariant:evtx-shape', operator: 'evtx-shape', event: { ...adapted } });
  }
  return variants;
}
