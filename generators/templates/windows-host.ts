/**
 * The Windows machine and account an event happens on: computer name, domain, the interactive user (name,
 * domain, SID, logon id), Sysmon's per-machine GUID prefix, the event time and a record number. Templates
 * build one WinHost per event and draw every identity value from it, so fields that must agree (User and
 * SubjectUserName, Computer and SourceHostname, UtcTime and TimeCreated) do.
 * In: a seeded Faker. Out: plain data; deterministic for a given Faker state.
 */
import type { Faker } from '@faker-js/faker';
import { eventTime, hexNumber, hexUpper, pick } from './faker-source.js';

export interface WinAccount {
  readonly name: string;
  /** NetBIOS domain (or the computer name for local accounts), as in `DOMAIN\name`. */
  readonly domain: string;
  readonly sid: string;
  /** `0x...` logon session id. */
  readonly logonId: string;
}

export interface WinHost {
  /** System.Computer: the FQDN on domain members, the bare name on workgroup machines. */
  readonly computer: string;
  /** Upper-case NetBIOS computer name. */
  readonly netbios: string;
  /** NetBIOS domain name, or WORKGROUP. */
  readonly domain: string;
  /** DNS domain (`corp.example.com`), empty on workgroup machines. */
  readonly dnsDomain: string;
  /** `S-1-5-21-a-b-c`, the machine's or domain's SID prefix. */
  readonly domainSid: string;
  readonly guidPrefix: string;
  readonly user: WinAccount;
  readonly time: Date;
  readonly recordId: number;
}

export const SYSTEM_ACCOUNT: WinAccount = Object.freeze({ name: 'SYSTEM', domain: 'NT AUTHORITY', sid: 'S-1-5-18', logonId: '0x3e7' });

function computerName(f: Faker): string {
  const style = pick(f, ['desktop', 'role', 'asset'] as const);
  if (style === 'desktop') return `DESKTOP-${f.string.alphanumeric({ length: 7, casing: 'upper' })}`;
  if (style === 'role') return `${pick(f, ['WS', 'LT', 'SRV', 'DC', 'FS', 'SQL'])}-${f.location.countryCode('alpha-2')}-${f.number.int({ min: 1, max: 999 }).toString().padStart(3, '0')}`;
  return `${f.word.noun().toUpperCase().slice(0, 8)}${f.number.int({ min: 1, max: 99 })}`;
}

function domainSid(f: Faker): string {
  const part = (): number => f.number.int({ min: 1_000_000_000, max: 4_294_967_295 });
  return `S-1-5-21-${part()}-${part()}-${part()}`;
}

/** A user name in one of the common corporate conventions. */
export function userName(f: Faker): string {
  const first = f.person.firstName().toLowerCase().replace(/[^a-z]/g, '') || 'user';
  const last = f.person.lastName().toLowerCase().replace(/[^a-z]/g, '') || 'name';
  return pick(f, [`${first}.${last}`, `${first[0]}${last}`, `${first}`, `adm-${last}`]);
}

/** A domain or local account of `host` with a fresh RID and logon id. */
export function account(f: Faker, host: Pick<WinHost, 'domain' | 'domainSid'>, name = userName(f)): WinAccount {
  return { name, domain: host.domain, sid: `${host.domainSid}-${f.number.int({ min: 1_000, max: 9_999 })}`, logonId: hexNumber(f, 0x10000, 0xfffffff) };
}

export function winHost(f: Faker): WinHost {
  const netbios = computerName(f);
  const joined = f.number.int({ min: 0, max: 3 }) > 0;
  const company = f.company.name().replace(/[^A-Za-z]/g, '').slice(0, 12) || 'CORP';
  const dnsDomain = joined ? `${pick(f, ['corp', 'ad', 'int', 'office'])}.${company.toLowerCase()}.${pick(f, ['com', 'local', 'net', 'lan'])}` : '';
  const domain = joined ? company.toUpperCase() : netbios;
  const sidPrefix = domainSid(f);
  const user = account(f, { domain, domainSid: sidPrefix });
  return {
    computer: joined ? `${netbios}.${dnsDomain}` : netbios,
    netbios,
    domain,
    dnsDomain,
    domainSid: sidPrefix,
    guidPrefix: hexUpper(f, 8),
    user,
    time: eventTime(f),
    recordId: f.number.int({ min: 1, max: 900_000_000 }),
  };
}

/** `DOMAIN\name`, the form Sysmon and most Windows fields use. */
export function qualified(a: WinAccount): string {
  return `${a.domain}\\${a.name}`;
}

/** The machine account (`HOST$`) as Security events show it for work done by SYSTEM. */
export function machineAccount(host: WinHost): WinAccount {
  return { name: `${host.netbios}$`, domain: host.dnsDomain === '' ? 'WORKGROUP' : host.domain, sid: 'S-1-5-18', logonId: '0x3e7' };
}
