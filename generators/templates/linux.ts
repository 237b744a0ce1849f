/**
 * Linux process creation template (linux/process_creation), in the shape of Sysmon for Linux event 1: the same
 * field names as Windows Sysmon 1 (Image, CommandLine, ParentImage, User, CurrentDirectory, ProcessId...), with
 * the values Sysmon for Linux writes (`-` PE metadata and hashes, `no level` integrity, numeric LogonId), plus
 * EventID 1, Channel `Linux-Sysmon/Operational`, Provider_Name and Computer. A plain (non-evtx) record.
 */
import { linuxPid, pick, sysmonGuid, hexUpper, sysmonUtcTime, eventTime } from './faker-source.js';
import { joinArgv, linuxCommand, linuxHostname, linuxParent, linuxUser } from './linux-values.js';
import { defineTemplate, type Template } from './types.js';

export const linuxProcessCreation: Template = defineTemplate({
  name: 'linux-process-creation',
  description: 'Linux process creation (Sysmon for Linux event 1 field set)',
  format: 'plain',
  logsources: [{ product: 'linux', category: 'process_creation' }],
  build: (f) => {
    const user = linuxUser(f);
    const command = linuxCommand(f, user);
    const parent = linuxParent(f);
    const guidPrefix = hexUpper(f, 8);
    const time = eventTime(f);
    return {
      EventID: 1,
      Channel: 'Linux-Sysmon/Operational',
      Provider_Name: 'Linux-Sysmon',
      Computer: linuxHostname(f),
      RuleName: '-',
      UtcTime: sysmonUtcTime(time),
      ProcessGuid: sysmonGuid(f, guidPrefix),
      ProcessId: linuxPid(f),
      Image: command.image,
      FileVersion: '-',
      Description: '-',
      Product: '-',
      Company: '-',
      OriginalFileName: '-',
      CommandLine: joinArgv(command.argv),
      CurrentDirectory: pick(f, [user.home, '/', '/tmp', user.home]),
      User: user.name,
      LogonGuid: sysmonGuid(f, guidPrefix),
      LogonId: user.uid,
      TerminalSessionId: f.number.int({ min: 1, max: 900 }),
      IntegrityLevel: 'no level',
      Hashes: '-',
      ParentProcessGuid: sysmonGuid(f, guidPrefix),
      ParentProcessId: linuxPid(f),
      ParentImage: parent.image,
      ParentCommandLine: joinArgv(parent.argv),
      ParentUser: user.name,
    };
  },
});
