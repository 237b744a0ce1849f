/**
 * What every Sysmon template shares: the System fields of a Sysmon record (provider, channel
 * `Microsoft-Windows-Sysmon/Operational`, the event's schema version, Task = EventID, SYSTEM as the user), the
 * RuleName / UtcTime head of the payload, and `sysmonTemplate`, which declares a template serving
 * `windows/<category>` via the sysmon service (and hence `windows/sysmon`).
 * Must hold: every Sysmon event passes the default map's gate `Channel: Microsoft-Windows-Sysmon/Operational`
 * plus the category's EventID condition.
 */
import type { Faker } from '@faker-js/faker';
import { pick, sysmonUtcTime } from './faker-source.js';
import { defineTemplate, type FlatEvent, type Template } from './types.js';
import { winHost, type WinHost } from './windows-host.js';
import { SYSMON, systemFields } from './windows-system.js';

/** Schema version of each Sysmon event id (Sysmon 15). */
const VERSIONS: Readonly<Record<number, number>> = { 1: 5, 3: 5, 5: 3, 7: 3, 8: 2, 10: 3, 11: 2, 12: 2, 13: 2, 14: 2, 15: 2, 17: 1, 18: 1, 22: 5, 23: 5, 25: 5 };

const TECHNIQUES = [
  'technique_id=T1059.001,technique_name=PowerShell',
  'technique_id=T1547.001,technique_name=Registry Run Keys / Start Folder',
  'technique_id=T1055,technique_name=Process Injection',
  'technique_id=T1036,technique_name=Masquerading',
  'technique_id=T1003,technique_name=Credential Dumping',
];

/** `-` (no rule name) most of the time, else a sysmon-modular style technique tag. */
export function ruleName(f: Faker): string {
  return f.number.int({ min: 0, max: 3 }) === 0 ? pick(f, TECHNIQUES) : '-';
}

/** RuleName and UtcTime, the first payload fields of nearly every Sysmon event. */
export function sysmonHead(f: Faker, host: WinHost): FlatEvent {
  return { RuleName: ruleName(f), UtcTime: sysmonUtcTime(host.time) };
}

function sysmonSystem(f: Faker, host: WinHost, eventId: number): FlatEvent {
  return systemFields(f, host, SYSMON, {
    eventId,
    version: VERSIONS[eventId] ?? 1,
    level: 4,
    task: eventId,
    opcode: 0,
    keywords: '0x8000000000000000',
    userId: 'S-1-5-18',
  });
}

export interface SysmonSpec {
  readonly name?: string;
  readonly eventId: number;
  readonly categories: readonly string[];
  readonly description: string;
  readonly mayBeEmpty?: readonly string[];
  readonly payload: (f: Faker, host: WinHost) => FlatEvent;
}

/** A Sysmon template: System fields + `payload`, serving windows/<category> via sysmon for each category. */
export function sysmonTemplate(spec: SysmonSpec): Template {
  return defineTemplate({
    name: spec.name ?? `sysmon-${spec.eventId}`,
    description: spec.description,
    format: 'evtx',
    logsources: spec.categories.map((category) => ({ product: 'windows', category, service: 'sysmon' })),
    ...(spec.mayBeEmpty ? { mayBeEmpty: spec.mayBeEmpty } : {}),
    build: (f) => {
      const host = winHost(f);
      const system = sysmonSystem(f, host, spec.eventId);
      return { ...system, ...spec.payload(f, host) };
    },
  });
}
