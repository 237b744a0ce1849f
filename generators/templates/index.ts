/**
 * Event templates: realistic, fully populated events per log source as fast-check arbitraries (Faker seeded
 * from fast-check), in flat and evtx_dump shape, plus the value builders they are made of. Re-exports only.
 */
export type { FieldValue, FlatEvent, Template, TemplateFormat, TemplateLogsource } from './types.js';
export { TEMPLATES, templateByName, templatesFor, templateArbitrary, eventArbitrary, type EventShape } from './registry.js';
export { toEvtxShape, type EvtxEvent } from './evtx-shape.js';
export { SYSTEM_FIELD_NAMES } from './windows-system.js';
export {
  MAX_SEED,
  fakerArbitrary,
  seededFaker,
  eventTime,
  guidUpper,
  hashesString,
  isoTime,
  linuxPid,
  processId,
  sysmonGuid,
  sysmonUtcTime,
  systemTime,
} from './faker-source.js';
export { domainName, ephemeralPort, fqdn, ipv6, port, privateIpv4, publicIpv4, url, userAgent } from './network-values.js';
export { account, qualified, userName, winHost, type WinAccount, type WinHost } from './windows-host.js';
export { registryKey, userHome, windowsPath } from './windows-values.js';
export { anyBinary, commandLine, SYSTEM_BINARIES, type WinBinary } from './windows-binaries.js';
export { linuxCommand, linuxHostname, linuxUser, type LinuxCommand, type LinuxUser } from './linux-values.js';
