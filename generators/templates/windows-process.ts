/**
 * A running Windows process as events describe it: image, command line, pid, Sysmon process GUID, current
 * directory, account and integrity level. Parent processes are drawn from binaries that really start others.
 * In: a seeded Faker and the event's WinHost. Out: plain data; the same process object is reused for every
 * field that names it (Image / ProcessId / ProcessGuid agree within an event).
 */
import type { Faker } from '@faker-js/faker';
import { pick, processId, sysmonGuid } from './faker-source.js';
import { anyBinary, commandLine, PARENT_BINARIES, SYSTEM_BINARIES, type WinBinary } from './windows-binaries.js';
import { qualified, SYSTEM_ACCOUNT, type WinAccount, type WinHost } from './windows-host.js';
import { userHome } from './windows-values.js';

export interface WinProcess {
  readonly binary: WinBinary;
  readonly image: string;
  readonly commandLine: string;
  readonly pid: number;
  readonly guid: string;
  readonly currentDirectory: string;
  readonly account: WinAccount;
  /** `DOMAIN\name`. */
  readonly user: string;
  readonly integrityLevel: 'Low' | 'Medium' | 'High' | 'System';
}

function build(f: Faker, host: WinHost, binary: WinBinary, account: WinAccount): WinProcess {
  const isSystem = account.sid === SYSTEM_ACCOUNT.sid;
  const home = userHome(isSystem ? host.user.name : account.name);
  return {
    binary,
    image: binary.path,
    commandLine: commandLine(f, binary, home),
    pid: processId(f),
    guid: sysmonGuid(f, host.guidPrefix),
    currentDirectory: isSystem ? 'C:\\Windows\\system32\\' : pick(f, [`${home}\\`, 'C:\\Windows\\system32\\', `${home}\\Downloads\\`]),
    account,
    user: qualified(account),
    integrityLevel: isSystem ? 'System' : pick(f, ['Medium', 'Medium', 'High', 'Low'] as const),
  };
}

/** A process of the interactive user (well-known binary or a dropped one). */
export function userProcess(f: Faker, host: WinHost, binary: WinBinary = anyBinary(f, userHome(host.user.name))): WinProcess {
  return build(f, host, binary, host.user);
}

/** A process running as SYSTEM. */
export function systemProcess(f: Faker, host: WinHost): WinProcess {
  return build(f, host, pick(f, SYSTEM_BINARIES), SYSTEM_ACCOUNT);
}

/** Usually a user process, sometimes a SYSTEM one. */
export function someProcess(f: Faker, host: WinHost): WinProcess {
  return f.number.int({ min: 0, max: 3 }) === 0 ? systemProcess(f, host) : userProcess(f, host);
}

/** A plausible parent of `child`: a shell, explorer, a browser or a service host, under the same account. */
export function parentProcess(f: Faker, host: WinHost, child: WinProcess): WinProcess {
  return build(f, host, pick(f, PARENT_BINARIES), child.account);
}
