import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceDecide } from '../../framework/engine/reference.js';
import { adaptEvent } from '../../framework/events/adapt.js';
import { loadRuleText } from '../../framework/loader/index.js';
import { defaultLogsourceMap, resolveLogsource } from '../../framework/logsource/index.js';
import { prepareRuleset, type PreparedRule } from '../../framework/ruleset/build-ruleset.js';
import {
  eventArbitrary,
  seededFaker,
  TEMPLATES,
  templateArbitrary,
  templateByName,
  templatesFor,
  toEvtxShape,
  type FlatEvent,
  type Template,
  type TemplateLogsource,
} from './index.js';

const MAP = defaultLogsourceMap().map;
if (!MAP) throw new Error('default log-source map does not load');
const WINDOWS = TEMPLATES.filter((t) => t.format === 'evtx');

function flats(t: Template, seed: number, numRuns: number): FlatEvent[] {
  return fc.sample(templateArbitrary(t), { seed, numRuns }) as FlatEvent[];
}

function key(ls: TemplateLogsource): string {
  return `${ls.product ?? '*'}/${ls.category ?? '*'}/${ls.service ?? '*'}`;
}

/** A template log source and the shorter forms rules write (without the service, without the category). */
function variants(ls: TemplateLogsource): TemplateLogsource[] {
  const out = [ls];
  if (ls.category !== undefined && ls.service !== undefined) out.push({ ...ls, service: undefined }, { ...ls, category: undefined });
  return out.map((v) => Object.fromEntries(Object.entries(v).filter(([, value]) => value !== undefined)));
}

const gateRules = new Map<string, PreparedRule>();
/** `not sel` with a field no event has: matches exactly the events that pass the log-source gate. */
function gateRule(ls: TemplateLogsource): PreparedRule {
  const cached = gateRules.get(key(ls));
  if (cached) return cached;
  const lines = Object.entries(ls).map(([k, v]) => `  ${k}: ${String(v)}`);
  const text = `title: gate\nlogsource:\n${lines.join('\n')}\ndetection:\n  sel:\n    ThisFieldNeverExists: x\n  condition: not sel\n`;
  const ruleset = prepareRuleset(loadRuleText(text, 'gate.yml'), { logsourceMap: MAP });
  expect(ruleset.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const rule = ruleset.rules[0] as PreparedRule;
  gateRules.set(key(ls), rule);
  return rule;
}

const REQUIRED = [
  ...[1, 3, 5, 7, 8, 10, 11, 12, 13, 14, 15, 17, 18, 22, 23, 25].map((id) => `sysmon-${id}`),
  ...[4624, 4625, 4688, 4697, 4698, 4720].map((id) => `security-${id}`),
  'powershell-4103',
  'powershell-4104',
  'system-7045',
  'linux-process-creation',
  'linux-auditd-syscall',
  'linux-auditd-execve',
  'linux-auditd-path',
  'webserver',
  'proxy',
  'dns',
];

describe('template table', () => {
  it('has every required template, unique names, frozen', () => {
    const names = TEMPLATES.map((t) => t.name);
    for (const name of REQUIRED) expect(names, name).toContain(name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.isFrozen(TEMPLATES)).toBe(true);
    expect(templateByName('sysmon-1')?.name).toBe('sysmon-1');
  });

  it('finds templates by log source like the log-source map resolves them', () => {
    const names = (ls: TemplateLogsource): string[] => templatesFor(ls).map((t) => t.name);
    expect(names({ product: 'windows', category: 'process_creation' })).toEqual(['sysmon-1', 'security-4688']);
    expect(names({ product: 'windows', category: 'process_creation', service: 'security' })).toEqual(['security-4688']);
    expect(names({ category: 'process_creation' })).toEqual(['sysmon-1', 'security-4688', 'linux-process-creation']);
    expect(names({ product: 'windows', category: 'registry_add' })).toEqual(['sysmon-12']);
    expect(names({ product: 'windows', category: 'registry_delete' })).toEqual(['sysmon-12-delete']);
    expect(names({ product: 'windows', category: 'registry_event' })).toEqual(['sysmon-12', 'sysmon-12-delete', 'sysmon-13', 'sysmon-14']);
    expect(names({ product: 'windows', category: 'dns_query' })).toEqual(['sysmon-22']);
    expect(names({ product: 'windows', service: 'powershell' })).toEqual(['powershell-4103', 'powershell-4104']);
    expect(names({ product: 'windows', service: 'sysmon' })).toHaveLength(17);
    expect(names({ product: 'linux', service: 'auditd' })).toEqual(['linux-auditd-syscall', 'linux-auditd-execve', 'linux-auditd-path']);
    expect(names({ category: 'dns' })).toEqual(['dns']);
    expect(names({ category: 'webserver' })).toEqual(['webserver']);
    expect(names({ product: 'macos', category: 'process_creation' })).toEqual([]);
    expect(eventArbitrary({ product: 'macos', category: 'process_creation' })).toBeNull();
  });

  it('eventArbitrary draws from every template of the log source', () => {
    const arb = eventArbitrary({ product: 'windows', category: 'process_creation' });
    expect(arb).not.toBeNull();
    const ids = new Set(fc.sample(arb as fc.Arbitrary<Record<string, unknown>>, { seed: 3, numRuns: 60 }).map((e) => e['EventID']));
    expect(ids).toEqual(new Set([1, 4688]));
  });
});

describe.each(TEMPLATES.map((t) => [t.name, t] as const))('template %s', (_name, t) => {
  it('replays the same events from the same seed and differs across seeds', () => {
    expect(flats(t, 42, 25)).toEqual(flats(t, 42, 25));
    expect(fc.sample(templateArbitrary(t, 'evtx'), { seed: 42, numRuns: 5 })).toEqual(fc.sample(templateArbitrary(t, 'evtx'), { seed: 42, numRuns: 5 }));
    expect(flats(t, 1, 5)).not.toEqual(flats(t, 2, 5));
    expect(new Set(flats(t, 7, 25).map((e) => JSON.stringify(e))).size).toBe(25);
  });

  it('shrinks toward the seed-0 event', () => {
    const result = fc.check(fc.property(templateArbitrary(t), () => false), { seed: 11 });
    expect(result.failed).toBe(true);
    expect(result.counterexample?.[0]).toEqual(t.build(seededFaker(0)));
  });

  it('populates every field (strings non-empty except where the producer leaves them empty)', () => {
    for (const event of flats(t, 5, 100)) {
      expect(Object.keys(event).length).toBeGreaterThan(3);
      for (const [field, value] of Object.entries(event)) {
        if (typeof value === 'number') expect(Number.isFinite(value), field).toBe(true);
        else expect(typeof value, field).toBe('string');
        if (value === '') expect(t.mayBeEmpty, `${t.name}.${field} is empty`).toContain(field);
      }
    }
  });

  it('passes the log-source gate of every log source it serves', () => {
    const events = flats(t, 9, 30);
    for (const ls of t.logsources.flatMap(variants)) {
      const rule = gateRule(ls);
      if (t.format === 'evtx') {
        expect(rule.ir.unmappedLogsource, key(ls)).toBe(false);
        expect(resolveLogsource(MAP, ls), key(ls)).not.toBeNull();
      }
      for (const event of events) {
        expect(referenceDecide(rule.ir, event), `${key(ls)} on ${JSON.stringify(event).slice(0, 200)}`).toBe(true);
        expect(rule.compiled.matches(event), key(ls)).toBe(true);
      }
    }
  });
});

describe.each(WINDOWS.map((t) => [t.name, t] as const))('Windows template %s', (_name, t) => {
  it('evtx shape flattens (adaptEvent) back to the flat event', () => {
    for (const flat of flats(t, 13, 40)) {
      const evtx = toEvtxShape(flat, t);
      expect(evtx).not.toBeNull();
      const adapted = adaptEvent(evtx) as Record<string, unknown>;
      for (const [field, value] of Object.entries(flat)) expect(adapted[field], field).toEqual(value);
    }
  });

  it('has the System identity fields and the evtx_dump System structure', () => {
    const [flat] = flats(t, 17, 1) as [FlatEvent];
    for (const field of ['Provider_Name', 'Provider_Guid', 'EventID', 'Channel', 'Computer', 'TimeCreated_SystemTime', 'EventRecordID', 'Execution_ProcessID', 'Execution_ThreadID']) {
      expect(flat[field], field).toBeDefined();
    }
    expect(flat['TimeCreated_SystemTime']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const system = toEvtxShape(flat, t)?.Event.System as Record<string, unknown>;
    expect(system['Provider']).toEqual(expect.objectContaining({ '#attributes': expect.objectContaining({ Name: flat['Provider_Name'] }) }));
    expect(system['TimeCreated']).toEqual({ '#attributes': { SystemTime: flat['TimeCreated_SystemTime'] } });
    expect(Object.keys(system)).toContain('Security');
  });

  it('evtx arbitrary is the evtx shape of the flat arbitrary for the same seed', () => {
    const evtx = fc.sample(templateArbitrary(t, 'evtx'), { seed: 21, numRuns: 5 });
    expect(evtx).toEqual(flats(t, 21, 5).map((flat) => toEvtxShape(flat, t)));
  });
});

describe('gates separate producers', () => {
  const mapped = [...new Map(WINDOWS.flatMap((t) => t.logsources.flatMap(variants)).map((ls) => [key(ls), ls])).values()];
  it.each(WINDOWS.map((t) => [t.name, t] as const))('%s passes no gate of a log source it does not serve', (_name, t) => {
    const events = flats(t, 23, 10);
    const served = new Set(t.logsources.flatMap(variants).map(key));
    for (const ls of mapped.filter((l) => !served.has(key(l)) && !templatesFor(l).includes(t))) {
      const rule = gateRule(ls);
      for (const event of events) expect(referenceDecide(rule.ir, event), `${t.name} in ${key(ls)}`).toBe(false);
    }
  });
});

describe('field formats', () => {
  const all = TEMPLATES.flatMap((t) => flats(t, 31, 20));
  const formats: Record<string, RegExp> = {
    UtcTime: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/,
    CreationUtcTime: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/,
    ProcessGuid: /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/,
    ParentProcessGuid: /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/,
    Initiated: /^(true|false)$/,
    SourceIp: /^[0-9a-f.:]+$/,
    DestinationIp: /^[0-9a-f.:]+$/,
  };
  it.each(Object.entries(formats))('%s', (field, pattern) => {
    const values = all.map((e) => e[field]).filter((v) => v !== undefined);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(String(value)).toMatch(pattern);
  });

  it('Hashes lists SHA1, MD5, SHA256 and IMPHASH (Windows)', () => {
    const hashes = WINDOWS.flatMap((t) => flats(t, 37, 5)).map((e) => e['Hashes']).filter((v) => v !== undefined);
    expect(hashes.length).toBeGreaterThan(0);
    for (const h of hashes) expect(h).toMatch(/^SHA1=[0-9A-F]{40},MD5=[0-9A-F]{32},SHA256=[0-9A-F]{64},IMPHASH=[0-9A-F]{32}$/);
  });

  it('uses the field names SigmaHQ rules use for each non-Windows log source', () => {
    const fieldsOf = (name: string): Set<string> => new Set(flats(templateByName(name) as Template, 41, 30).flatMap((e) => Object.keys(e)));
    const expected: Record<string, string[]> = {
      webserver: ['cs-method', 'cs-uri-stem', 'cs-uri-query', 'sc-status', 'c-ip', 'cs-user-agent', 'cs-host', 'cs-referer', 'cs-username'],
      proxy: ['c-uri', 'c-useragent', 'cs-host', 'cs-method', 'sc-status', 'c-ip', 'r-dns', 'c-uri-extension', 'c-uri-query', 'cs-cookie', 'dst_ip'],
      dns: ['query', 'answer', 'record_type'],
      'linux-process-creation': ['Image', 'CommandLine', 'ParentImage', 'ParentCommandLine', 'User', 'LogonId', 'CurrentDirectory', 'ProcessId'],
      'linux-auditd-syscall': ['type', 'syscall', 'SYSCALL', 'exe', 'comm', 'a0', 'a1', 'a2', 'a3', 'uid', 'auid', 'euid', 'key'],
      'linux-auditd-execve': ['type', 'argc', 'a0', 'a1'],
      'linux-auditd-path': ['type', 'name', 'nametype'],
    };
    for (const [name, fields] of Object.entries(expected)) {
      const present = fieldsOf(name);
      for (const field of fields) expect(present.has(field), `${name}.${field}`).toBe(true);
    }
  });
});
