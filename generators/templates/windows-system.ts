/**
 * The System part of a Windows event-log record, as flat fields named the way events/adapt.ts flattens
 * evtx_dump JSON: Provider_Name, Provider_Guid (Provider_EventSourceName), EventID (EventID_Qualifiers), Version,
 * Level, Task, Opcode, Keywords, TimeCreated_SystemTime, EventRecordID, Correlation_ActivityID (when the provider
 * sets one), Execution_ProcessID, Execution_ThreadID, Channel, Computer, Security_UserID (when the provider sets
 * one). SYSTEM_FIELD_NAMES lists them all; evtx-shape.ts relies on it to rebuild the System element.
 * The Channel / EventID / Provider_Name values are what the default log-source map gates on.
 */
import type { Faker } from '@faker-js/faker';
import { guidUpper, later, processId, systemTime } from './faker-source.js';
import type { FlatEvent } from './types.js';
import type { WinHost } from './windows-host.js';

export interface ProviderInfo {
  readonly name: string;
  readonly guid: string;
  readonly channel: string;
  readonly eventSourceName?: string;
}

export const SYSMON: ProviderInfo = { name: 'Microsoft-Windows-Sysmon', guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9', channel: 'Microsoft-Windows-Sysmon/Operational' };
export const SECURITY: ProviderInfo = { name: 'Microsoft-Windows-Security-Auditing', guid: '54849625-5478-4994-A5BA-3E3B0328C30D', channel: 'Security' };
export const POWERSHELL: ProviderInfo = { name: 'Microsoft-Windows-PowerShell', guid: 'A0C1853B-5C40-4B15-8766-3CF1C58F985A', channel: 'Microsoft-Windows-PowerShell/Operational' };
export const SERVICE_CONTROL_MANAGER: ProviderInfo = {
  name: 'Service Control Manager',
  guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}',
  channel: 'System',
  eventSourceName: 'Service Control Manager',
};

export interface RecordSpec {
  readonly eventId: number;
  readonly version: number;
  readonly level: number;
  readonly task: number;
  readonly opcode: number;
  readonly keywords: string;
  /** EventID's Qualifiers attribute (classic providers such as the Service Control Manager). */
  readonly qualifiers?: number;
  /** Whether the record carries Correlation ActivityID. */
  readonly activity?: boolean;
  /** Security UserID, when the provider records one. */
  readonly userId?: string;
  /** Execution ProcessID (the logging process); random when absent. */
  readonly executionPid?: number;
}

/** Every flat field name the System element can produce (attribute fields as `<Element>_<Attribute>`). */
export const SYSTEM_FIELD_NAMES: readonly string[] = Object.freeze([
  'Provider_Name',
  'Provider_Guid',
  'Provider_EventSourceName',
  'EventID',
  'EventID_Qualifiers',
  'Version',
  'Level',
  'Task',
  'Opcode',
  'Keywords',
  'TimeCreated_SystemTime',
  'EventRecordID',
  'Correlation_ActivityID',
  'Execution_ProcessID',
  'Execution_ThreadID',
  'Channel',
  'Computer',
  'Security_UserID',
]);

/** The System fields of one record of `provider` on `host`, logged shortly after `host.time`. */
export function systemFields(f: Faker, host: WinHost, provider: ProviderInfo, spec: RecordSpec): FlatEvent {
  const out: FlatEvent = { Provider_Name: provider.name, Provider_Guid: provider.guid };
  if (provider.eventSourceName !== undefined) out['Provider_EventSourceName'] = provider.eventSourceName;
  out['EventID'] = spec.eventId;
  if (spec.qualifiers !== undefined) out['EventID_Qualifiers'] = spec.qualifiers;
  Object.assign(out, { Version: spec.version, Level: spec.level, Task: spec.task, Opcode: spec.opcode, Keywords: spec.keywords });
  out['TimeCreated_SystemTime'] = systemTime(f, later(f, host.time));
  out['EventRecordID'] = host.recordId;
  if (spec.activity === true) out['Correlation_ActivityID'] = guidUpper(f);
  out['Execution_ProcessID'] = spec.executionPid ?? processId(f);
  out['Execution_ThreadID'] = processId(f);
  out['Channel'] = provider.channel;
  out['Computer'] = host.computer;
  if (spec.userId !== undefined) out['Security_UserID'] = spec.userId;
  return out;
}
