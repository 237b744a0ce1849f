import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attackOfTags, knownTechniques, replacementOf, TACTICS, techniqueLabel, techniqueName } from './attack-names.js';
import { eventCoverage } from './event-coverage.js';
import { eventName } from './event-names.js';
import { prepare } from './test-support/fixtures.js';

const SHARED = path.resolve('../shared/sigma');
const CORPUS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-placeholder', 'rules-compliance'];

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : Promise.resolve(/\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []))));
  return nested.flat();
}

describe('ATT&CK table from tags', () => {
  it('reads tactics and techniques with their names, ignores groups and software, keeps unknown ids bare', () => {
    const { tactics, techniques } = attackOfTags(['attack.execution', 'attack.t1059.001', 'attack.g0016', 'attack.s0002', 'attack.defense-impairment', 'attack.t1685', 'attack.t9999', 'attack.t1059.001']);
    expect(tactics).toEqual([
      { tag: 'attack.execution', id: 'TA0002', name: 'Execution' },
      { tag: 'attack.defense-impairment', id: 'TA0112', name: 'Defense Impairment' },
    ]);
    expect(techniques).toEqual([
      { tag: 'attack.t1059.001', id: 'T1059.001', name: 'PowerShell', parentName: 'Command and Scripting Interpreter' },
      { tag: 'attack.t1685', id: 'T1685', name: 'Disable or Modify Tools' },
      { tag: 'attack.t9999', id: 'T9999' },
    ]);
    expect(techniques.map(techniqueLabel)).toEqual(['Command and Scripting Interpreter: PowerShell', 'Disable or Modify Tools', 'T9999']);
  });

  it('knows the v19 tactics and the ids revoked by v19 that older rules carry', () => {
    expect(TACTICS.find((t) => t.tag === 'stealth')).toMatchObject({ id: 'TA0005', name: 'Stealth' });
    expect(TACTICS.find((t) => t.tag === 'defense-evasion')?.id).toBe('TA0005');
    expect(techniqueName('t1562.001')?.name).toBe('Disable or Modify Tools');
    expect(replacementOf('T1562.001')).toBe('T1685');
  });

  it('names every technique and tactic tag of the SigmaHQ corpus', async (ctx) => {
    if (!existsSync(SHARED)) {
      console.warn(`SKIPPED: the SigmaHQ corpus is not at ${SHARED}`);
      ctx.skip();
      return;
    }
    const files = (await Promise.all(CORPUS.map((d) => yamlFiles(path.join(SHARED, d))))).flat();
    const tags = new Set<string>();
    for (const f of files) for (const m of (await readFile(f, 'utf8')).matchAll(/^\s*-\s*(attack\.[a-z0-9._-]+)\s*$/gim)) tags.add(m[1]!.toLowerCase());
    const techniques = [...tags].filter((t) => /^attack\.t\d{4}/.test(t)).map((t) => t.slice(7).toUpperCase());
    expect(techniques.length).toBeGreaterThan(300);
    expect(techniques.filter((id) => techniqueName(id) === undefined)).toEqual([]);
    const tacticTags = [...tags].filter((t) => !/^attack\.(t|g|s|ds)\d{4}/.test(t)).map((t) => t.slice(7));
    expect(tacticTags.filter((t) => !TACTICS.some((x) => x.tag === t))).toEqual([]);
    expect(knownTechniques().length).toBeGreaterThanOrEqual(techniques.length);
  });
});

describe('event coverage', () => {
  it('names the Sysmon event of a category and the EventIDs a service rule selects', () => {
    const net = prepare(`title: t\nlogsource: {product: windows, category: network_connection}\ndetection:\n  sel: {Initiated: 'true'}\n  condition: sel\n`);
    expect(eventCoverage(net.ir)).toEqual([
      expect.objectContaining({ channels: ['Microsoft-Windows-Sysmon/Operational'], eventIds: [{ id: 3, name: 'Network connection', from: 'log source' }] }),
    ]);
    const sec = prepare(`title: t\nlogsource: {product: windows, service: security}\ndetection:\n  sel: {EventID: [4624, 4625]}\n  condition: sel\n`);
    expect(eventCoverage(sec.ir)[0]?.eventIds).toEqual([
      { id: 4624, name: 'An account was successfully logged on', from: 'detection' },
      { id: 4625, name: 'An account failed to log on', from: 'detection' },
    ]);
    const proc = prepare(`title: t\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel: {Image|endswith: x.exe}\n  condition: sel\n`);
    expect(eventCoverage(proc.ir).map((e) => e.eventIds[0]?.name)).toEqual(['Process creation', 'A new process has been created']);
    expect(eventName('Application', 1000)).toBeUndefined();
  });
});
