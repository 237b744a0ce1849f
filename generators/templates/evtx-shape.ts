/**
 * Flat Windows event → evtx_dump JSON shape: `{Event: {#attributes: {xmlns}, System: {...}, EventData: {...}}}`.
 * In: a flat event built by an `evtx`-format template. Out: the System element rebuilt from the System fields
 * (SYSTEM_FIELD_NAMES: `<Element>` → element text, `<Element>_<Attr>` → `#attributes`, e.g. Provider_Name →
 * `Provider.#attributes.Name`, EventID + EventID_Qualifiers → `{#attributes: {Qualifiers}, #text}`;
 * Correlation and Security are `null` when the record has none, as evtx_dump writes them), every other field
 * into EventData in the flat event's order. `null` for plain (non-Windows) templates.
 * Must hold: `adaptEvent(toEvtxShape(flat, t))` has every field of `flat` with the same value (events/adapt.ts).
 */
import type { FieldValue, FlatEvent, Template } from './types.js';
import { SYSTEM_FIELD_NAMES } from './windows-system.js';

export type EvtxEvent = {
  readonly Event: {
    readonly '#attributes': { readonly xmlns: string };
    readonly System: Record<string, unknown>;
    readonly EventData: Record<string, FieldValue>;
  };
};

const XMLNS = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** System child elements in evtx order; those in NULLABLE are written as null when the record lacks them. */
const SYSTEM_ORDER = ['Provider', 'EventID', 'Version', 'Level', 'Task', 'Opcode', 'Keywords', 'TimeCreated', 'EventRecordID', 'Correlation', 'Execution', 'Channel', 'Computer', 'Security'];
const NULLABLE = new Set(['Correlation', 'Security']);
const SYSTEM_FIELDS = new Set(SYSTEM_FIELD_NAMES);

function element(flat: FlatEvent, name: string): unknown {
  const attributes: Record<string, FieldValue> = {};
  for (const field of SYSTEM_FIELD_NAMES) {
    const value = flat[field];
    if (field.startsWith(`${name}_`) && value !== undefined) attributes[field.slice(name.length + 1)] = value;
  }
  const text = flat[name];
  if (Object.keys(attributes).length === 0) return text ?? (NULLABLE.has(name) ? null : undefined);
  return text === undefined ? { '#attributes': attributes } : { '#attributes': attributes, '#text': text };
}

function systemElement(flat: FlatEvent): Record<string, unknown> {
  const system: Record<string, unknown> = {};
  for (const name of SYSTEM_ORDER) {
    const value = element(flat, name);
    if (value !== undefined) system[name] = value;
  }
  return system;
}

function eventData(flat: FlatEvent): Record<string, FieldValue> {
  const data: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(flat)) if (!SYSTEM_FIELDS.has(name)) data[name] = value;
  return data;
}

/** The evtx_dump shape of `flat`, or null when `template` is not a Windows event-log template. */
export function toEvtxShape(flat: FlatEvent, template: Pick<Template, 'format'>): EvtxEvent | null {
  if (template.format !== 'evtx') return null;
  return { Event: { '#attributes': { xmlns: XMLNS }, System: systemElement(flat), EventData: eventData(flat) } };
}
