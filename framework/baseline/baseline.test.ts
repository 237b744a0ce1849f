/**
 * Decision baselines: record → compare on small fixture rules and events in a temp folder; the `baseline` and
 * `regress` commands through their exported run functions (stdout/stderr captured).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runBaseline } from '../cli/commands/baseline.js';
import { runRegress } from '../cli/commands/regress.js';
import { defaultLogsourceMap } from '../logsource/index.js';
import { compareBaselines, differingEventFilter, type Comparison, type EventSnapshot } from './compare.js';
import { recordBaseline } from './record.js';
import { canonicalJson, eventHash, eventKey, parseBaseline, serializeBaseline, type Baseline } from './types.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-baseline-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function rule(id: string, title: string, detection: string): string {
  return `title: ${title}\nid: ${id}\nlogsource: {category: process_creation, product: windows}\ndetection:\n${detection}\n`;
}

const CMD = rule('11111111-1111-4111-8111-111111111111', 'cmd', "  sel:\n    Image|endswith: '\\cmd.exe'\n  condition: sel");
const WHOAMI = rule('22222222-2222-4222-8222-222222222222', 'whoami', "  sel:\n    CommandLine|contains: 'whoami'\n  condition: sel");
const NEVER = rule('33333333-3333-4333-8333-333333333333', 'never', "  sel:\n    Image|endswith: '\\never.exe'\n  condition: sel");

const sysmon = (image: string, commandLine: string): string =>
  JSON.stringify({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: image, CommandLine: commandLine, User: 'bob' });
const EVENTS = [
  sysmon('C:\\Windows\\System32\\cmd.exe', 'cmd /c whoami'), // 0: cmd, whoami
  sysmon('C:\\Windows\\powershell.exe', 'whoami /all'), // 1: whoami
  '{broken', // 2: malformed (counted)
  sysmon('C:\\Windows\\System32\\cmd.exe', 'cmd /c dir'), // 3: cmd
  sysmon('C:\\Windows\\notepad.exe', 'notepad'), // 4: nothing
];

function writeRules(dir: string, files: Record<string, string>): string {
  const folder = path.join(tmp, dir);
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

function writeEvents(name: string, lines: readonly string[]): string {
  const file = path.join(tmp, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const rulesDir = writeRules('rules', { 'cmd.yml': CMD, 'whoami.yml': WHOAMI, 'never.yml': NEVER });
const eventsFile = writeEvents('events.jsonl', EVENTS);
const settings = { logsourceMap: defaultLogsourceMap().map };

/** Record with `rules`/`events`, keeping the differing events against `old` (as regress does), then compare. */
async function regress(old: Baseline, rules: string, events: string): Promise<{ fresh: Baseline; cmp: Comparison; kept: number }> {
  const kept = new Map<string, EventSnapshot>();
  const observer = (keys: readonly string[]) => {
    const differs = differingEventFilter(old, keys);
    return (e: { source: string; index: number; hash: string; event: Record<string, unknown>; matched: readonly string[] }) => {
      if (differs(e)) kept.set(eventKey(e.source, e.index), { hash: e.hash, event: e.event });
    };
  };
  const fresh = (await recordBaseline({ rules: [rules], events: [events], settings, observer })).baseline!;
  return { fresh, cmp: compareBaselines(old, fresh, (s, i) => kept.get(eventKey(s, i))), kept: kept.size };
}

async function record(rules = rulesDir, events = eventsFile): Promise<Baseline> {
  const result = await recordBaseline({ rules: [rules], events: [events], settings });
  return result.baseline!;
}

describe('recordBaseline', () => {
  it('records the matches of every rule, rules without a match included', async () => {
    const b = await record();
    expect(b.version).toBe(1);
    expect(b.eventCounts).toEqual({ [eventsFile]: 4 });
    const hits = (id: string): number[] => b.matches[id]!.events.map((e) => e.index);
    expect(hits('11111111-1111-4111-8111-111111111111')).toEqual([0, 3]);
    expect(hits('22222222-2222-4222-8222-222222222222')).toEqual([0, 1]);
    expect(hits('33333333-3333-4333-8333-333333333333')).toEqual([]);
    expect(b.matches['11111111-1111-4111-8111-111111111111']!.fields).toEqual(['Image', 'NewProcessName', 'Channel', 'EventID']);
    expect(b.matches['11111111-1111-4111-8111-111111111111']!.events[0]!.hash).toMatch(/^[0-9a-f]{12}$/);
  });

  it('keys a second rule with the same id as id#2', async () => {
    const dup = writeRules('rules-dup', { 'a.yml': CMD, 'b.yml': CMD.replace("title: cmd", 'title: cmd again') });
    const b = await record(dup);
    expect(Object.entries(b.matches).map(([k, r]) => [k, r.title])).toEqual([
      ['11111111-1111-4111-8111-111111111111', 'cmd'],
      ['11111111-1111-4111-8111-111111111111#2', 'cmd again'],
    ]);
  });

  it('hashes the event with its keys sorted recursively', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(eventHash({ a: 1, b: 2 })).toBe(eventHash({ b: 2, a: 1 }));
  });

  it('is deterministic: same input, same bytes; parse(serialize(b)) round-trips', async () => {
    const a = serializeBaseline(await record());
    const b = serializeBaseline(await record());
    expect(a).toBe(b);
    const parsed = parseBaseline(a, 'x.json');
    expect(parsed.ok && serializeBaseline(parsed.baseline)).toBe(a);
  });
});

describe('compareBaselines', () => {
  it('an identical re-run gives no difference and keeps no event', async () => {
    const old = await record();
    const { cmp, kept } = await regress(old, rulesDir, eventsFile);
    expect(cmp.differences).toBe(false);
    expect(cmp.compared).toBe(3);
    expect(kept).toBe(0);
  });

  it('one edited value: exactly the events that change, with the fields the rule reads', async () => {
    const old = await record();
    const edited = writeRules('rules-edited', { 'cmd.yml': CMD.replace('\\cmd.exe', '\\powershell.exe'), 'whoami.yml': WHOAMI, 'never.yml': NEVER });
    const { cmp } = await regress(old, edited, eventsFile);
    expect(cmp.rules).toHaveLength(1);
    const diff = cmp.rules[0]!;
    expect(diff.id).toBe('11111111-1111-4111-8111-111111111111');
    expect(diff.path).toBe(path.join(edited, 'cmd.yml'));
    expect(diff.added.map((e) => e.index)).toEqual([1]);
    expect(diff.removed.map((e) => e.index)).toEqual([0, 3]);
    expect(diff.changedHash).toEqual([]);
    expect(diff.added[0]!.fields).toEqual({ Image: 'C:\\Windows\\powershell.exe', Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1 });
    expect(diff.removed[1]!.fields).toMatchObject({ Image: 'C:\\Windows\\System32\\cmd.exe' });
    expect(cmp.rulesAdded).toEqual([]);
    expect(cmp.rulesRemoved).toEqual([]);
    expect(cmp.sources).toEqual([]);
  });

  it('a changed event is an event change, not a rule change', async () => {
    const file = writeEvents('events-mutable.jsonl', EVENTS);
    const before = await record(rulesDir, file);
    const changed = [...EVENTS];
    changed[3] = sysmon('C:\\Windows\\System32\\cmd.exe', 'cmd /c whoami /priv'); // still cmd; now whoami too
    writeEvents('events-mutable.jsonl', changed);
    const { cmp } = await regress(before, rulesDir, file);
    const byId = new Map(cmp.rules.map((r) => [r.id, r]));
    const cmd = byId.get('11111111-1111-4111-8111-111111111111')!;
    expect(cmd.added).toEqual([]);
    expect(cmd.removed).toEqual([]);
    expect(cmd.changedHash.map((e) => [e.index, e.status])).toEqual([[3, 'still matched']]);
    const whoami = byId.get('22222222-2222-4222-8222-222222222222')!;
    expect(whoami.added).toEqual([]);
    expect(whoami.changedHash.map((e) => [e.index, e.status])).toEqual([[3, 'newly matched']]);
    expect(whoami.changedHash[0]!.fields).toMatchObject({ CommandLine: 'cmd /c whoami /priv' });
    expect(cmp.sources).toHaveLength(1);
    expect(cmp.sources[0]!.digestChanged).toBe(true);
  });

  it('rules added to and removed from the set are listed, not their events', async () => {
    const old = await record();
    const other = writeRules('rules-other', { 'cmd.yml': CMD, 'whoami.yml': WHOAMI.replace('2222-4222-8222-2222', '4444-4444-8444-4444') });
    const { cmp } = await regress(old, other, eventsFile);
    expect(cmp.rules).toEqual([]);
    expect(cmp.rulesRemoved.map((r) => [r.title, r.matches])).toEqual([['never', 0], ['whoami', 2]]);
    expect(cmp.rulesAdded.map((r) => [r.title, r.matches])).toEqual([['whoami', 2]]);
  });
});

describe('parseBaseline', () => {
  it('locates JSON syntax errors and names the file', () => {
    const r = parseBaseline('{\n  "version": 1,\n  "tool": }', 'b.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^b\.json:3:11: not a valid baseline file \(not valid JSON/);
  });

  it('names the offending member of a structurally wrong file', async () => {
    const good = JSON.parse(serializeBaseline(await record())) as { matches: Record<string, { events: { index: number }[] }> };
    good.matches['11111111-1111-4111-8111-111111111111']!.events[1]!.index = -1;
    const r = parseBaseline(JSON.stringify(good), 'b.json');
    expect(!r.ok && r.message).toBe('b.json: not a valid baseline file ($.matches.11111111-1111-4111-8111-111111111111.events[1].index must be a non-negative integer)');
    expect(!r.ok && parseBaseline('{"version": 2}', 'b.json').ok === false).toBe(true);
    expect(parseBaseline('[]', 'b.json')).toEqual({ ok: false, message: 'b.json: not a valid baseline file (expected a JSON object)' });
  });
});

describe('baseline and regress commands', () => {
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  it('baseline writes the file; regress: 0 unchanged, 1 with the per-rule report, --update rewrites', async () => {
    const file = path.join(tmp, 'cli-baseline.json');
    expect(await runBaseline({ rules: [rulesDir], events: [eventsFile], out: file })).toBe(0);
    expect(err).toMatch(/baseline: 3 rules \(0 failed to load\), 4 events \(1 malformed skipped\), 4 matches by 2 rules/);
    const bytes = readFileSync(file, 'utf8');
    expect(await runBaseline({ rules: [rulesDir], events: [eventsFile], out: file })).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(bytes);
    expect(await runRegress({ baseline: file })).toBe(0);
    expect(out).toBe('');
    const edited = writeRules('rules-cli', { 'cmd.yml': CMD.replace('\\cmd.exe', '\\powershell.exe'), 'whoami.yml': WHOAMI, 'never.yml': NEVER });
    out = '';
    expect(await runRegress({ baseline: file, rules: [edited] })).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(`${path.join(edited, 'cmd.yml')} (11111111-1111-4111-8111-111111111111): +1 newly matched, -2 no longer matched`);
    expect(lines[1]).toBe(`  + ${eventsFile}#1  Image=C:\\Windows\\powershell.exe, Channel=Microsoft-Windows-Sysmon/Operational, EventID=1`);
    expect(lines.slice(2).map((l) => l.slice(0, 4) + l.split('#')[1]!.split(' ')[0])).toEqual(['  - 0', '  - 3']);
    out = '';
    expect(await runRegress({ baseline: file, rules: [edited], format: 'json' })).toBe(1);
    const json = JSON.parse(out) as Comparison;
    expect(json.rules[0]!.added).toHaveLength(1);
    expect(await runRegress({ baseline: file, rules: [edited], update: true })).toBe(0);
    expect(await runRegress({ baseline: file })).toBe(0);
  });

  it('regress: a missing or corrupt baseline file is exit 2 with a message naming the file', async () => {
    const missing = path.join(tmp, 'nope.json');
    expect(await runRegress({ baseline: missing })).toBe(2);
    expect(err).toContain(`${missing}: cannot read the baseline file (no such file)`);
    const corrupt = path.join(tmp, 'corrupt.json');
    writeFileSync(corrupt, '{"version": 1, "tool": "x", "rules": [');
    err = '';
    expect(await runRegress({ baseline: corrupt })).toBe(2);
    expect(err).toMatch(new RegExp(`${corrupt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: not a valid baseline file`));
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('baseline: an unreadable rules path or events file is exit 2 and nothing is written', async () => {
    const file = path.join(tmp, 'never-written.json');
    expect(await runBaseline({ rules: [path.join(tmp, 'no-rules')], events: [eventsFile], out: file })).toBe(2);
    expect(await runBaseline({ rules: [rulesDir], events: [path.join(tmp, 'no-events.jsonl')], out: file })).toBe(2);
    expect(() => readFileSync(file)).toThrow();
  });
});
