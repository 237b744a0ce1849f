/**
 * Network value builders: IPv4 (private / public), IPv6, ports, host names, FQDNs, URLs, user agents.
 * In: a seeded Faker. Out: strings / numbers in the textual form log producers write (dotted quad, RFC 5952-ish
 * IPv6 as Faker renders it, lower-case host names). Deterministic for a given Faker state.
 */
import type { Faker } from '@faker-js/faker';
import { pick } from './faker-source.js';

const PRIVATE_NETWORKS = ['private-a', 'private-b', 'private-c'] as const;

/** An RFC 1918 address. */
export function privateIpv4(f: Faker): string {
  return f.internet.ipv4({ network: pick(f, PRIVATE_NETWORKS) });
}

/** A routable unicast IPv4 address (no private, loopback, link-local, multicast or reserved ranges). */
export function publicIpv4(f: Faker): string {
  const first = pick(f, [13, 20, 23, 31, 34, 35, 40, 45, 52, 64, 78, 91, 104, 142, 151, 172, 185, 193, 203, 216]);
  const second = first === 172 ? f.number.int({ min: 64, max: 250 }) : f.number.int({ min: 0, max: 255 });
  return `${first}.${second}.${f.number.int({ min: 0, max: 255 })}.${f.number.int({ min: 1, max: 254 })}`;
}

export function ipv6(f: Faker): string {
  return f.internet.ipv6();
}

/** Any TCP/UDP port 1..65535. */
export function port(f: Faker): number {
  return f.internet.port() || 1;
}

/** An ephemeral (client-side) port, Windows' dynamic range. */
export function ephemeralPort(f: Faker): number {
  return f.number.int({ min: 49_152, max: 65_535 });
}

/** A well-known service port with its IANA name (`https`, `smb` as `microsoft-ds`...). */
export function servicePort(f: Faker): { readonly port: number; readonly name: string } {
  return pick(f, [
    { port: 443, name: 'https' },
    { port: 80, name: 'http' },
    { port: 445, name: 'microsoft-ds' },
    { port: 53, name: 'domain' },
    { port: 389, name: 'ldap' },
    { port: 3389, name: 'ms-wbt-server' },
    { port: 135, name: 'epmap' },
    { port: 22, name: 'ssh' },
    { port: 8080, name: 'http-alt' },
  ]);
}

/** A registered domain, e.g. `fine-elver.info`. */
export function domainName(f: Faker): string {
  return f.internet.domainName();
}

/** A host name inside a domain, e.g. `cdn-17.fine-elver.info`. */
export function fqdn(f: Faker, domain = domainName(f)): string {
  const label = pick(f, ['www', 'api', 'cdn', 'mail', 'login', 'static', 'update', f.internet.domainWord()]);
  return f.datatype.boolean() ? `${label}.${domain}` : `${label}-${f.number.int({ min: 1, max: 99 })}.${domain}`;
}

/** A URL path with an extension, e.g. `/assets/js/app.js`. */
export function urlPath(f: Faker, extension = pick(f, ['html', 'php', 'js', 'css', 'png', 'json', 'aspx', 'exe', 'zip'])): string {
  const depth = f.number.int({ min: 0, max: 3 });
  const dirs = Array.from({ length: depth }, () => f.word.noun().toLowerCase());
  return `/${[...dirs, `${f.word.noun().toLowerCase()}.${extension}`].join('/')}`;
}

/** A query string without the `?`, e.g. `id=42&lang=en`. */
export function urlQuery(f: Faker): string {
  const count = f.number.int({ min: 1, max: 3 });
  return Array.from({ length: count }, () => `${f.word.noun().toLowerCase()}=${f.string.alphanumeric({ length: { min: 1, max: 10 } })}`).join('&');
}

/** An absolute http(s) URL. */
export function url(f: Faker, host = fqdn(f)): string {
  return `${pick(f, ['https', 'https', 'http'])}://${host}${urlPath(f)}`;
}

export function userAgent(f: Faker): string {
  return f.internet.userAgent();
}
