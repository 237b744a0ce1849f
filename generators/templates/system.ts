/**
 * System log template: 7045, a service was installed (Service Control Manager; EventID carries Qualifiers
 * 16384 in evtx). Serves windows/system (channel `System`). ImagePath uses the forms seen in the wild: quoted
 * Program Files paths, `%SystemRoot%` paths, drivers, and command-line services.
 */
import type { Faker } from '@faker-js/faker';
import { pick } from './faker-source.js';
import { defineTemplate, type Template } from './types.js';
import { winHost, type WinHost } from './windows-host.js';
import { SERVICE_CONTROL_MANAGER, systemFields } from './windows-system.js';
import { fileName, serviceName, userExecutable, userHome } from './windows-values.js';

function imagePath(f: Faker, host: WinHost, name: string, driver: boolean): string {
  if (driver) return `\\SystemRoot\\System32\\drivers\\${name.toLowerCase()}.sys`;
  return pick(f, [
    () => `"C:\\Program Files\\${name}\\${name}Service.exe"`,
    () => `%SystemRoot%\\${fileName(f, 'exe')}`,
    () => `C:\\Windows\\system32\\svchost.exe -k ${name}`,
    () => `cmd.exe /c "${userExecutable(f, userHome(host.user.name))}"`,
    () => `%COMSPEC% /b /c start /b /min powershell -nop -w hidden -c "${f.lorem.word()}"`,
  ])();
}

export const system7045: Template = defineTemplate({
  name: 'system-7045',
  description: 'System 7045: a service was installed in the system (Service Control Manager)',
  format: 'evtx',
  logsources: [{ product: 'windows', service: 'system' }],
  build: (f) => {
    const host = winHost(f);
    const name = serviceName(f);
    const driver = f.number.int({ min: 0, max: 4 }) === 0;
    const system = systemFields(f, host, SERVICE_CONTROL_MANAGER, {
      eventId: 7045,
      qualifiers: 16384,
      version: 0,
      level: 4,
      task: 0,
      opcode: 0,
      keywords: '0x8080000000000000',
      userId: host.user.sid,
    });
    return {
      ...system,
      ServiceName: name,
      ImagePath: imagePath(f, host, name, driver),
      ServiceType: driver ? 'kernel mode driver' : 'user mode service',
      StartType: pick(f, ['demand start', 'auto start', 'disabled']),
      AccountName: driver ? '' : pick(f, ['LocalSystem', 'NT AUTHORITY\\LocalService', 'NT AUTHORITY\\NetworkService']),
    };
  },
  mayBeEmpty: ['AccountName'],
});
