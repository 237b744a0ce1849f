/**
 * Per-matcher solving and near-miss operators (issue 4 parts 2–3): every modifier family of the bundled rules
 * and unit checks of the solver (wildcards, regex, CIDR, comparisons, time parts, fieldref, exists, null).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { IrMatcher, IrRule } from '../../framework/ir/types.js';
import { matchFieldValue, referenceDecide } from '../../framework/engine/reference.js';
import { parseSigmaString } from '../../framework/ir/pattern.js';
import { createRng, deriveNearMisses, derivePositives, defaultFiller, satisfy, violate, type NearMiss } from './index.js';
import { addressesJustOutside } from './ip-sample.js';
import { bundledRules } from './test-support/bundled.js';

let rules: IrRule[];
beforeAll(async () => {
  rules = await bundledRules();
});
const ruleNamed = (part: string): IrRule => rules.find((r) => r.path.includes(part)) as IrRule;
const positives = (rule: IrRule, count: number, seed = 1): Record<string, unknown>[] => derivePositives(rule, () => ({}), { seed, count }).events.map((e) => e.event);
const ctx = (seed = 1) => ({ rng: createRng(seed), filler: defaultFiller, mixCase: false, lookup: () => 'C:\\Users\\bob\\x.exe' });

function solved(m: IrMatcher, seeds = 30): unknown[] {
  return Array.from({ length: seeds }, (_, s) => satisfy(m, ctx(s))).flatMap((p) => ('value' in p ? [p.value] : []));
}

function missesOf(rule: IrRule, count = 8): NearMiss[] {
  return positives(rule, count).flatMap((e, i) => deriveNearMisses(rule, e, { seed: i }));
}

describe('satisfy', () => {
  it.each([
    ['*\\cmd.exe', false],
    ['C:\\Windows\\*\\x?.dll', false],
    ['*/index.php?id=*', true],
    ['', false],
    ['ab?c', true],
  ])('fills * and ? of %j (cased %s)', (text, cased) => {
    const m: IrMatcher = { kind: 'string', pattern: parseSigmaString(text), cased };
    for (const v of solved(m)) expect(matchFieldValue(m, v, {})).toBe(true);
  });

  it('generates regex samples the RegExp finds', () => {
    const sources = ['^C:\\\\Users\\\\[^\\\\]+\\\\NTUSER\\.DAT$', '(?:\\s-[^-\\s]{0,20}i|\\s--inode\\s)', 'https?://(?:(?:25[0-5]|(?:2[0-4]|1\\d|[1-9])?\\d)(?:\\.|\\b)){4}', '(.){200,}', 'AmsiUtils.{0,300}?(amsiInitFailed|amsiContext)', '([a-f])\\1x'];
    for (const source of sources) {
      for (const flags of ['', 'i', 'ms']) {
        const m: IrMatcher = { kind: 'regex', source, flags };
        const values = solved(m, 10);
        expect(values.length, source).toBe(10);
        for (const v of values) expect(new RegExp(source, flags).test(String(v)), `${source} ${String(v)}`).toBe(true);
      }
    }
  });

  it('puts addresses inside IPv4 and IPv6 networks, and finds the ones just outside', () => {
    const v4: IrMatcher = { kind: 'cidr', version: 4, bytes: [172, 16, 0, 0], prefix: 12, text: '172.16.0.0/12' };
    const v6: IrMatcher = { kind: 'cidr', version: 6, bytes: [0xfe, 0x80, ...new Array<number>(14).fill(0)], prefix: 10, text: 'fe80::/10' };
    for (const m of [v4, v6]) for (const v of solved(m)) expect(matchFieldValue(m, v, {})).toBe(true);
    expect(addressesJustOutside(v4 as Extract<IrMatcher, { kind: 'cidr' }>)).toEqual(['172.15.255.255', '172.32.0.0']);
    expect(addressesJustOutside(v6 as Extract<IrMatcher, { kind: 'cidr' }>)).toEqual(['fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fec0::']);
    for (const a of ['172.15.255.255', '172.32.0.0']) expect(matchFieldValue(v4, a, {})).toBe(false);
  });

  it('solves comparisons, time parts, fieldref, exists and null', () => {
    const cases: IrMatcher[] = [
      { kind: 'compare', op: 'gt', value: 1023 },
      { kind: 'compare', op: 'lte', value: -2.5 },
      { kind: 'timepart', part: 'week', value: 53 },
      { kind: 'timepart', part: 'hour', value: 0 },
      { kind: 'fieldref', field: 'Image', position: 'endswith', cased: false },
      { kind: 'exists', value: true },
      { kind: 'exists', value: false },
      { kind: 'null' },
      { kind: 'bool', value: true },
      { kind: 'number', value: 4688 },
    ];
    const event = { Image: 'C:\\Users\\bob\\x.exe' };
    for (const m of cases) for (const v of solved(m)) expect(matchFieldValue(m, v, event), `${JSON.stringify(m)} ${String(v)}`).toBe(true);
  });
});

describe('violate', () => {
  it('puts comparisons on the wrong side of the boundary', () => {
    const rng = createRng(1);
    expect(violate({ kind: 'compare', op: 'gte', value: 200 }, 250, rng)[0]?.value).toBe(199);
    expect(violate({ kind: 'compare', op: 'lt', value: 300 }, '250', rng)[0]?.value).toBe('300');
    expect(violate({ kind: 'compare', op: 'gt', value: 1023 }, 4444, rng)[0]?.value).toBe(1023);
  });

  it('breaks a literal segment of a wildcard pattern and splits a contains needle', () => {
    const rng = createRng(1);
    const wildcard: IrMatcher = { kind: 'string', pattern: parseSigmaString('C:\\Users\\\\*\\AppData\\\\*.exe'), cased: false };
    const [broken] = violate(wildcard, 'C:\\Users\\bob\\AppData\\x.exe', rng);
    expect(broken?.operator).toBe('wildcard:break-literal');
    expect(matchFieldValue(wildcard, broken?.value, {})).toBe(false);
    const contains: IrMatcher = { kind: 'string', pattern: parseSigmaString('*Invoke-*'), cased: false };
    const ops = violate(contains, 'x INVOKE-Expression', rng);
    expect(ops.map((o) => o.operator)).toEqual(['contains:split-needle', 'contains:change-char']);
    for (const o of ops) expect(matchFieldValue(contains, o.value, {})).toBe(false);
  });
});

describe('modifier families on the bundled rules', () => {
  it('windash: every dash character appears in positives', () => {
    const lines = positives(ruleNamed('certutil_download_decode_windash'), 80).map((e) => String(e['CommandLine']));
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) expect(lines.some((l) => new RegExp(` \\${dash}(urlcache|verifyctl|decode|decodehex) `).test(l)), dash).toBe(true);
  });

  it('base64, base64offset and utf16 encodings are embedded in text', () => {
    const details = positives(ruleNamed('registry_set_encoded_powershell_payload'), 20).map((e) => String(e['Details']));
    const decoded = details.map((d) => d.match(/[A-Za-z0-9+/=]{8,}/g) ?? []).flat();
    expect(decoded.length).toBeGreaterThan(10);
    const lines = positives(ruleNamed('base64_script_or_reverse_shell'), 10).map((e) => String(e['CommandLine']));
    expect(lines.every((l) => /base64|openssl/.test(l))).toBe(true);
  });

  it('cidr filters: near misses just outside the network flip the filter', () => {
    const cidr = missesOf(ruleNamed('lolbin_public_ip_high_port')).filter((m) => m.operator === 'item:satisfy' && m.target.field === 'DestinationIp');
    expect(cidr.some((m) => m.expect === 'no-match')).toBe(true);
  });

  it('comparisons, booleans, fieldref, exists, keywords: operators per kind', () => {
    const ops = (part: string): Set<string> => new Set(missesOf(ruleNamed(part)).filter((m) => m.expect === 'no-match').map((m) => m.operator));
    expect([...ops('web_webshell_command_success')]).toEqual(expect.arrayContaining(['compare:wrong-side-boundary', 'contains:split-needle', 'endswith:append-suffix']));
    expect([...ops('lolbin_public_ip_high_port')]).toEqual(expect.arrayContaining(['bool:flip', 'compare:wrong-side-boundary', 'item:satisfy']));
    expect([...ops('system_shell_parent_other_user')]).toEqual(expect.arrayContaining(['field:remove', 'fieldref:copy-value']));
    expect([...ops('admin_rdp_logon_off_hours')]).toEqual(expect.arrayContaining(['timepart:shift', 'number:other-value']));
    expect([...ops('posh_ps_amsi_bypass_patterns')]).toEqual(expect.arrayContaining(['regex:remove-match']));
  });

  it('keywords: a near miss breaks the keyword in the leaf that holds it', () => {
    const keyword = missesOf(ruleNamed('web_webshell_command_success')).filter((m) => m.target.field === null && m.expect === 'no-match');
    expect(keyword.length).toBeGreaterThan(0);
    expect(keyword.every((m) => m.target.eventField === 'Message')).toBe(true);
  });

  it('every near miss of every bundled rule is decided as it says', () => {
    for (const rule of rules) for (const m of missesOf(rule, 3)) expect(referenceDecide(rule, m.event)).toBe(m.expect === 'match');
  });
});
