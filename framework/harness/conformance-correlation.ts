/**
 * Correlation conformance cases (cases/_conformance/16-correlations.yml, format in that folder's README.md):
 * detection rules and correlations as YAML texts, a timestamped event sequence, and the expected alerts of one
 * correlation (or that the documents must be rejected). `runCorrelationCase` loads the texts as a ruleset
 * without log-source gating (each text is its own virtual file, so rules without an id stay distinct), decides
 * every event with the compiled matcher and the reference evaluator, and correlates the sequence with BOTH the
 * streaming CorrelationEngine and the brute-force referenceCorrelate (evaluate-sequence.ts). Parsing errors are
 * thrown with the file and case (test input, not user input).
 */
import { parse } from 'yaml';
import { suppressedRuleIds, type CorrelationAlert, type IrCorrelation } from '../correlation/index.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Event } from '../engine/event.js';
import { adaptEvent } from '../events/adapt.js';
import { loadRuleText } from '../loader/index.js';
import type { LoadResult } from '../loader/types.js';
import { prepareRuleset, type Ruleset } from '../ruleset/build-ruleset.js';
import { correlationScope, isoTime, runSequence, type SequenceRun } from './evaluate-sequence.js';

export interface ExpectedAlerts {
  readonly alerts: number;
  /** Group-by values (string forms) of each alert, in order. */
  readonly groups?: readonly Readonly<Record<string, string>>[];
  /** Alert times (ISO 8601 UTC, e.g. `2024-05-01T10:05:00.000Z`), in order. */
  readonly times?: readonly string[];
  /** Names (else ids) of the rules and inner correlations whose stand-alone alerts are suppressed (`generate`), sorted. */
  readonly suppressed?: readonly string[];
}

export interface CorrelationCase {
  readonly id: string;
  readonly title: string;
  readonly ref?: string;
  readonly note?: string;
  /** One YAML document per text: detection rules and correlations. */
  readonly rules: readonly string[];
  /** The correlation whose alerts are checked (id or name); default: the last correlation of `rules`. */
  readonly correlation?: string;
  readonly timestampField?: string;
  readonly events: readonly unknown[];
  /** `error`: loading must fail (optionally with this diagnostic code). */
  readonly expect: ExpectedAlerts | { readonly error: true; readonly code?: string };
}

export type CorrelationOutcome =
  | { readonly kind: 'rejected'; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly kind: 'alerts';
      readonly diagnostics: readonly Diagnostic[];
      readonly target: IrCorrelation;
      readonly run: SequenceRun;
      /** Names (else ids) of the rules whose own alerts are suppressed, sorted. */
      readonly suppressed: readonly string[];
    };

type Raw = Record<string, unknown>;

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`);
}

function stringMap(value: unknown, where: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'a group must be a map');
  return Object.fromEntries(Object.entries(value as Raw).map(([k, v]) => [k, String(v)]));
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) fail(where, 'must be a list');
  return value.map(String);
}

function expectationOf(raw: Raw, where: string): CorrelationCase['expect'] {
  const e = raw['expect'];
  if (e === 'error') return raw['error_code'] !== undefined ? { error: true, code: String(raw['error_code']) } : { error: true };
  if (typeof e !== 'object' || e === null || typeof (e as Raw)['alerts'] !== 'number') fail(where, 'expect must be {alerts: N, …} or error');
  const x = e as Raw;
  const rawGroups = x['groups'];
  if (rawGroups !== undefined && !Array.isArray(rawGroups)) fail(where, 'groups must be a list');
  const groups = rawGroups?.map((g: unknown, i: number) => stringMap(g, `${where} groups[${i}]`));
  return {
    alerts: x['alerts'] as number,
    ...(groups !== undefined ? { groups } : {}),
    ...(x['times'] !== undefined ? { times: stringList(x['times'], `${where} times`) } : {}),
    ...(x['suppressed'] !== undefined ? { suppressed: stringList(x['suppressed'], `${where} suppressed`) } : {}),
  };
}

function toCase(raw: Raw, where: string): CorrelationCase {
  if (typeof raw['id'] !== 'string') fail(where, 'id must be a string');
  const rules = raw['rules'];
  if (!Array.isArray(rules) || rules.length === 0 || rules.some((r) => typeof r !== 'string')) fail(where, 'rules must be a list of YAML texts');
  const events = raw['events'] ?? [];
  if (!Array.isArray(events)) fail(where, 'events must be a list');
  const expect = expectationOf(raw, where);
  if (!('error' in expect) && events.length === 0) fail(where, 'a case that expects alerts needs events');
  return {
    id: raw['id'],
    title: String(raw['title'] ?? raw['id']),
    ...(raw['ref'] !== undefined ? { ref: String(raw['ref']) } : {}),
    ...(raw['note'] !== undefined ? { note: String(raw['note']) } : {}),
    rules: rules as string[],
    ...(raw['correlation'] !== undefined ? { correlation: String(raw['correlation']) } : {}),
    ...(raw['timestamp_field'] !== undefined ? { timestampField: String(raw['timestamp_field']) } : {}),
    events,
    expect,
  };
}

/** `{cases: [...]}` → cases; throws on a malformed file or a duplicate id. */
export function parseCorrelationConformance(text: string, file: string): CorrelationCase[] {
  const doc = parse(text) as { cases?: Raw[] } | null;
  if (!doc || !Array.isArray(doc.cases)) throw new Error(`${file}: expected a top-level 'cases' list`);
  const cases = doc.cases.map((raw, i) => toCase(raw, `${file} case #${i + 1}${typeof raw['id'] === 'string' ? ` (${raw['id']})` : ''}`));
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`${file}: duplicate case id ${c.id}`);
    seen.add(c.id);
  }
  return cases;
}

/** Each text is loaded as `conformance/<id>/<n>.yml`. */
export function loadCaseRules(c: CorrelationCase): Ruleset {
  const loads = c.rules.map((text, i) => loadRuleText(text, `conformance/${c.id}/${i + 1}.yml`));
  const load: LoadResult = {
    documents: loads.flatMap((l) => l.documents),
    diagnostics: loads.flatMap((l) => l.diagnostics),
    files: loads.length,
  };
  return prepareRuleset(load, { logsourceMap: null });
}

function findTarget(ruleset: Ruleset, c: CorrelationCase): IrCorrelation | undefined {
  if (c.correlation === undefined) {
    const last = [...ruleset.documents].reverse().find((d) => d.kind === 'correlation');
    return last && ruleset.correlations.find((x) => x.path === last.file && x.span.line === last.span.line);
  }
  return ruleset.correlations.find((x) => x.id === c.correlation) ?? ruleset.correlations.find((x) => x.name === c.correlation);
}

export function runCorrelationCase(c: CorrelationCase): CorrelationOutcome {
  const ruleset = loadCaseRules(c);
  const diagnostics = ruleset.diagnostics;
  if (diagnostics.some((d) => d.severity === 'error')) return { kind: 'rejected', diagnostics };
  const target = findTarget(ruleset, c);
  if (!target) throw new Error(`conformance case ${c.id}: no correlation ${c.correlation ?? '(the last document)'} among the loaded documents`);
  const scope = correlationScope(target, ruleset.correlations, ruleset.rules);
  const events: Event[] = c.events.map((e) => adaptEvent(e) ?? {});
  const run = runSequence(scope, events, { source: `conformance/${c.id}`, ...(c.timestampField !== undefined ? { timestampField: c.timestampField } : {}) });
  const names = new Map([...ruleset.rules.map((r) => [r.ir.id, r.source.name ?? r.ir.id] as const), ...ruleset.correlations.map((x) => [x.id, x.name ?? x.id] as const)]);
  const suppressed = [...suppressedRuleIds(ruleset.correlations)].map((id) => names.get(id) ?? id).sort();
  return { kind: 'alerts', diagnostics, target, run, suppressed };
}

/** The alerts as the case file writes them: groups and ISO times. */
export function alertView(alerts: readonly CorrelationAlert[]): { groups: Record<string, string>[]; times: string[] } {
  return { groups: alerts.map((a) => ({ ...a.group })), times: alerts.map((a) => isoTime(a.time)) };
}
