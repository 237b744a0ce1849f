import { describe, expect, it } from 'vitest';
import { defaultLogsourceMap, parseLogsourceMap } from './load-map.js';
import { formatLogsource, resolveLogsource, resolveUnmapped } from './resolve.js';
import type { LogsourceMap } from './types.js';

const SYSMON = { Channel: 'Microsoft-Windows-Sysmon/Operational' };
const POWERSHELL = { Channel: ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'] };

function loaded(result: { map: LogsourceMap | null; diagnostics: readonly unknown[] }): LogsourceMap {
  if (!result.map || result.diagnostics.length > 0) throw new Error(`map did not load: ${JSON.stringify(result.diagnostics)}`);
  return result.map;
}

const mapOf = (text: string): LogsourceMap => loaded(parseLogsourceMap(text, 'map.yml'));
const map = loaded(defaultLogsourceMap());

describe('resolveLogsource with the default map: categories', () => {
  it('process_creation: Sysmon 1, and Security 4688 with the thor.yml renames', () => {
    expect(resolveLogsource(map, { product: 'windows', category: 'process_creation' })).toEqual([
      {
        label: 'windows/process_creation via sysmon (EventID 1)',
        conditions: [SYSMON, { EventID: 1 }],
        conditionSpans: [expect.anything(), expect.anything()],
        renames: {},
      },
      {
        label: 'windows/process_creation via security (EventID 4688)',
        conditions: [{ Channel: 'Security' }, { EventID: 4688 }],
        conditionSpans: [expect.anything(), expect.anything()],
        renames: { Image: 'NewProcessName', ParentImage: 'ParentProcessName' },
      },
    ]);
  });

  it('registry_add: EventID 12 AND EventType CreateKey; registry_delete: DeleteKey or DeleteValue', () => {
    expect(resolveLogsource(map, { product: 'windows', category: 'registry_add' })).toMatchObject([
      { label: 'windows/registry_add via sysmon (EventID 12, EventType CreateKey)', conditions: [SYSMON, { EventID: 12, EventType: 'CreateKey' }] },
    ]);
    expect(resolveLogsource(map, { product: 'windows', category: 'registry_delete' })?.[0]?.conditions).toEqual([
      SYSMON,
      { EventID: 12, EventType: ['DeleteKey', 'DeleteValue'] },
    ]);
  });

  it('antivirus on any product (or none): Defender channel, thor.yml EventIDs and renames', () => {
    const ids = [1006, 1007, 1008, 1009, 1010, 1011, 1012, 1017, 1018, 1019, 1115, 1116];
    for (const product of [undefined, 'windows', 'linux']) {
      const variants = resolveLogsource(map, { ...(product ? { product } : {}), category: 'antivirus' });
      expect(variants).toEqual([
        expect.objectContaining({
          conditions: [{ Channel: 'Microsoft-Windows-Windows Defender/Operational' }, { EventID: ids }],
          renames: { Signature: 'ThreatName', Filename: 'Path' },
        }),
      ]);
    }
  });

  it('PowerShell categories use both PowerShell channels; classic ones the Windows PowerShell log', () => {
    expect(resolveLogsource(map, { product: 'windows', category: 'ps_script' })?.[0]?.conditions).toEqual([POWERSHELL, { EventID: 4104 }]);
    expect(resolveLogsource(map, { product: 'windows', category: 'ps_module' })?.[0]?.conditions).toEqual([POWERSHELL, { EventID: 4103 }]);
    expect(resolveLogsource(map, { product: 'windows', category: 'ps_classic_start' })).toMatchObject([
      { label: 'windows/ps_classic_start via powershell-classic (EventID 400)', conditions: [{ Channel: 'Windows PowerShell' }, { EventID: 400 }] },
    ]);
  });

  it('a category rule without a product uses the product-specific entries', () => {
    expect(resolveLogsource(map, { category: 'image_load' })?.[0]?.conditions).toEqual([SYSMON, { EventID: 7 }]);
  });

  it('a category rule that also names a service keeps only the variants on that service', () => {
    const variants = resolveLogsource(map, { product: 'windows', category: 'process_creation', service: 'security' });
    expect(variants?.map((v) => v.conditions)).toEqual([[{ Channel: 'Security' }, { EventID: 4688 }]]);
  });
});

describe('resolveLogsource with the default map: services', () => {
  it('maps a service to its channel(s), without renames', () => {
    expect(resolveLogsource(map, { product: 'windows', service: 'security' })).toEqual([
      { label: 'windows/security', conditions: [{ Channel: 'Security' }], conditionSpans: [expect.anything()], renames: {} },
    ]);
    expect(resolveLogsource(map, { product: 'windows', service: 'powershell' })?.[0]?.conditions).toEqual([POWERSHELL]);
  });

  it('maps the pySigma extras and the servicebus alias', () => {
    const channel = (service: string) => resolveLogsource(map, { product: 'windows', service })?.[0]?.conditions;
    expect(channel('dns-server')).toEqual([{ Channel: 'DNS Server' }]);
    expect(channel('dns-server-analytic')).toEqual([{ Channel: 'Microsoft-Windows-DNS-Server/Analytical' }]);
    expect(channel('driver-framework')).toEqual([{ Channel: 'Microsoft-Windows-DriverFrameworks-UserMode/Operational' }]);
    expect(resolveLogsource(map, { product: 'windows', service: 'microsoft-servicebus-client' })).toMatchObject([
      {
        label: 'windows/microsoft-servicebus-client via windows/servicebus-client',
        conditions: [{ Channel: ['Microsoft-ServiceBus-Client/Admin', 'Microsoft-ServiceBus-Client/Operational'] }],
      },
    ]);
  });
});

describe('resolveLogsource: unmapped log sources', () => {
  it.each([
    [{ product: 'windows' }],
    [{}],
    [{ product: 'windows', category: 'file_access' }],
    [{ product: 'windows', category: 'file_rename' }],
    [{ category: 'webserver' }],
    [{ product: 'linux', service: 'auth' }],
    [{ product: 'linux', category: 'process_creation' }],
    [{ product: 'aws', service: 'cloudtrail' }],
    [{ product: 'Windows', category: 'process_creation' }],
    [{ product: 'windows', category: 'Process_Creation' }],
    [{ product: 'windows', service: 'Security' }],
    [{ product: 'linux', service: 'security' }],
    [{ product: 'windows', category: 'process_creation', service: 'nosuch' }],
  ])('%j → null', (logsource) => {
    expect(resolveLogsource(map, logsource)).toBeNull();
  });
});

describe('resolveUnmapped: the gate of an unmapped log source (semantics §10.2: product absent or equal)', () => {
  const WINDOWS_EVENTS = [{ 'Channel|neq': [null, 'Linux-Sysmon/Operational'] }];
  const NO_PRODUCT_EVENTS = [{ Channel: [null, 'Linux-Sysmon/Operational'] }];

  it.each([
    [{ product: 'windows' }, WINDOWS_EVENTS],
    [{ product: 'windows', category: 'file_access' }, WINDOWS_EVENTS],
    [{ product: 'windows', service: 'Security' }, WINDOWS_EVENTS],
    [{ product: 'linux', category: 'process_creation' }, NO_PRODUCT_EVENTS],
    [{ product: 'zeek', service: 'rdp' }, NO_PRODUCT_EVENTS],
    [{ category: 'proxy' }, NO_PRODUCT_EVENTS],
    [{ product: 'Windows', category: 'process_creation' }, NO_PRODUCT_EVENTS],
  ])('%j → %j', (logsource, conditions) => {
    expect(resolveUnmapped(map, logsource)).toMatchObject({ conditions, renames: {} });
  });

  it('labels say which events', () => {
    expect(resolveUnmapped(map, { product: 'windows', category: 'file_access' })?.label).toBe(
      'unmapped log source: events of product windows (Channel present, not Linux-Sysmon/Operational)',
    );
    expect(resolveUnmapped(map, { product: 'linux' })?.label).toBe(
      'unmapped log source: events of no known product (no Channel, or Channel Linux-Sysmon/Operational)',
    );
  });

  it('a rule without a log source, or a map without products, applies to every event', () => {
    expect(resolveUnmapped(map, {})).toBeNull();
    expect(resolveUnmapped(mapOf('services:\n  - { service: s, conditions: { a: 1 } }\n'), { product: 'linux' })).toBeNull();
  });

  it('several products: one condition map each, AND-ed', () => {
    const two = mapOf(`products:
  - { product: windows, field: Channel }
  - { product: k8s, field: kind, except: [Event] }
services:
  - { service: s, conditions: { a: 1 } }
`);
    expect(resolveUnmapped(two, { product: 'aws' })?.conditions).toEqual([{ Channel: [null] }, { kind: [null, 'Event'] }]);
    expect(resolveUnmapped(two, { product: 'windows' })?.conditions).toEqual([{ 'Channel|neq': [null] }]);
  });
});

describe('resolveLogsource: format features', () => {
  const custom = mapOf(`services:
  - { product: windows, service: sec, conditions: { Channel: Security }, renames: { A: B, C: D } }
  - { service: generic, conditions: { source: any } }
categories:
  - product: windows
    category: both
    variants:
      - { service: sec, conditions: { EventID: 1 }, renames: { C: E } }
      - { conditions: { kind: plain } }
  - { category: both, variants: [{ service: generic }] }
`);

  it('merges service and variant renames (variant wins) and keeps variants without a service', () => {
    expect(resolveLogsource(custom, { product: 'windows', category: 'both' })).toEqual([
      expect.objectContaining({ label: 'windows/both via sec (EventID 1)', conditions: [{ Channel: 'Security' }, { EventID: 1 }], renames: { A: 'B', C: 'E' } }),
      expect.objectContaining({ label: 'windows/both (kind plain)', conditions: [{ kind: 'plain' }], renames: {} }),
      expect.objectContaining({ label: 'windows/both via generic', conditions: [{ source: 'any' }] }),
    ]);
  });

  it('uses product-less entries for every product', () => {
    expect(resolveLogsource(custom, { product: 'linux', category: 'both' })?.map((v) => v.label)).toEqual(['linux/both via generic']);
    expect(resolveLogsource(custom, { product: 'linux', service: 'generic' })?.[0]?.conditions).toEqual([{ source: 'any' }]);
  });

  it('falls back to the service entry when the category has nothing on the named service', () => {
    expect(resolveLogsource(custom, { product: 'windows', category: 'unknown', service: 'sec' })?.[0]?.conditions).toEqual([
      { Channel: 'Security' },
    ]);
    expect(resolveLogsource(map, { product: 'windows', category: 'process_creation', service: 'system' })).toMatchObject([
      { label: 'windows/process_creation/system via windows/system', conditions: [{ Channel: 'System' }] },
    ]);
  });

  it('returns fresh copies (callers cannot corrupt the map)', () => {
    const first = resolveLogsource(map, { product: 'windows', category: 'antivirus' });
    (first?.[0]?.conditions[1]?.['EventID'] as number[]).push(1);
    const again = resolveLogsource(map, { product: 'windows', category: 'antivirus' });
    expect(again?.[0]?.conditions[1]?.['EventID']).toHaveLength(12);
  });
});

describe('formatLogsource', () => {
  it('joins the present parts', () => {
    expect(formatLogsource({ product: 'windows', category: 'process_creation' })).toBe('windows/process_creation');
    expect(formatLogsource({ category: 'antivirus' })).toBe('antivirus');
    expect(formatLogsource({})).toBe('(no log source)');
  });
});
