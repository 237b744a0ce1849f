/**
 * Sysmon network and IPC templates: 3 network connection, 17 pipe created, 18 pipe connected, 22 DNS query.
 * Sysmon 3 keeps the address family consistent (SourceIsIpv6 / DestinationIsIpv6 match the addresses) and writes
 * booleans as the strings `true` / `false`, as rules compare them (`Initiated: 'true'`).
 */
import type { Faker } from '@faker-js/faker';
import { pick } from './faker-source.js';
import { domainName, ephemeralPort, fqdn, ipv6, privateIpv4, publicIpv4, servicePort } from './network-values.js';
import { sysmonHead, sysmonTemplate } from './sysmon-common.js';
import type { FlatEvent, Template } from './types.js';
import type { WinHost } from './windows-host.js';
import { someProcess } from './windows-process.js';
import { pipeName } from './windows-values.js';

function endpoints(f: Faker, host: WinHost): FlatEvent {
  const v6 = f.number.int({ min: 0, max: 4 }) === 0;
  const local = v6 ? ipv6(f) : privateIpv4(f);
  const remote = v6 ? ipv6(f) : f.datatype.boolean() ? publicIpv4(f) : privateIpv4(f);
  const service = servicePort(f);
  const initiated = f.number.int({ min: 0, max: 4 }) > 0;
  const localHost = host.dnsDomain === '' ? host.netbios : `${host.netbios}.${host.dnsDomain}`;
  const remoteHost = f.datatype.boolean() ? fqdn(f) : '-';
  const localPort = ephemeralPort(f);
  const [src, dst] = initiated
    ? [{ ip: local, host: localHost, port: localPort, portName: '-' }, { ip: remote, host: remoteHost, port: service.port, portName: service.name }]
    : [{ ip: remote, host: remoteHost, port: localPort, portName: '-' }, { ip: local, host: localHost, port: service.port, portName: service.name }];
  return {
    Protocol: service.port === 53 ? pick(f, ['udp', 'tcp']) : 'tcp',
    Initiated: initiated ? 'true' : 'false',
    SourceIsIpv6: v6 ? 'true' : 'false',
    SourceIp: src.ip,
    SourceHostname: src.host,
    SourcePort: src.port,
    SourcePortName: src.portName,
    DestinationIsIpv6: v6 ? 'true' : 'false',
    DestinationIp: dst.ip,
    DestinationHostname: dst.host,
    DestinationPort: dst.port,
    DestinationPortName: dst.portName,
  };
}

export const sysmon3: Template = sysmonTemplate({
  eventId: 3,
  categories: ['network_connection'],
  description: 'Sysmon 3: TCP/UDP connection (IPv4 or IPv6), initiated or accepted',
  payload: (f, host) => {
    const proc = someProcess(f, host);
    return { ...sysmonHead(f, host), ProcessGuid: proc.guid, ProcessId: proc.pid, Image: proc.image, User: proc.user, ...endpoints(f, host) };
  },
});

function pipeTemplate(eventId: 17 | 18, eventType: string, description: string): Template {
  return sysmonTemplate({
    eventId,
    categories: ['pipe_created'],
    description,
    payload: (f, host) => {
      const proc = someProcess(f, host);
      const head = sysmonHead(f, host);
      return { RuleName: head['RuleName'] as string, EventType: eventType, UtcTime: head['UtcTime'] as string, ProcessGuid: proc.guid, ProcessId: proc.pid, PipeName: pipeName(f), Image: proc.image, User: proc.user };
    },
  });
}

export const sysmon17: Template = pipeTemplate(17, 'CreatePipe', 'Sysmon 17: named pipe created');
export const sysmon18: Template = pipeTemplate(18, 'ConnectPipe', 'Sysmon 18: named pipe connected');

/** QueryStatus and QueryResults as Sysmon renders them (`type:  5 alias;::ffff:1.2.3.4;`, or `-` on failure). */
function dnsOutcome(f: Faker): { status: string; results: string } {
  const status = f.number.int({ min: 0, max: 5 }) === 0 ? pick(f, ['9003', '1460', '9501']) : '0';
  if (status !== '0') return { status, results: '-' };
  const addresses = Array.from({ length: f.number.int({ min: 1, max: 3 }) }, () => `::ffff:${publicIpv4(f)};`).join('');
  const alias = f.datatype.boolean() ? `type:  5 ${fqdn(f)};` : '';
  return { status, results: `${alias}${addresses}` };
}

export const sysmon22: Template = sysmonTemplate({
  eventId: 22,
  categories: ['dns_query'],
  description: 'Sysmon 22: DNS query by a process (QueryName, QueryStatus, QueryResults)',
  payload: (f, host) => {
    const proc = someProcess(f, host);
    const outcome = dnsOutcome(f);
    return {
      ...sysmonHead(f, host),
      ProcessGuid: proc.guid,
      ProcessId: proc.pid,
      QueryName: f.datatype.boolean() ? fqdn(f) : domainName(f),
      QueryStatus: outcome.status,
      QueryResults: outcome.results,
      Image: proc.image,
      User: proc.user,
    };
  },
});
