/**
 * Security templates for changes: 4688 process creation (version 2, with ParentProcessName and MandatoryLabel;
 * also serves windows/process_creation, where the map renames Image → NewProcessName and ParentImage →
 * ParentProcessName), 4697 service installed, 4698 scheduled task created (version 1, TaskContent XML),
 * 4720 user account created.
 */
import type { Faker } from '@faker-js/faker';
import { hexNumber, pick } from './faker-source.js';
import { securityTemplate, subject } from './security-common.js';
import type { Template } from './types.js';
import { account, machineAccount, type WinHost } from './windows-host.js';
import { SYSTEM_BINARIES } from './windows-binaries.js';
import { parentProcess, userProcess } from './windows-process.js';
import { serviceName, userExecutable, userHome } from './windows-values.js';

const ELEVATION: Readonly<Record<string, readonly [string, string]>> = {
  Low: ['%%1938', 'S-1-16-4096'],
  Medium: ['%%1938', 'S-1-16-8192'],
  High: ['%%1937', 'S-1-16-12288'],
  System: ['%%1936', 'S-1-16-16384'],
};

export const security4688: Template = securityTemplate({
  eventId: 4688,
  version: 2,
  task: 13312,
  executionPid: 4,
  categories: ['process_creation'],
  description: 'Security 4688: a new process has been created (NewProcessName, CommandLine, ParentProcessName)',
  payload: (f, host) => {
    const proc = userProcess(f, host);
    const parent = parentProcess(f, host, proc);
    const [elevation, label] = ELEVATION[proc.integrityLevel] ?? ['%%1936', 'S-1-16-16384'];
    return {
      ...subject(host.user),
      NewProcessId: `0x${proc.pid.toString(16)}`,
      NewProcessName: proc.image,
      TokenElevationType: elevation,
      ProcessId: `0x${parent.pid.toString(16)}`,
      CommandLine: proc.commandLine,
      TargetUserSid: 'S-1-0-0',
      TargetUserName: '-',
      TargetDomainName: '-',
      TargetLogonId: '0x0',
      ParentProcessName: parent.image,
      MandatoryLabel: label,
    };
  },
});

function servicePayload(f: Faker, host: WinHost): { name: string; file: string } {
  const name = serviceName(f);
  const file = pick(f, [
    () => `"C:\\Program Files\\${name}\\${name}.exe"`,
    () => `C:\\Windows\\Temp\\${name}.exe`,
    () => `%COMSPEC% /Q /c echo ${f.word.noun()} ^> \\\\127.0.0.1\\C$\\__output 2^>^&1`,
    () => `"${userExecutable(f, userHome(host.user.name))}" -service`,
  ])();
  return { name, file };
}

export const security4697: Template = securityTemplate({
  eventId: 4697,
  version: 0,
  task: 12289,
  description: 'Security 4697: a service was installed in the system',
  payload: (f, host) => {
    const service = servicePayload(f, host);
    return {
      ...subject(host.user),
      ServiceName: service.name,
      ServiceFileName: service.file,
      ServiceType: pick(f, ['0x10', '0x20', '0x1']),
      ServiceStartType: pick(f, [2, 3, 4]),
      ServiceAccount: pick(f, ['LocalSystem', 'NT AUTHORITY\\LocalService', 'NT AUTHORITY\\NetworkService']),
    };
  },
});

function taskXml(f: Faker, host: WinHost, command: string, args: string): string {
  const author = `${host.domain}\\${host.user.name}`;
  const trigger = pick(f, ['LogonTrigger', 'BootTrigger', 'CalendarTrigger']);
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    `  <RegistrationInfo>\r\n    <Date>${host.time.toISOString().slice(0, 19)}</Date>\r\n    <Author>${author}</Author>\r\n  </RegistrationInfo>`,
    `  <Triggers>\r\n    <${trigger}>\r\n      <Enabled>true</Enabled>\r\n    </${trigger}>\r\n  </Triggers>`,
    `  <Principals>\r\n    <Principal id="Author">\r\n      <UserId>${pick(f, ['S-1-5-18', host.user.sid])}</UserId>\r\n      <RunLevel>${pick(f, ['HighestAvailable', 'LeastPrivilege'])}</RunLevel>\r\n    </Principal>\r\n  </Principals>`,
    `  <Actions Context="Author">\r\n    <Exec>\r\n      <Command>${command}</Command>${args === '' ? '' : `\r\n      <Arguments>${args}</Arguments>`}\r\n    </Exec>\r\n  </Actions>`,
    '</Task>',
  ].join('\r\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const security4698: Template = securityTemplate({
  eventId: 4698,
  version: 1,
  task: 12804,
  description: 'Security 4698: a scheduled task was created (TaskName, TaskContent)',
  payload: (f, host) => {
    const binary = pick(f, SYSTEM_BINARIES);
    const args = binary.args(f, userHome(host.user.name));
    return {
      ...subject(host.user),
      TaskName: `\\${pick(f, ['', 'Microsoft\\Windows\\'])}${pick(f, [f.word.noun(), `${f.company.name().replace(/[^A-Za-z]/g, '')}Update`])}`,
      TaskContent: taskXml(f, host, binary.path, escapeXml(args)),
      ClientProcessStartKey: f.number.int({ min: 1_000_000_000, max: 9_999_999_999 }),
      ClientProcessId: f.number.int({ min: 100, max: 16_000 }),
      ParentProcessId: f.number.int({ min: 100, max: 2_000 }),
      RpcCallClientLocality: 0,
      FQDN: host.computer,
    };
  },
});

export const security4720: Template = securityTemplate({
  eventId: 4720,
  version: 0,
  task: 13824,
  description: 'Security 4720: a user account was created',
  payload: (f, host) => {
    const created = account(f, host);
    const actor = f.datatype.boolean() ? host.user : machineAccount(host);
    return {
      TargetUserName: created.name,
      TargetDomainName: created.domain,
      TargetSid: created.sid,
      ...subject(actor),
      PrivilegeList: '-',
      SamAccountName: created.name,
      DisplayName: '%%1793',
      UserPrincipalName: host.dnsDomain === '' ? '-' : `${created.name}@${host.dnsDomain}`,
      HomeDirectory: '%%1793',
      HomePath: '%%1793',
      ScriptPath: '%%1793',
      ProfilePath: '%%1793',
      UserWorkstations: '%%1793',
      PasswordLastSet: '%%1794',
      AccountExpires: '%%1794',
      PrimaryGroupId: '513',
      AllowedToDelegateTo: '-',
      OldUacValue: '0x0',
      NewUacValue: hexNumber(f, 0x10, 0x15),
      UserAccountControl: '\r\n\t\t%%2080\r\n\t\t%%2082\r\n\t\t%%2084',
      UserParameters: '%%1793',
      SidHistory: '-',
      LogonHours: '%%1797',
    };
  },
});
