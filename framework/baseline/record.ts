/**
 * recordBaseline: run every rule on every event (through the whole-ruleset matcher, the scan hot path) and record which
 * events each rule matches, as a Baseline (types.ts).
 *
 * Contract: never throws for bad input. Rule and event problems come back as Diagnostics (rule diagnostics of
 * every severity, then one per malformed or unreadable events record). `baseline` is null only when the rules
 * cannot be read at all (IO_ERROR / NO_RULE_FILES on a rules path). Events paths are de-duplicated (first
 * occurrence kept). `observer`, when given, is called once with the rule keys before the pass and returns a
 * callback that sees every event with its hash and the keys of the rules that matched it (for `regress`).
 * Memory: the match lists only; events are not retained unless the observer keeps them.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import type { Event } from '../engine/event.js';
import { compileRuleset, type RulesetMatcher } from '../engine/ruleset-matcher.js';
import { readEvents } from '../events/index.js';
import type { IrDetection, IrItem, IrRule } from '../ir/types.js';
import type { LogsourceMap } from '../logsource/index.js';
import { buildRuleset, type PreparedRule } from '../ruleset/build-ruleset.js';
import type { Placeholders } from '../ruleset/placeholders.js';
import { BASELINE_TOOL, BASELINE_VERSION, eventHash, type Baseline, type BaselineEventRef, type BaselineRule } from './types.js';

export interface RecordSettings {
  readonly logsourceMap: LogsourceMap | null;
  readonly placeholders?: Placeholders;
  /** The files as given on the command line, stored in the baseline. */
  readonly logsourceMapPath?: string;
  readonly placeholdersPath?: string;
}

export interface ObservedEvent {
  readonly source: string;
  readonly index: number;
  readonly hash: string;
  readonly event: Event;
  /** Keys of the rules that matched, in rule order. */
  readonly matched: readonly string[];
}

export interface RecordProgress {
  readonly events: number;
  readonly matches: number;
  readonly seconds: number;
}

export interface RecordOptions {
  readonly rules: readonly string[];
  readonly events: readonly string[];
  readonly settings: RecordSettings;
  readonly onProgress?: (progress: RecordProgress) => void;
  readonly observer?: (ruleKeys: readonly string[]) => (event: ObservedEvent) => void;
}

export interface RecordStats {
  readonly rules: number;
  readonly failedRules: number;
  events: number;
  malformed: number;
  unreadable: number;
  matches: number;
  seconds: number;
}

export interface RecordResult {
  readonly baseline: Baseline | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: RecordStats;
}

interface KeyedRule {
  readonly key: string;
  readonly rule: PreparedRule;
  readonly events: BaselineEventRef[];
}

/** Event field names a rule reads: detection items and field references after each variant's renames, then gates. */
export function ruleFields(ir: IrRule): string[] {
  const out = new Set<string>();
  const addItem = (item: IrItem, renames: Readonly<Record<string, string>>): void => {
    if (item.field !== null) out.add(renames[item.field] ?? item.field);
    for (const value of item.values) for (const m of value.alternatives) if (m.kind === 'fieldref') out.add(renames[m.field] ?? m.field);
  };
  const walk = (d: IrDetection, renames: Readonly<Record<string, string>>): void => {
    if (d.kind === 'item') addItem(d.item, renames);
    else d.children.forEach((c) => walk(c, renames));
  };
  for (const variant of ir.variants) for (const d of Object.values(ir.detections)) walk(d, variant.renames);
  for (const variant of ir.variants) for (const item of variant.gate) addItem(item, {});
  return [...out];
}

/** Rule keys: the id, `id#2`, `id#3`… for later rules with the same id (load order). */
function keyRules(rules: readonly PreparedRule[]): KeyedRule[] {
  const seen = new Map<string, number>();
  return rules.map((rule) => {
    const n = (seen.get(rule.ir.id) ?? 0) + 1;
    seen.set(rule.ir.id, n);
    return { key: n === 1 ? rule.ir.id : `${rule.ir.id}#${n}`, rule, events: [] };
  });
}

interface Pass {
  readonly rules: readonly KeyedRule[];
  readonly stats: RecordStats;
  readonly diagnostics: Diagnostic[];
  readonly started: number;
  readonly options: RecordOptions;
  readonly observe: ((event: ObservedEvent) => void) | undefined;
  /** The whole-ruleset matcher over `rules` (same order): decides exactly like each rule's compiled test. */
  readonly matcher: RulesetMatcher;
}

function matchEvent(pass: Pass, source: string, index: number, event: Event, digest: Hash): void {
  const hash = eventHash(event);
  digest.update(`${index}:${hash}\n`);
  const matched: string[] = [];
  for (const i of pass.matcher.match(event)) {
    const r = pass.rules[i]!;
    r.events.push({ source, index, hash });
    matched.push(r.key);
  }
  pass.stats.events++;
  pass.stats.matches += matched.length;
  pass.observe?.({ source, index, hash, event, matched });
  pass.options.onProgress?.({ events: pass.stats.events, matches: pass.stats.matches, seconds: (performance.now() - pass.started) / 1000 });
}

/** One events file; returns its event count and digest. */
async function recordFile(pass: Pass, source: string): Promise<{ count: number; digest: string }> {
  const digest = createHash('sha256');
  const before = pass.stats.events;
  for await (const record of readEvents(source)) {
    if (record.kind === 'event') {
      matchEvent(pass, source, record.index, record.event, digest);
      continue;
    }
    if (record.diagnostic.code === 'IO_ERROR') pass.stats.unreadable++;
    else pass.stats.malformed++;
    pass.diagnostics.push(record.diagnostic);
  }
  return { count: pass.stats.events - before, digest: digest.digest('hex') };
}

function ruleEntry(r: KeyedRule): BaselineRule {
  return { path: r.rule.ir.path, title: r.rule.ir.title, fields: ruleFields(r.rule.ir), events: r.events };
}

function assemble(options: RecordOptions, sources: readonly string[], rules: readonly KeyedRule[], perSource: Map<string, { count: number; digest: string }>): Baseline {
  const { logsourceMapPath, placeholdersPath } = options.settings;
  return {
    version: BASELINE_VERSION,
    tool: BASELINE_TOOL,
    rules: [...options.rules],
    events: [...sources],
    ...(logsourceMapPath !== undefined ? { logsourceMap: logsourceMapPath } : {}),
    ...(placeholdersPath !== undefined ? { placeholders: placeholdersPath } : {}),
    eventCounts: Object.fromEntries([...perSource].map(([s, v]) => [s, v.count])),
    eventDigests: Object.fromEntries([...perSource].map(([s, v]) => [s, v.digest])),
    matches: Object.fromEntries(rules.map((r) => [r.key, ruleEntry(r)])),
  };
}

export async function recordBaseline(options: RecordOptions): Promise<RecordResult> {
  const { settings } = options;
  const ruleset = await buildRuleset(options.rules, {
    logsourceMap: settings.logsourceMap,
    ...(settings.placeholders ? { placeholders: settings.placeholders } : {}),
    unresolvedPlaceholder: 'error',
  });
  const diagnostics: Diagnostic[] = [...ruleset.diagnostics];
  const stats: RecordStats = { rules: ruleset.rules.length, failedRules: ruleset.failedRules, events: 0, malformed: 0, unreadable: 0, matches: 0, seconds: 0 };
  if (ruleset.diagnostics.some((d) => d.code === 'IO_ERROR' || d.code === 'NO_RULE_FILES')) return { baseline: null, diagnostics, stats };
  const rules = keyRules(ruleset.rules);
  const observe = options.observer?.(rules.map((r) => r.key));
  const matcher = compileRuleset(rules.map((r) => r.rule.ir), { compiled: rules.map((r) => r.rule.compiled), plainEvents: true });
  const pass: Pass = { rules, stats, diagnostics, started: performance.now(), options, observe, matcher };
  const sources = [...new Set(options.events)];
  const perSource = new Map<string, { count: number; digest: string }>();
  for (const source of sources) perSource.set(source, await recordFile(pass, source));
  stats.seconds = (performance.now() - pass.started) / 1000;
  return { baseline: assemble(options, sources, rules, perSource), diagnostics, stats };
}
