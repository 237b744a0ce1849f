/**
 * Linux auditd templates (linux/auditd), one per record type rules select on: SYSCALL, EXECVE and PATH. Field
 * names are auditd's own keys (type, msg, arch, syscall, success, exit, a0..a3, ppid, pid, auid, uid, ..., comm,
 * exe, key; EXECVE argc and a0..aN; PATH item, name, inode, dev, mode, nametype...), plus the upper-case
 * interpreted fields of auditd's enriched format (SYSCALL, ARCH, AUID, UID...; OUID/OGID), which rules use
 * (`SYSCALL: 'execve'`). Values are strings, as in auditd's text records; EXECVE arguments containing spaces or
 * quotes are hex-encoded as auditd does.
 */
import type { Faker } from '@faker-js/faker';
import { eventTime, hexUpper, linuxPid, pick } from './faker-source.js';
import { linuxCommand, linuxUser, type LinuxCommand, type LinuxUser } from './linux-values.js';
import { defineTemplate, type FlatEvent, type Template } from './types.js';

const LOGSOURCES = [{ product: 'linux', service: 'auditd' }];

/** `audit(1733306472.123:4567)`: record time and serial number. */
function msg(f: Faker): string {
  const time = eventTime(f).getTime();
  return `audit(${Math.floor(time / 1000)}.${String(time % 1000).padStart(3, '0')}:${f.number.int({ min: 100, max: 9_999_999 })})`;
}

const SYSCALLS: readonly (readonly [string, number])[] = [
  ['execve', 59],
  ['openat', 257],
  ['connect', 42],
  ['mknod', 133],
  ['memfd_create', 319],
  ['sysinfo', 99],
  ['syslog', 103],
  ['ptrace', 101],
  ['unlinkat', 263],
  ['init_module', 175],
];

function pointer(f: Faker): string {
  return `7ff${hexUpper(f, 9).toLowerCase()}`;
}

function ids(user: LinuxUser, auid: LinuxUser): FlatEvent {
  const uid = String(user.uid);
  return { auid: String(auid.uid), uid, gid: uid, euid: uid, suid: uid, fsuid: uid, egid: uid, sgid: uid, fsgid: uid };
}

function interpretedIds(user: LinuxUser, auid: LinuxUser): FlatEvent {
  const n = user.name;
  return { AUID: auid.name, UID: n, GID: n, EUID: n, SUID: n, FSUID: n, EGID: n, SGID: n, FSGID: n };
}

function syscallRecord(f: Faker, command: LinuxCommand, user: LinuxUser): FlatEvent {
  const [name, number] = pick(f, SYSCALLS);
  const auid = user.uid === 0 && f.datatype.boolean() ? linuxUser(f) : user;
  const success = f.number.int({ min: 0, max: 5 }) > 0;
  return {
    type: 'SYSCALL',
    msg: msg(f),
    arch: 'c000003e',
    syscall: String(number),
    success: success ? 'yes' : 'no',
    exit: success ? String(f.number.int({ min: 0, max: 40 })) : pick(f, ['-2', '-13', '-1']),
    a0: name === 'syslog' ? pick(f, ['3', '4', '5', 'a']) : pointer(f),
    a1: pointer(f),
    a2: hexUpper(f, 2).toLowerCase(),
    a3: pick(f, ['0', '8', '1b6']),
    items: String(name === 'execve' ? 2 : f.number.int({ min: 0, max: 2 })),
    ppid: String(linuxPid(f)),
    pid: String(linuxPid(f)),
    ...ids(user, auid),
    tty: pick(f, ['pts0', 'pts1', '(none)']),
    ses: String(f.number.int({ min: 1, max: 900 })),
    comm: command.image.slice(command.image.lastIndexOf('/') + 1).slice(0, 15),
    exe: command.image,
    subj: pick(f, ['unconfined', 'unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023']),
    key: pick(f, ['(null)', 'susp_activity', 'detect_execve', 'T1059_Execution']),
    ARCH: 'x86_64',
    SYSCALL: name,
    ...interpretedIds(user, auid),
  };
}

export const auditdSyscall: Template = defineTemplate({
  name: 'linux-auditd-syscall',
  description: 'auditd SYSCALL record (enriched format: SYSCALL name, interpreted ids)',
  format: 'plain',
  logsources: LOGSOURCES,
  build: (f) => {
    const user = linuxUser(f);
    return syscallRecord(f, linuxCommand(f, user), user);
  },
});

/** An EXECVE argument as auditd writes it: plain, or hex when it holds spaces, quotes or control characters. */
function auditArg(arg: string): string {
  return /[\s"'\\\x00-\x1f\x7f]/.test(arg) ? Buffer.from(arg, 'utf8').toString('hex').toUpperCase() : arg;
}

export const auditdExecve: Template = defineTemplate({
  name: 'linux-auditd-execve',
  description: 'auditd EXECVE record (argc, a0..aN)',
  format: 'plain',
  logsources: LOGSOURCES,
  build: (f) => {
    const command = linuxCommand(f, linuxUser(f));
    const args: FlatEvent = {};
    command.argv.forEach((arg, i) => {
      args[`a${i}`] = auditArg(arg);
    });
    return { type: 'EXECVE', msg: msg(f), argc: String(command.argv.length), ...args };
  },
});

const WATCHED = ['/etc/passwd', '/etc/shadow', '/etc/sudoers', '/etc/ld.so.preload', '/etc/crontab', '/etc/ssh/sshd_config', '/etc/pam.d/common-auth', '/etc/rsyslog.conf', '/proc/sys/kernel/sysrq', '/usr/bin/curl', '/usr/bin/wget'];

export const auditdPath: Template = defineTemplate({
  name: 'linux-auditd-path',
  description: 'auditd PATH record (file a syscall touched: name, inode, mode, nametype)',
  format: 'plain',
  logsources: LOGSOURCES,
  build: (f) => {
    const user = linuxUser(f);
    const name = pick(f, [...WATCHED, `${user.home}/.bashrc`, `/tmp/${f.system.fileName()}`]);
    const binary = name.startsWith('/usr/bin/');
    return {
      type: 'PATH',
      msg: msg(f),
      item: String(f.number.int({ min: 0, max: 1 })),
      name,
      inode: String(f.number.int({ min: 1_000, max: 9_999_999 })),
      dev: pick(f, ['fd:00', 'fd:01', '08:01', '00:16']),
      mode: binary ? '0100755' : pick(f, ['0100644', '0100600', '0100640']),
      ouid: '0',
      ogid: '0',
      rdev: '00:00',
      nametype: pick(f, ['NORMAL', 'NORMAL', 'CREATE', 'DELETE', 'PARENT']),
      cap_fp: '0',
      cap_fi: '0',
      cap_fe: '0',
      cap_fver: '0',
      OUID: 'root',
      OGID: 'root',
    };
  },
});
