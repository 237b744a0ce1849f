/**
 * Windows value builders: file paths (user folders, Program Files, System32, temp), file names, file versions,
 * registry keys and values, named pipes, loaded DLLs, access masks and call traces.
 * In: a seeded Faker (and the user's home folder where paths belong to a user). Out: strings exactly as Windows
 * writes them (back-slashes, drive letters, `HKLM\`/`HKU\` roots as Sysmon renders them).
 */
import type { Faker } from '@faker-js/faker';
import { hexUpper, pick } from './faker-source.js';

const DOC_EXTENSIONS = ['docx', 'xlsx', 'pdf', 'txt', 'pptx', 'csv', 'log', 'zip', 'png', 'jpg'] as const;
const EXEC_EXTENSIONS = ['exe', 'dll', 'ps1', 'bat', 'vbs', 'js', 'hta', 'msi', 'lnk'] as const;

/** `C:\Users\<name>`. */
export function userHome(name: string): string {
  return `C:\\Users\\${name}`;
}

/** A file name such as `quarterly_report_x7k2.xlsx`. */
export function fileName(f: Faker, extension: string = pick(f, DOC_EXTENSIONS)): string {
  const stem = f.system.fileName({ extensionCount: 0 }).replace(/[^A-Za-z0-9_-]/g, '_');
  return `${stem}.${extension}`;
}

/** A file in one of the user's folders. */
export function userFile(f: Faker, home: string, extension?: string): string {
  const folder = pick(f, ['Documents', 'Downloads', 'Desktop', 'AppData\\Local\\Temp', 'AppData\\Roaming', 'Pictures']);
  return `${home}\\${folder}\\${fileName(f, extension)}`;
}

/** An executable-ish file (exe, dll, script) in a user folder. */
export function userExecutable(f: Faker, home: string): string {
  return userFile(f, home, pick(f, EXEC_EXTENSIONS));
}

/** A path anywhere a process typically writes: user folders, ProgramData, temp, Program Files. */
export function windowsPath(f: Faker, home: string): string {
  const name = fileName(f, pick(f, [...DOC_EXTENSIONS, ...EXEC_EXTENSIONS]));
  return pick(f, [
    () => userFile(f, home),
    () => `C:\\ProgramData\\${f.company.name().replace(/[^A-Za-z]/g, '')}\\${name}`,
    () => `C:\\Windows\\Temp\\${name}`,
    () => `C:\\Program Files\\${f.company.name().replace(/[^A-Za-z ]/g, '').trim() || 'Vendor'}\\${name}`,
    () => userExecutable(f, home),
  ])();
}

/** `10.0.19041.3636 (WinBuild.160101.0800)`. */
export function fileVersion(f: Faker): string {
  const build = pick(f, [17763, 19041, 19045, 22000, 22621, 22631, 26100]);
  return `10.0.${build}.${f.number.int({ min: 1, max: 5000 })} (WinBuild.160101.0800)`;
}

/** A short, realistic registry value or key name. */
function registryName(f: Faker): string {
  return pick(f, [f.company.name().replace(/[^A-Za-z]/g, ''), `${f.hacker.noun().replace(/\s/g, '')}Updater`, f.word.noun(), 'Start', 'ImagePath', 'Enabled', 'Debugger']);
}

/** A registry key as Sysmon renders it (`HKLM\SOFTWARE\...`, `HKU\<sid>\...`). */
export function registryKey(f: Faker, userSid: string): string {
  const name = registryName(f);
  return pick(f, [
    `HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\${name}`,
    `HKU\\${userSid}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\${name}`,
    `HKLM\\System\\CurrentControlSet\\Services\\${name}\\ImagePath`,
    `HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\${name}`,
    `HKU\\${userSid}\\SOFTWARE\\Classes\\CLSID\\{${f.string.uuid().toUpperCase()}}\\InprocServer32\\(Default)`,
    `HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\${name}.exe\\Debugger`,
    `HKU\\${userSid}\\SOFTWARE\\Microsoft\\Office\\16.0\\Word\\Security\\${name}`,
  ]);
}

/** The key part of a registry value path (everything before the last `\`). */
export function parentKey(path: string): string {
  const cut = path.lastIndexOf('\\');
  return cut > 0 ? path.slice(0, cut) : path;
}

/** Sysmon 13's Details: `DWORD (0x00000001)`, `QWORD (...)`, `Binary Data` or a string. */
export function registryDetails(f: Faker, home: string): string {
  return pick(f, [
    () => `DWORD (0x${hexUpper(f, 8).toLowerCase()})`,
    () => `QWORD (0x${hexUpper(f, 8).toLowerCase()}-0x${hexUpper(f, 8).toLowerCase()})`,
    () => 'Binary Data',
    () => userExecutable(f, home),
    () => `"${userExecutable(f, home)}" --background`,
  ])();
}

/** A named pipe as Sysmon shows it (`\name`). */
export function pipeName(f: Faker): string {
  return pick(f, [
    `\\mojo.${f.number.int({ min: 1000, max: 20000 })}.${f.number.int({ min: 1000, max: 20000 })}.${f.string.numeric(18)}`,
    `\\PSHost.${f.string.numeric(18)}.${f.number.int({ min: 1000, max: 20000 })}.DefaultAppDomain.powershell`,
    `\\srvsvc`,
    `\\lsass`,
    `\\${f.word.noun()}_${hexUpper(f, 6).toLowerCase()}`,
    `\\Winsock2\\CatalogChangeListener-${hexUpper(f, 3).toLowerCase()}-0`,
  ]);
}

export interface WinDll {
  readonly path: string;
  readonly description: string;
  readonly originalFileName: string;
}

const SYSTEM_DLLS: readonly (readonly [string, string])[] = [
  ['ntdll.dll', 'NT Layer DLL'],
  ['kernel32.dll', 'Windows NT BASE API Client DLL'],
  ['KernelBase.dll', 'Windows NT BASE API Client DLL'],
  ['amsi.dll', 'Anti-Malware Scan Interface'],
  ['winhttp.dll', 'Windows HTTP Services'],
  ['dbghelp.dll', 'Windows Image Helper'],
  ['vaultcli.dll', 'Credential Vault Client Library'],
  ['samlib.dll', 'SAM Library DLL'],
  ['wininet.dll', 'Internet Extensions for Win32'],
  ['clr.dll', 'Microsoft .NET Runtime Common Language Runtime - WorkStation'],
  ['winmm.dll', 'MCI API DLL'],
  ['crypt32.dll', 'Crypto API32'],
];

/** A DLL from System32 with its version-resource description. */
export function systemDll(f: Faker): WinDll {
  const [name, description] = pick(f, SYSTEM_DLLS);
  return { path: `C:\\Windows\\System32\\${name}`, description, originalFileName: name };
}

/** A process-access mask as Sysmon 10 writes it (`0x1010`, `0x1fffff`...). */
export function grantedAccess(f: Faker): string {
  return pick(f, ['0x1010', '0x1410', '0x1400', '0x1000', '0x1fffff', '0x40', '0x143a', '0x100000', '0x3000']);
}

/** Sysmon 10's CallTrace: `module+offset` frames joined by `|`. */
export function callTrace(f: Faker): string {
  const frames = ['C:\\Windows\\SYSTEM32\\ntdll.dll', 'C:\\Windows\\System32\\KERNELBASE.dll', 'C:\\Windows\\System32\\kernel32.dll', 'C:\\Windows\\System32\\combase.dll'];
  const count = f.number.int({ min: 2, max: 6 });
  return Array.from({ length: count }, () => `${pick(f, frames)}+${hexUpper(f, 5).toLowerCase()}`).join('|');
}

/** A service name as installers and attackers pick them: `<noun>svc`, a vendor name, or 16 random letters. */
export function serviceName(f: Faker): string {
  return pick(f, [`${f.word.noun()}svc`, f.company.name().replace(/[^A-Za-z]/g, '').slice(0, 20) || 'Updater', f.string.alpha({ length: 16 })]);
}
