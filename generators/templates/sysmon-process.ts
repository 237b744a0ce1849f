/**
 * Sysmon process templates: 1 process creation, 5 process terminated, 7 image loaded, 8 CreateRemoteThread,
 * 10 process access, 25 process tampering. Field sets and order follow Sysmon 15's schema (what the evtx
 * records of current Sysmon carry, `User` / `SourceUser` / `TargetUser` included).
 */
import { hashesString, hexUpper, pick, sysmonGuid } from './faker-source.js';
import { sysmonHead, sysmonTemplate } from './sysmon-common.js';
import type { Template } from './types.js';
import { fileVersion, grantedAccess, callTrace, systemDll } from './windows-values.js';
import { parentProcess, someProcess, systemProcess, userProcess } from './windows-process.js';

const SIGNATURES = ['Microsoft Windows', 'Microsoft Windows Publisher', 'Microsoft Corporation'];

export const sysmon1: Template = sysmonTemplate({
  eventId: 1,
  categories: ['process_creation'],
  description: 'Sysmon 1: process creation with PE metadata, hashes, logon session and parent process',
  payload: (f, host) => {
    const proc = userProcess(f, host);
    const parent = parentProcess(f, host, proc);
    const known = proc.binary.originalFileName !== '-';
    return {
      ...sysmonHead(f, host),
      ProcessGuid: proc.guid,
      ProcessId: proc.pid,
      Image: proc.image,
      FileVersion: known ? fileVersion(f) : '-',
      Description: proc.binary.description,
      Product: proc.binary.product,
      Company: proc.binary.company,
      OriginalFileName: proc.binary.originalFileName,
      CommandLine: proc.commandLine,
      CurrentDirectory: proc.currentDirectory,
      User: proc.user,
      LogonGuid: sysmonGuid(f, host.guidPrefix),
      LogonId: host.user.logonId,
      TerminalSessionId: f.number.int({ min: 1, max: 4 }),
      IntegrityLevel: proc.integrityLevel,
      Hashes: hashesString(f),
      ParentProcessGuid: parent.guid,
      ParentProcessId: parent.pid,
      ParentImage: parent.image,
      ParentCommandLine: parent.commandLine,
      ParentUser: parent.user,
    };
  },
});

export const sysmon5: Template = sysmonTemplate({
  eventId: 5,
  categories: ['process_termination'],
  description: 'Sysmon 5: process terminated',
  payload: (f, host) => {
    const proc = someProcess(f, host);
    return { ...sysmonHead(f, host), ProcessGuid: proc.guid, ProcessId: proc.pid, Image: proc.image, User: proc.user };
  },
});

export const sysmon7: Template = sysmonTemplate({
  eventId: 7,
  categories: ['image_load'],
  description: 'Sysmon 7: image (DLL) loaded, with signature status',
  payload: (f, host) => {
    const proc = someProcess(f, host);
    const dll = systemDll(f);
    return {
      ...sysmonHead(f, host),
      ProcessGuid: proc.guid,
      ProcessId: proc.pid,
      Image: proc.image,
      ImageLoaded: dll.path,
      FileVersion: fileVersion(f),
      Description: dll.description,
      Product: 'Microsoft® Windows® Operating System',
      Company: 'Microsoft Corporation',
      OriginalFileName: dll.originalFileName,
      Hashes: hashesString(f),
      Signed: 'true',
      Signature: pick(f, SIGNATURES),
      SignatureStatus: 'Valid',
      User: proc.user,
    };
  },
});

export const sysmon8: Template = sysmonTemplate({
  eventId: 8,
  categories: ['create_remote_thread'],
  description: 'Sysmon 8: CreateRemoteThread into another process',
  payload: (f, host) => {
    const source = userProcess(f, host);
    const target = someProcess(f, host);
    return {
      ...sysmonHead(f, host),
      SourceProcessGuid: source.guid,
      SourceProcessId: source.pid,
      SourceImage: source.image,
      TargetProcessGuid: target.guid,
      TargetProcessId: target.pid,
      TargetImage: target.image,
      NewThreadId: f.number.int({ min: 100, max: 20_000 }),
      StartAddress: `0x00007FF${hexUpper(f, 9)}`,
      StartModule: pick(f, ['-', 'C:\\Windows\\System32\\kernel32.dll', 'C:\\Windows\\SYSTEM32\\ntdll.dll']),
      StartFunction: pick(f, ['-', 'LoadLibraryW', 'LoadLibraryA', 'RtlUserThreadStart']),
      SourceUser: source.user,
      TargetUser: target.user,
    };
  },
});

export const sysmon10: Template = sysmonTemplate({
  eventId: 10,
  categories: ['process_access'],
  description: 'Sysmon 10: process opened another process (GrantedAccess, CallTrace)',
  payload: (f, host) => {
    const source = someProcess(f, host);
    const target = f.datatype.boolean() ? systemProcess(f, host) : userProcess(f, host);
    return {
      ...sysmonHead(f, host),
      SourceProcessGUID: source.guid,
      SourceProcessId: source.pid,
      SourceThreadId: f.number.int({ min: 100, max: 20_000 }),
      SourceImage: source.image,
      TargetProcessGUID: target.guid,
      TargetProcessId: target.pid,
      TargetImage: target.image,
      GrantedAccess: grantedAccess(f),
      CallTrace: callTrace(f),
      SourceUser: source.user,
      TargetUser: target.user,
    };
  },
});

export const sysmon25: Template = sysmonTemplate({
  eventId: 25,
  categories: ['process_tampering'],
  description: 'Sysmon 25: process image change (hollowing / herpaderping)',
  payload: (f, host) => {
    const proc = userProcess(f, host);
    return {
      ...sysmonHead(f, host),
      ProcessGuid: proc.guid,
      ProcessId: proc.pid,
      Image: proc.image,
      Type: pick(f, ['Image is replaced', 'Image is locked for access']),
      User: proc.user,
    };
  },
});
