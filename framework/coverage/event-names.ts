/**
 * Offline names of Windows events, per channel (Sysmon's event names as Sysmon documents them; Security, System,
 * PowerShell, Defender and a few service channels as Microsoft documents them). Only ids whose meaning is
 * certain are listed: an id missing here is shown without a name.
 */

const SYSMON: Readonly<Record<number, string>> = {
  1: 'Process creation', 2: 'A process changed a file creation time', 3: 'Network connection',
  4: 'Sysmon service state changed', 5: 'Process terminated', 6: 'Driver loaded', 7: 'Image loaded',
  8: 'CreateRemoteThread', 9: 'RawAccessRead', 10: 'ProcessAccess', 11: 'FileCreate',
  12: 'RegistryEvent (Object create and delete)', 13: 'RegistryEvent (Value Set)', 14: 'RegistryEvent (Key and Value Rename)',
  15: 'FileCreateStreamHash', 16: 'ServiceConfigurationChange', 17: 'PipeEvent (Pipe Created)', 18: 'PipeEvent (Pipe Connected)',
  19: 'WmiEvent (WmiEventFilter activity detected)', 20: 'WmiEvent (WmiEventConsumer activity detected)',
  21: 'WmiEvent (WmiEventConsumerToFilter activity detected)', 22: 'DNSEvent (DNS query)', 23: 'FileDelete (File Delete archived)',
  24: 'ClipboardChange (New content in the clipboard)', 25: 'ProcessTampering (Process image change)',
  26: 'FileDeleteDetected (File Delete logged)', 27: 'FileBlockExecutable', 28: 'FileBlockShredding', 29: 'FileExecutableDetected',
  255: 'Error',
};

const SECURITY: Readonly<Record<number, string>> = {
  1102: 'The audit log was cleared', 4616: 'The system time was changed', 4624: 'An account was successfully logged on',
  4625: 'An account failed to log on', 4634: 'An account was logged off', 4647: 'User initiated logoff',
  4648: 'A logon was attempted using explicit credentials', 4656: 'A handle to an object was requested',
  4657: 'A registry value was modified', 4658: 'The handle to an object was closed', 4661: 'A handle to an object was requested',
  4662: 'An operation was performed on an object', 4663: 'An attempt was made to access an object',
  4672: 'Special privileges assigned to new logon', 4673: 'A privileged service was called',
  4674: 'An operation was attempted on a privileged object', 4688: 'A new process has been created',
  4697: 'A service was installed in the system', 4698: 'A scheduled task was created', 4699: 'A scheduled task was deleted',
  4700: 'A scheduled task was enabled', 4701: 'A scheduled task was disabled', 4702: 'A scheduled task was updated',
  4719: 'System audit policy was changed', 4720: 'A user account was created', 4722: 'A user account was enabled',
  4724: "An attempt was made to reset an account's password", 4725: 'A user account was disabled', 4726: 'A user account was deleted',
  4728: 'A member was added to a security-enabled global group', 4732: 'A member was added to a security-enabled local group',
  4738: 'A user account was changed', 4740: 'A user account was locked out', 4741: 'A computer account was created',
  4742: 'A computer account was changed', 4743: 'A computer account was deleted',
  4756: 'A member was added to a security-enabled universal group', 4765: 'SID History was added to an account',
  4766: 'An attempt to add SID History to an account failed', 4768: 'A Kerberos authentication ticket (TGT) was requested',
  4769: 'A Kerberos service ticket was requested', 4771: 'Kerberos pre-authentication failed',
  4776: 'The computer attempted to validate the credentials for an account', 4781: 'The name of an account was changed',
  4798: "A user's local group membership was enumerated", 4799: 'A security-enabled local group membership was enumerated',
  4800: 'The workstation was locked', 4801: 'The workstation was unlocked', 5136: 'A directory service object was modified',
  5137: 'A directory service object was created', 5140: 'A network share object was accessed',
  5145: 'A network share object was checked to see whether client can be granted desired access',
  5156: 'The Windows Filtering Platform has permitted a connection', 5157: 'The Windows Filtering Platform has blocked a connection',
  5379: 'Credential Manager credentials were read', 6416: 'A new external device was recognized by the system',
};

const SYSTEM: Readonly<Record<number, string>> = {
  104: 'The log file was cleared', 6005: 'The Event log service was started', 6006: 'The Event log service was stopped',
  7023: 'A service terminated with an error', 7034: 'A service terminated unexpectedly', 7036: 'A service entered a new state (running / stopped)',
  7040: 'The start type of a service was changed', 7045: 'A service was installed in the system',
};

const POWERSHELL: Readonly<Record<number, string>> = {
  4103: 'Module logging (pipeline execution)', 4104: 'Script block logging', 4105: 'Script block invocation started', 4106: 'Script block invocation completed',
};

const POWERSHELL_CLASSIC: Readonly<Record<number, string>> = {
  400: 'Engine state changed to Available (engine started)', 403: 'Engine state changed to Stopped', 600: 'Provider started', 800: 'Pipeline execution details',
};

const DEFENDER: Readonly<Record<number, string>> = {
  1116: 'Malware or potentially unwanted software detected', 1117: 'Action taken to protect the system from malware',
  5001: 'Real-time protection disabled', 5007: 'Antimalware platform configuration changed', 5010: 'Scanning for malware and unwanted software disabled',
  5012: 'Scanning for viruses disabled', 5013: 'Tamper protection blocked a change', 5101: 'Antimalware platform expired',
};

const TASK_SCHEDULER: Readonly<Record<number, string>> = {
  106: 'Task registered', 129: 'Task process created', 140: 'Task updated', 141: 'Task deleted', 200: 'Action started', 201: 'Action completed',
};

const RDP_SESSIONS: Readonly<Record<number, string>> = {
  21: 'Session logon succeeded', 22: 'Shell start notification received', 23: 'Session logoff succeeded', 24: 'Session disconnected', 25: 'Session reconnection succeeded',
};

const BY_CHANNEL: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  'microsoft-windows-sysmon/operational': SYSMON,
  security: SECURITY,
  system: SYSTEM,
  'microsoft-windows-powershell/operational': POWERSHELL,
  'powershellcore/operational': POWERSHELL,
  'windows powershell': POWERSHELL_CLASSIC,
  'microsoft-windows-windows defender/operational': DEFENDER,
  'microsoft-windows-taskscheduler/operational': TASK_SCHEDULER,
  'microsoft-windows-terminalservices-localsessionmanager/operational': RDP_SESSIONS,
  'microsoft-windows-dns client events/operational': { 3006: 'DNS query called', 3008: 'DNS query completed' },
  'microsoft-windows-bits-client/operational': { 3: 'BITS job created', 59: 'BITS transfer started', 60: 'BITS transfer stopped' },
};

/** The name of event `id` on a channel (case-insensitive channel match), or undefined. */
export function eventName(channel: string | undefined, id: number): string | undefined {
  if (channel === undefined) return undefined;
  return BY_CHANNEL[channel.toLowerCase()]?.[id];
}

/** A short name for a channel (`Sysmon` for Microsoft-Windows-Sysmon/Operational), else the channel itself. */
export function channelLabel(channel: string): string {
  return channel.toLowerCase() === 'microsoft-windows-sysmon/operational' ? `Sysmon (${channel})` : channel;
}
