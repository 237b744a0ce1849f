import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLogsourceMap } from '../logsource/index.js';
import { loadRuleFiles } from '../loader/index.js';
import { PORTMAP_RULE_YAML } from '../test-support/portmap-rule.js';
import { prepareRuleset, type Ruleset, type RulesetOptions } from './build-ruleset.js';
import { cachedRuleset, cacheFolderFromEnv, isPlainData } from './ruleset-cache.js';

const EXPAND_RULE = `title: Expand
id: 5f0f5e67-0000-4000-8000-000000000001
logsource: {category: process_creation, product: windows}
detection:
  selection:
    CommandLine|expand: '%tool%'
  condition: selection
`;
const BROKEN_RULE = 'title: Broken\ndetection:\n  selection: [\n';
const PORTMAP_EVENT = { EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', Initiated: 'true', DestinationHostname: 'x.portmap.io' };

const temporary: string[] = [];
afterEach(() => {
  for (const folder of temporary.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function setup(): { rules: string; cache: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-cache-'));
  temporary.push(root);
  const rules = path.join(root, 'rules');
  mkdirSync(rules);
  writeFileSync(path.join(rules, 'portmap.yml'), PORTMAP_RULE_YAML);
  writeFileSync(path.join(rules, 'expand.yml'), EXPAND_RULE);
  writeFileSync(path.join(rules, 'broken.yml'), BROKEN_RULE);
  return { rules, cache: path.join(root, 'cache') };
}

const OPTIONS: RulesetOptions = { logsourceMap: defaultLogsourceMap().map, placeholders: { tool: ['a.exe'] } };

async function build(cache: string, rules: string, options: RulesetOptions = OPTIONS) {
  return cachedRuleset(cache, [rules], options, (load) => prepareRuleset(load, options));
}

/** Everything but the compiled closures. */
function plain(ruleset: Ruleset): unknown {
  return JSON.parse(JSON.stringify({ ...ruleset, rules: ruleset.rules.map((r) => ({ source: r.source, ir: r.ir })) }));
}

describe('cachedRuleset', () => {
  it('stores a rule set, then reads back the same rule set, compiled rules included', async () => {
    const { rules, cache } = setup();
    const fresh = prepareRuleset(await loadRuleFiles([rules]), OPTIONS);
    const first = await build(cache, rules);
    const second = await build(cache, rules);
    expect([first.status, second.status]).toEqual(['miss', 'hit']);
    expect(plain(first.ruleset)).toEqual(plain(fresh));
    expect(plain(second.ruleset)).toEqual(plain(fresh));
    expect(second.ruleset.diagnostics.some((d) => d.code === 'YAML_SYNTAX')).toBe(true);
    const portmap = second.ruleset.rules.find((r) => r.ir.title === 'Portmap');
    expect(portmap?.compiled.matches(PORTMAP_EVENT)).toBe(true);
    expect(portmap?.compiled.matches({ ...PORTMAP_EVENT, DestinationHostname: 'portmap.io' })).toBe(false);
    // Shared objects stay shared: a rule's source is one of the documents.
    expect(second.ruleset.documents.includes(portmap?.source as never)).toBe(true);
  });

  it('makes a new entry when a rule file, the options or the paths change', async () => {
    const { rules, cache } = setup();
    await build(cache, rules);
    writeFileSync(path.join(rules, 'portmap.yml'), PORTMAP_RULE_YAML.replace('.portmap.io', '.example.org'));
    const edited = await build(cache, rules);
    expect(edited.status).toBe('miss');
    expect(edited.ruleset.rules.find((r) => r.ir.title === 'Portmap')?.compiled.matches(PORTMAP_EVENT)).toBe(false);
    expect((await build(cache, rules)).status).toBe('hit');
    expect((await build(cache, rules, { ...OPTIONS, placeholders: { tool: ['b.exe'] } })).status).toBe('miss');
    expect((await build(cache, rules, { ...OPTIONS, logsourceMap: null })).status).toBe('miss');
    expect((await build(cache, `${rules}/`)).status).toBe('miss');
  });

  it('ignores and replaces a corrupt entry', async () => {
    const { rules, cache } = setup();
    const first = await build(cache, rules);
    for (const name of readdirSync(cache)) writeFileSync(path.join(cache, name), 'not a cache entry');
    const again = await build(cache, rules);
    expect(again.status).toBe('miss');
    expect(plain(again.ruleset)).toEqual(plain(first.ruleset));
    expect((await build(cache, rules)).status).toBe('hit');
  });

  it('does not store when the options hold something that is not plain data', async () => {
    const { rules, cache } = setup();
    const options = { ...OPTIONS, extra: () => 1 } as RulesetOptions;
    expect((await build(cache, rules, options)).status).toBe('not-stored');
    expect((await build(cache, rules, options)).status).toBe('not-stored');
  });
});

describe('cacheFolderFromEnv', () => {
  it('is off unless SIGMATEST_CACHE asks for it', () => {
    expect(cacheFolderFromEnv({})).toBeNull();
    expect(cacheFolderFromEnv({ SIGMATEST_CACHE: '' })).toBeNull();
    expect(cacheFolderFromEnv({ SIGMATEST_CACHE: '0' })).toBeNull();
    expect(cacheFolderFromEnv({ SIGMATEST_CACHE: 'off' })).toBeNull();
    expect(cacheFolderFromEnv({ SIGMATEST_CACHE: '1' })).toBe(path.join('node_modules', '.cache', 'sigmatest'));
    expect(cacheFolderFromEnv({ SIGMATEST_CACHE: '/tmp/x' })).toBe('/tmp/x');
  });
});

describe('isPlainData', () => {
  it('accepts JSON-like data with shared objects and rejects functions, class instances and cycles', () => {
    const shared = { line: 1 };
    expect(isPlainData({ a: [1, 'x', null, true, shared], b: shared, c: Infinity })).toBe(true);
    expect(isPlainData({ f: () => 1 })).toBe(false);
    expect(isPlainData({ m: new Map() })).toBe(false);
    expect(isPlainData([Symbol('s')])).toBe(false);
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(isPlainData(cycle)).toBe(false);
  });
});
