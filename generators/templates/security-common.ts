/**
 * What the Security-log templates share: System fields of a Microsoft-Windows-Security-Auditing record (channel
 * `Security`, Level 0, audit success / failure keywords, lsass as the logging process, no Security UserID) and
 * the Subject* block naming the account that did the action.
 * Must hold: every event passes the default map's `windows/security` gate (`Channel: Security`).
 */
import type { Faker } from '@faker-js/faker';
import { defineTemplate, type FlatEvent, type Template, type TemplateLogsource } from './types.js';
import { winHost, type WinAccount, type WinHost } from './windows-host.js';
import { SECURITY, systemFields } from './windows-system.js';

export interface SecuritySpec {
  readonly eventId: number;
  readonly version: number;
  readonly task: number;
  readonly description: string;
  readonly failure?: boolean;
  readonly activity?: boolean;
  /** Categories served via the security service (e.g. process_creation for 4688); none = windows/security only. */
  readonly categories?: readonly string[];
  readonly executionPid?: number;
  readonly payload: (f: Faker, host: WinHost) => FlatEvent;
}

/** SubjectUserSid, SubjectUserName, SubjectDomainName, SubjectLogonId of `account`. */
export function subject(account: WinAccount): FlatEvent {
  return { SubjectUserSid: account.sid, SubjectUserName: account.name, SubjectDomainName: account.domain, SubjectLogonId: account.logonId };
}

function logsources(categories: readonly string[]): TemplateLogsource[] {
  if (categories.length === 0) return [{ product: 'windows', service: 'security' }];
  return categories.map((category) => ({ product: 'windows', category, service: 'security' }));
}

export function securityTemplate(spec: SecuritySpec): Template {
  return defineTemplate({
    name: `security-${spec.eventId}`,
    description: spec.description,
    format: 'evtx',
    logsources: logsources(spec.categories ?? []),
    build: (f) => {
      const host = winHost(f);
      const system = systemFields(f, host, SECURITY, {
        eventId: spec.eventId,
        version: spec.version,
        level: 0,
        task: spec.task,
        opcode: 0,
        keywords: spec.failure === true ? '0x8010000000000000' : '0x8020000000000000',
        activity: spec.activity ?? false,
        executionPid: spec.executionPid ?? f.number.int({ min: 150, max: 250 }) * 4,
      });
      return { ...system, ...spec.payload(f, host) };
    },
  });
}
