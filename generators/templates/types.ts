/**
 * Event templates: the shapes shared by every template family.
 * A Template builds ONE realistic, fully populated event of one producer (e.g. Sysmon event 1) from a seeded
 * Faker; everything random in it comes from that Faker, so the same seed gives the same event.
 * Must hold: `build` is a pure function of the Faker's state (no Date.now, no Math.random); every value is a
 * non-empty string or a number, except the fields listed in `mayBeEmpty` (empty where the real producer leaves
 * them empty); Windows event-log templates (`format: 'evtx'`) include the System fields
 * (Provider_Name, EventID, Channel, Computer, TimeCreated_SystemTime, EventRecordID, Execution_*...) under the
 * names events/adapt.ts gives them when flattening evtx_dump JSON.
 */
import type { Faker } from '@faker-js/faker';

/** One field value of a flat event: numbers where the real producer writes integers, strings otherwise. */
export type FieldValue = string | number;

/** A flat event: field name → value, as the engine matches it. */
export type FlatEvent = Record<string, FieldValue>;

/** A Sigma log source a template serves; keys absent here are absent in the rules it serves too. */
export interface TemplateLogsource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
}

/** `evtx`: a Windows event-log record (System + EventData); `plain`: any other flat log record. */
export type TemplateFormat = 'evtx' | 'plain';

export interface Template {
  /** Unique, e.g. `sysmon-1`, `security-4688`, `linux-auditd-execve`. */
  readonly name: string;
  readonly description: string;
  /** Every Sigma log source whose rules should be evaluated on this template's events. */
  readonly logsources: readonly TemplateLogsource[];
  readonly format: TemplateFormat;
  /** Fields that may legitimately be empty strings (the real producer leaves them empty). */
  readonly mayBeEmpty: readonly string[];
  build(f: Faker): FlatEvent;
}

/** Helper so template files stay declarative: fills in the optional parts. */
export function defineTemplate(spec: Omit<Template, 'mayBeEmpty'> & { readonly mayBeEmpty?: readonly string[] }): Template {
  return Object.freeze({ ...spec, mayBeEmpty: Object.freeze([...(spec.mayBeEmpty ?? [])]), logsources: Object.freeze(spec.logsources.map((l) => Object.freeze({ ...l }))) });
}
