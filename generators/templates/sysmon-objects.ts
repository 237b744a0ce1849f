/**
 * Sysmon file and registry templates: 11 file created, 12 registry key/value created or deleted (two templates,
 * because windows/registry_add needs EventType CreateKey and windows/registry_delete DeleteKey|DeleteValue),
 * 13 registry value set, 14 registry key/value renamed, 15 alternate data stream created, 23 file deleted
 * (archived). Field sets follow Sysmon 15's schema.
 */
import type { Faker } from '@faker-js/faker';
import { earlier, hashesString, pick, sysmonUtcTime } from './faker-source.js';
import { url } from './network-values.js';
import { sysmonHead, sysmonTemplate } from './sysmon-common.js';
import type { FlatEvent, Template } from './types.js';
import type { WinHost } from './windows-host.js';
import { someProcess, userProcess, type WinProcess } from './windows-process.js';
import { parentKey, registryDetails, registryKey, userExecutable, userHome, windowsPath } from './windows-values.js';

/** ProcessGuid / ProcessId / Image of the acting process. */
function actor(proc: WinProcess): FlatEvent {
  return { ProcessGuid: proc.guid, ProcessId: proc.pid, Image: proc.image };
}

function home(host: WinHost): string {
  return userHome(host.user.name);
}

export const sysmon11: Template = sysmonTemplate({
  eventId: 11,
  categories: ['file_event'],
  description: 'Sysmon 11: file created or overwritten',
  payload: (f, host) => {
    const proc = someProcess(f, host);
    return {
      ...sysmonHead(f, host),
      ...actor(proc),
      TargetFilename: windowsPath(f, home(host)),
      CreationUtcTime: sysmonUtcTime(earlier(f, host.time, 30)),
      User: proc.user,
    };
  },
});

function registryEvent(f: Faker, host: WinHost, eventType: string, valuePath: boolean): FlatEvent {
  const proc = someProcess(f, host);
  const key = registryKey(f, host.user.sid);
  return { RuleName: sysmonHead(f, host)['RuleName'] as string, EventType: eventType, UtcTime: sysmonUtcTime(host.time), ...actor(proc), TargetObject: valuePath ? key : parentKey(key), User: proc.user };
}

export const sysmon12: Template = sysmonTemplate({
  eventId: 12,
  categories: ['registry_event', 'registry_add'],
  description: 'Sysmon 12: registry key created (EventType CreateKey)',
  payload: (f, host) => registryEvent(f, host, 'CreateKey', false),
});

export const sysmon12Delete: Template = sysmonTemplate({
  name: 'sysmon-12-delete',
  eventId: 12,
  categories: ['registry_event', 'registry_delete'],
  description: 'Sysmon 12: registry key or value deleted (EventType DeleteKey / DeleteValue)',
  payload: (f, host) => {
    const deleteValue = f.datatype.boolean();
    return registryEvent(f, host, deleteValue ? 'DeleteValue' : 'DeleteKey', deleteValue);
  },
});

export const sysmon13: Template = sysmonTemplate({
  eventId: 13,
  categories: ['registry_event', 'registry_set'],
  description: 'Sysmon 13: registry value set (EventType SetValue, Details)',
  payload: (f, host) => ({ ...registryEvent(f, host, 'SetValue', true), Details: registryDetails(f, home(host)) }),
});

export const sysmon14: Template = sysmonTemplate({
  eventId: 14,
  categories: ['registry_event', 'registry_rename'],
  description: 'Sysmon 14: registry key or value renamed (EventType RenameKey, NewName)',
  payload: (f, host) => {
    const event = registryEvent(f, host, 'RenameKey', false);
    const target = String(event['TargetObject']);
    return { ...event, NewName: `${parentKey(target)}\\${pick(f, ['Backup', 'Old', f.word.noun()])}` };
  },
});

function zoneIdentifier(f: Faker): string {
  const source = url(f);
  return `[ZoneTransfer]  ZoneId=3  ReferrerUrl=${source.slice(0, source.lastIndexOf('/') + 1)}  HostUrl=${source}`;
}

export const sysmon15: Template = sysmonTemplate({
  eventId: 15,
  categories: ['create_stream_hash'],
  description: 'Sysmon 15: alternate data stream created (Zone.Identifier and other streams)',
  payload: (f, host) => {
    const proc = userProcess(f, host);
    const zone = f.number.int({ min: 0, max: 3 }) > 0;
    return {
      ...sysmonHead(f, host),
      ...actor(proc),
      TargetFilename: `${userExecutable(f, home(host))}:${zone ? 'Zone.Identifier' : pick(f, ['payload', 'hidden.ps1', 'SmartScreen'])}`,
      CreationUtcTime: sysmonUtcTime(earlier(f, host.time, 2)),
      Hash: hashesString(f),
      Contents: zone ? zoneIdentifier(f) : '-',
      User: proc.user,
    };
  },
});

export const sysmon23: Template = sysmonTemplate({
  eventId: 23,
  categories: ['file_delete'],
  description: 'Sysmon 23: file deleted and archived',
  payload: (f, host) => {
    const proc = someProcess(f, host);
    const target = windowsPath(f, home(host));
    return {
      ...sysmonHead(f, host),
      ...actor(proc),
      User: proc.user,
      TargetFilename: target,
      Hashes: hashesString(f),
      IsExecutable: /\.(exe|dll)$/i.test(target) ? 'true' : 'false',
      Archived: pick(f, ['true', 'false']),
    };
  },
});
