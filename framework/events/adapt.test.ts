import { describe, it, expect } from 'vitest';
import { adaptEvent, isEvtxShape } from './adapt.js';

const system = {
  Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9' } },
  EventID: 1,
  Version: 5,
  Level: 4,
  Keywords: '0x8000000000000000',
  TimeCreated: { '#attributes': { SystemTime: '2025-11-27T07:40:10.165324Z' } },
  EventRecordID: 571146,
  Correlation: { '#attributes': { ActivityID: 'CF705CDF-21A7-0001-B779-72CFA721D301' } },
  Execution: { '#attributes': { ProcessID: 3544, ThreadID: 4272 } },
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  Computer: 'host1',
  Security: { '#attributes': { UserID: 'S-1-5-18' } },
};

function evtx(event: Record<string, unknown>): unknown {
  return { Event: { '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' }, ...event } };
}

describe('adaptEvent: non-evtx input', () => {
  it('returns null for anything that is not a JSON object', () => {
    for (const raw of [null, undefined, 1, 'x', true, [], [{ a: 1 }]]) expect(adaptEvent(raw)).toBeNull();
  });

  it('returns flat and nested objects unchanged (same object)', () => {
    const flat = { EventID: 4688, CommandLine: 'cmd /c whoami' };
    const nested = { requestParameters: { enable: true }, Event: { NotSystem: 1 } };
    expect(adaptEvent(flat)).toBe(flat);
    expect(adaptEvent(nested)).toBe(nested);
    expect(isEvtxShape(nested)).toBe(false);
    expect(isEvtxShape({ Event: { System: null } })).toBe(false);
    expect(isEvtxShape({ Event: { System: {} } })).toBe(true);
  });
});

describe('adaptEvent: evtx System', () => {
  const adapted = adaptEvent(evtx({ System: system, EventData: { Image: 'C:\\x.exe' } }))!;

  it('copies plain System values and exposes attributes as Tag_Attr', () => {
    expect(adapted).toMatchObject({
      EventID: 1,
      Version: 5,
      Level: 4,
      Keywords: '0x8000000000000000',
      EventRecordID: 571146,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'host1',
      Provider_Name: 'Microsoft-Windows-Sysmon',
      Provider_Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
      TimeCreated_SystemTime: '2025-11-27T07:40:10.165324Z',
      Correlation_ActivityID: 'CF705CDF-21A7-0001-B779-72CFA721D301',
      Execution_ProcessID: 3544,
      Execution_ThreadID: 4272,
      Security_UserID: 'S-1-5-18',
      Image: 'C:\\x.exe',
    });
  });

  it('does not expose attribute-only elements, #attributes or xmlns themselves', () => {
    for (const key of ['Provider', 'Execution', 'TimeCreated', 'Security', 'Correlation', '#attributes', 'Event', 'xmlns']) {
      expect(adapted).not.toHaveProperty([key]);
    }
  });

  it('uses #text of an element with attributes and exposes the attributes', () => {
    const e = adaptEvent(evtx({ System: { ...system, EventID: { '#attributes': { Qualifiers: 0 }, '#text': 600 } } }))!;
    expect(e['EventID']).toBe(600);
    expect(e['EventID_Qualifiers']).toBe(0);
  });

  it('keeps string values of template-less records as strings and null elements as null', () => {
    const e = adaptEvent(evtx({ System: { ...system, EventID: '1116', Correlation: null } }))!;
    expect(e['EventID']).toBe('1116');
    expect(e['Correlation']).toBeNull();
  });

  it('does not mutate its input', () => {
    const raw = evtx({ System: system, EventData: { A: 1 } });
    const before = JSON.stringify(raw);
    adaptEvent(raw);
    expect(JSON.stringify(raw)).toBe(before);
  });
});

describe('adaptEvent: evtx EventData', () => {
  it('maps every EventData name to a field with its value unchanged', () => {
    const e = adaptEvent(evtx({ System: system, EventData: { ProcessId: 4460, Signed: 'true', Path: '', RuleName: null } }))!;
    expect(e).toMatchObject({ ProcessId: 4460, Signed: 'true', Path: '', RuleName: null });
  });

  it('uses #text of EventData objects and exposes their attributes', () => {
    const e = adaptEvent(
      evtx({
        System: system,
        EventData: {
          '#attributes': { Name: 'EVENT_HIVE_LEAK' },
          ComplexData: { '#attributes': { Name: 'IdleState' }, '#text': '01' },
          ComplexData_1: { '#attributes': { Name: 'PerfState' } },
        },
      }),
    )!;
    expect(e).toMatchObject({ ComplexData: '01', ComplexData_Name: 'IdleState', ComplexData_1_Name: 'PerfState', EventData_Name: 'EVENT_HIVE_LEAK' });
    expect(e).not.toHaveProperty(['ComplexData_1']);
  });

  it('maps unnamed Data elements to the field Data (array or single string)', () => {
    const many = adaptEvent(evtx({ System: system, EventData: { Data: { '#text': ['a', 'b', 'c'] } } }))!;
    const one = adaptEvent(evtx({ System: system, EventData: { Data: { '#text': 'only' } } }))!;
    const bare = adaptEvent(evtx({ System: system, EventData: { Data: 'plain' } }))!;
    expect(many['Data']).toEqual(['a', 'b', 'c']);
    expect(one['Data']).toBe('only');
    expect(bare['Data']).toBe('plain');
  });

  it('accepts EventData that is null or a bare string', () => {
    const none = adaptEvent(evtx({ System: system, EventData: null }))!;
    const text = adaptEvent(evtx({ System: system, EventData: 'free text' }))!;
    expect(none['EventID']).toBe(1);
    expect(none).not.toHaveProperty(['EventData']);
    expect(text['EventData']).toBe('free text');
  });

  it('adds a de-spaced alias for EventData names with spaces, never overwriting a real field', () => {
    const flat = adaptEvent(
      evtx({ System: system, EventData: { 'Threat Name': 'EICAR', 'Source Name': 'Real-Time', SourceName: 'kept' } }),
    )!;
    expect(flat['Threat Name']).toBe('EICAR');
    expect(flat['ThreatName']).toBe('EICAR');
    expect(flat['SourceName']).toBe('kept');
  });
});

describe('adaptEvent: evtx UserData', () => {
  const userData = {
    LogFileCleared: {
      '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog', version: '2' },
      SubjectUserName: 'jwrig',
      SubjectDomainName: 'DESKTOP',
      Channel: 'System',
      Result: { '#attributes': { value: '0' } },
      Chain: { Element: { '#attributes': { id: 1 } } },
    },
  };
  const e = adaptEvent(evtx({ System: { ...system, Channel: 'Security', EventID: 1102 }, UserData: userData }))!;

  it('maps UserData.<Element>.<Name> to <Name> (one extra level)', () => {
    expect(e).toMatchObject({ SubjectUserName: 'jwrig', SubjectDomainName: 'DESKTOP', Result_value: '0' });
    expect(e['Chain']).toEqual({ Element: { '#attributes': { id: 1 } } });
  });

  it('exposes element attributes as <Element>_<Attr>, namespaces skipped', () => {
    expect(e['LogFileCleared_version']).toBe('2');
    expect(e).not.toHaveProperty(['LogFileCleared_xmlns']);
    expect(e).not.toHaveProperty(['LogFileCleared']);
  });

  it('lets System win for the identity fields', () => {
    expect(e['Channel']).toBe('Security');
    expect(e['EventID']).toBe(1102);
  });
});

describe('adaptEvent: collisions and leftovers', () => {
  it('System wins for EventID, Channel, Provider_Name, Computer; EventData wins otherwise', () => {
    const e = adaptEvent(
      evtx({
        System: system,
        EventData: { EventID: 99, Channel: 'X', Provider_Name: 'Y', Computer: 'Z', Version: '15.0', Level: 'payload' },
      }),
    )!;
    expect(e).toMatchObject({ EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Provider_Name: 'Microsoft-Windows-Sysmon', Computer: 'host1' });
    expect(e).toMatchObject({ Version: '15.0', Level: 'payload' });
  });

  it('lets EventData fill an identity field that System leaves null', () => {
    const e = adaptEvent(evtx({ System: { ...system, Channel: null }, EventData: { Channel: 'FromData' } }))!;
    expect(e['Channel']).toBe('FromData');
  });

  it('keeps other Event children nested and top-level siblings, without overwriting', () => {
    const raw = { Event: { System: system, RenderingInfo: { Message: 'hello' } }, host: 'collector', EventID: 7 };
    const e = adaptEvent(raw)!;
    expect(e['RenderingInfo']).toEqual({ Message: 'hello' });
    expect(e['host']).toBe('collector');
    expect(e['EventID']).toBe(1);
  });

  it('keeps a __proto__ field as data without changing the prototype', () => {
    const raw = JSON.parse('{"Event":{"System":{"EventID":1},"EventData":{"__proto__":{"polluted":true}}}}');
    const e = adaptEvent(raw)!;
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(e, '__proto__')).toBe(true);
    expect((e as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
