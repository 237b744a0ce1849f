/**
 * Security logon templates: 4624 successful logon (version 2 field set) and 4625 failed logon. Logon type,
 * logon process, authentication package and the network fields agree with each other (interactive logons have
 * no IpAddress, `-`; network logons come from an IPv4 with a client port).
 */
import type { Faker } from '@faker-js/faker';
import { guidUpper, hexNumber, pick } from './faker-source.js';
import { ephemeralPort, privateIpv4 } from './network-values.js';
import { securityTemplate, subject } from './security-common.js';
import type { Template } from './types.js';
import { account, machineAccount, type WinAccount, type WinHost } from './windows-host.js';

interface LogonKind {
  readonly type: number;
  readonly process: string;
  readonly package: string;
  readonly remote: boolean;
}

const LOGON_KINDS: readonly LogonKind[] = [
  { type: 2, process: 'User32 ', package: 'Negotiate', remote: false },
  { type: 3, process: 'NtLmSsp ', package: 'NTLM', remote: true },
  { type: 3, process: 'Kerberos', package: 'Kerberos', remote: true },
  { type: 5, process: 'Advapi  ', package: 'Negotiate', remote: false },
  { type: 7, process: 'User32 ', package: 'Negotiate', remote: false },
  { type: 10, process: 'User32 ', package: 'Negotiate', remote: true },
  { type: 11, process: 'User32 ', package: 'Negotiate', remote: false },
];

interface LogonNetwork {
  readonly WorkstationName: string;
  readonly IpAddress: string;
  readonly IpPort: string;
}

function network(f: Faker, kind: LogonKind, host: WinHost): LogonNetwork {
  return {
    WorkstationName: kind.remote ? `WS-${f.string.alphanumeric({ length: 6, casing: 'upper' })}` : host.netbios,
    IpAddress: kind.remote ? privateIpv4(f) : kind.type === 2 ? '127.0.0.1' : '-',
    IpPort: kind.remote ? String(ephemeralPort(f)) : kind.type === 2 ? '0' : '-',
  };
}

function target(f: Faker, host: WinHost): WinAccount {
  return f.number.int({ min: 0, max: 4 }) === 0 ? account(f, host) : host.user;
}

export const security4624: Template = securityTemplate({
  eventId: 4624,
  version: 2,
  task: 12544,
  activity: true,
  description: 'Security 4624: an account was successfully logged on',
  payload: (f, host) => {
    const kind = pick(f, LOGON_KINDS);
    const who = target(f, host);
    const net = network(f, kind, host);
    const actor = kind.remote ? { name: '-', domain: '-', sid: 'S-1-0-0', logonId: '0x0' } : machineAccount(host);
    return {
      ...subject(actor),
      TargetUserSid: who.sid,
      TargetUserName: who.name,
      TargetDomainName: who.domain,
      TargetLogonId: hexNumber(f, 0x10000, 0xfffffff),
      LogonType: kind.type,
      LogonProcessName: kind.process,
      AuthenticationPackageName: kind.package,
      WorkstationName: net.WorkstationName,
      LogonGuid: kind.package === 'Kerberos' ? `{${guidUpper(f)}}` : '{00000000-0000-0000-0000-000000000000}',
      TransmittedServices: '-',
      LmPackageName: kind.package === 'NTLM' ? 'NTLM V2' : '-',
      KeyLength: kind.package === 'NTLM' ? 128 : 0,
      ProcessId: kind.remote ? '0x0' : hexNumber(f, 0x200, 0x2000),
      ProcessName: kind.remote ? '-' : 'C:\\Windows\\System32\\svchost.exe',
      IpAddress: net.IpAddress,
      IpPort: net.IpPort,
      ImpersonationLevel: '%%1833',
      RestrictedAdminMode: kind.type === 10 ? '%%1843' : '-',
      TargetOutboundUserName: '-',
      TargetOutboundDomainName: '-',
      VirtualAccount: '%%1843',
      TargetLinkedLogonId: '0x0',
      ElevatedToken: pick(f, ['%%1842', '%%1843']),
    };
  },
});

const FAILURES = [
  { status: '0xc000006d', subStatus: '0xc000006a', reason: '%%2313' },
  { status: '0xc000006d', subStatus: '0xc0000064', reason: '%%2313' },
  { status: '0xc000006e', subStatus: '0xc0000072', reason: '%%2310' },
  { status: '0xc0000234', subStatus: '0x0', reason: '%%2307' },
];

export const security4625: Template = securityTemplate({
  eventId: 4625,
  version: 0,
  task: 12544,
  failure: true,
  activity: true,
  description: 'Security 4625: an account failed to log on',
  payload: (f, host) => {
    const kind = pick(f, LOGON_KINDS.filter((k) => k.type === 3 || k.type === 10 || k.type === 2));
    const failure = pick(f, FAILURES);
    const who = target(f, host);
    return {
      ...subject({ name: '-', domain: '-', sid: 'S-1-0-0', logonId: '0x0' }),
      TargetUserSid: 'S-1-0-0',
      TargetUserName: who.name,
      TargetDomainName: who.domain,
      Status: failure.status,
      FailureReason: failure.reason,
      SubStatus: failure.subStatus,
      LogonType: kind.type,
      LogonProcessName: kind.process,
      AuthenticationPackageName: kind.package,
      ...network(f, kind, host),
      TransmittedServices: '-',
      LmPackageName: '-',
      KeyLength: 0,
      ProcessId: '0x0',
      ProcessName: '-',
    };
  },
});
