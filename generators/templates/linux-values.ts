/**
 * Linux value builders: users (name + uid), host names, and commands as run from a shell (image path + argv),
 * with plausible parents. Used by the Linux process-creation and auditd templates so both describe the same
 * kinds of activity. In: a seeded Faker. Out: plain data, deterministic for a given Faker state.
 */
import type { Faker } from '@faker-js/faker';
import { pick } from './faker-source.js';
import { domainName, privateIpv4, url } from './network-values.js';

export interface LinuxUser {
  readonly name: string;
  readonly uid: number;
  readonly home: string;
}

export interface LinuxCommand {
  /** Absolute path of the executable (Image, exe). */
  readonly image: string;
  /** argv as typed, argv[0] included. */
  readonly argv: readonly string[];
}

export function linuxUser(f: Faker): LinuxUser {
  const kind = pick(f, ['root', 'human', 'human', 'service'] as const);
  if (kind === 'root') return { name: 'root', uid: 0, home: '/root' };
  if (kind === 'service') return pick(f, [{ name: 'www-data', uid: 33, home: '/var/www' }, { name: 'postgres', uid: 114, home: '/var/lib/postgresql' }, { name: 'nginx', uid: 101, home: '/var/lib/nginx' }]);
  const name = f.internet.username().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12) || 'user';
  return { name, uid: f.number.int({ min: 1000, max: 1100 }), home: `/home/${name}` };
}

export function linuxHostname(f: Faker): string {
  return `${pick(f, ['web', 'db', 'app', 'build', 'k8s-node', 'bastion', 'dev'])}-${f.number.int({ min: 1, max: 40 }).toString().padStart(2, '0')}`;
}

function file(f: Faker, user: LinuxUser): string {
  return pick(f, ['/etc/passwd', '/etc/hosts', '/var/log/syslog', '/etc/ssh/sshd_config', `${user.home}/.bash_history`, `${user.home}/${f.system.fileName()}`, `/tmp/${f.system.fileName()}`]);
}

type CommandBuilder = (f: Faker, user: LinuxUser) => LinuxCommand;

const COMMANDS: readonly CommandBuilder[] = [
  (f) => ({ image: '/usr/bin/curl', argv: ['curl', '-s', '-o', `/tmp/${f.system.fileName()}`, url(f)] }),
  (f) => ({ image: '/usr/bin/wget', argv: ['wget', '-q', url(f)] }),
  (f, u) => ({ image: '/usr/bin/cat', argv: ['cat', file(f, u)] }),
  (f, u) => ({ image: '/usr/bin/ls', argv: ['ls', pick(f, ['-la', '-lh', '-a']), pick(f, [u.home, '/tmp', '/etc'])] }),
  () => ({ image: '/usr/bin/id', argv: ['id'] }),
  () => ({ image: '/usr/bin/uname', argv: ['uname', '-a'] }),
  () => ({ image: '/usr/bin/ps', argv: ['ps', 'aux'] }),
  (f, u) => ({ image: '/usr/bin/tar', argv: ['tar', '-czf', `/tmp/${f.word.noun()}.tar.gz`, u.home] }),
  (f, u) => ({ image: '/usr/bin/chmod', argv: ['chmod', pick(f, ['+x', '755', '600']), file(f, u)] }),
  (f) => ({ image: '/usr/bin/ssh', argv: ['ssh', `${f.internet.username().toLowerCase()}@${privateIpv4(f)}`] }),
  (f) => ({ image: '/usr/bin/systemctl', argv: ['systemctl', pick(f, ['status', 'restart', 'enable']), pick(f, ['nginx', 'sshd', 'cron', 'docker'])] }),
  () => ({ image: '/usr/bin/crontab', argv: ['crontab', '-l'] }),
  (f) => ({ image: '/usr/bin/python3', argv: ['python3', '-c', `import socket;print(socket.gethostbyname('${domainName(f)}'))`] }),
  (f) => ({ image: '/usr/bin/base64', argv: ['base64', '-d', `/tmp/${f.system.fileName()}`] }),
  (f, u) => ({ image: '/usr/bin/grep', argv: ['grep', '-r', f.word.noun(), u.home] }),
  (f) => ({ image: '/usr/bin/bash', argv: ['bash', '-c', `echo ${f.word.noun()} | nc ${privateIpv4(f)} ${f.internet.port()}`] }),
];

/** A command line a user, admin or service would run. */
export function linuxCommand(f: Faker, user: LinuxUser): LinuxCommand {
  return pick(f, COMMANDS)(f, user);
}

/** A process that starts commands: an interactive shell, sshd, cron, sudo or systemd. */
export function linuxParent(f: Faker): LinuxCommand {
  return pick(f, [
    { image: '/usr/bin/bash', argv: ['-bash'] },
    { image: '/usr/bin/bash', argv: ['bash'] },
    { image: '/usr/bin/dash', argv: ['/bin/sh', '-c', 'run-parts --report /etc/cron.daily'] },
    { image: '/usr/sbin/sshd', argv: ['sshd:', 'session'] },
    { image: '/usr/sbin/cron', argv: ['/usr/sbin/CRON', '-f'] },
    { image: '/usr/bin/sudo', argv: ['sudo', '-i'] },
    { image: '/usr/lib/systemd/systemd', argv: ['/sbin/init'] },
  ]);
}

/** The argv as one command line, as Sysmon for Linux renders /proc/<pid>/cmdline (arguments joined by spaces). */
export function joinArgv(argv: readonly string[]): string {
  return argv.join(' ');
}
