/**
 * Generic DNS log template (category `dns`, SigmaHQ's fields query, answer, record_type), with the resolver
 * conversation around it (src_ip/src_port, dst_ip/dst_port 53, response_code, ttl). The answer matches the
 * record type (A → IPv4, AAAA → IPv6, CNAME/MX/NS → host names, TXT → text); NXDOMAIN answers are empty, as
 * resolvers log them. Sysmon's DNS event (22) lives in sysmon-network.ts.
 */
import type { Faker } from '@faker-js/faker';
import { eventTime, pick } from './faker-source.js';
import { domainName, ephemeralPort, fqdn, ipv6, privateIpv4, publicIpv4 } from './network-values.js';
import { defineTemplate, type Template } from './types.js';

const RECORD_TYPES = ['A', 'A', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'PTR'];

function answerFor(f: Faker, recordType: string, domain: string): string {
  switch (recordType) {
    case 'A':
      return publicIpv4(f);
    case 'AAAA':
      return ipv6(f);
    case 'TXT':
      return pick(f, [`v=spf1 include:_spf.${domain} ~all`, `google-site-verification=${f.string.alphanumeric(43)}`, f.lorem.words(3)]);
    case 'PTR':
      return fqdn(f, domain);
    case 'MX':
      return `${f.number.int({ min: 0, max: 20 })} mail.${domain}`;
    default:
      return fqdn(f, domainName(f));
  }
}

export const dns: Template = defineTemplate({
  name: 'dns',
  description: 'DNS query log (query, answer, record_type and the resolver conversation)',
  format: 'plain',
  logsources: [{ category: 'dns' }],
  mayBeEmpty: ['answer'],
  build: (f) => {
    const domain = domainName(f);
    const recordType = pick(f, RECORD_TYPES);
    const nxdomain = f.number.int({ min: 0, max: 9 }) === 0;
    return {
      timestamp: eventTime(f).toISOString(),
      src_ip: privateIpv4(f),
      src_port: ephemeralPort(f),
      dst_ip: privateIpv4(f),
      dst_port: 53,
      query: recordType === 'PTR' ? `${f.number.int({ min: 1, max: 254 })}.${f.number.int({ min: 0, max: 255 })}.168.192.in-addr.arpa` : f.datatype.boolean() ? fqdn(f, domain) : domain,
      record_type: recordType,
      response_code: nxdomain ? 'NXDOMAIN' : 'NOERROR',
      answer: nxdomain ? '' : answerFor(f, recordType, domain),
      ttl: f.number.int({ min: 30, max: 86_400 }),
    };
  },
});
