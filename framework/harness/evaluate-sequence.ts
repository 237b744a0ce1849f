/**
 * One sequence case on one correlation rule → CaseResult (semantics §11; window model §11.4).
 * 1. Scope: the correlation, the correlations it references (transitively, through chains) and the detection
 *    rules they reference.
 * 2. Every event is decided by each detection rule of the scope with the compiled matcher AND the reference
 *    evaluator; a disagreement makes the case an error.
 * 3. The events, sorted by timestamp (stable: ties keep the case's order; a batch is ordered by time), are fed to
 *    the streaming CorrelationEngine (then flushed) and to the brute-force referenceCorrelate. Both must raise the
 *    same alerts (content and order): a disagreement is a case error. An event that matched a referenced rule but
 *    has no readable timestamp is an error too (the engine would silently drop it).
 * 4. The alerts of the case's correlation (inner correlations of a chain are not counted), in the order the engine
 *    raises them (time order), are compared with `expect: {alerts, groups}`.
 * Pure apart from the evaluators: no I/O, no clock.
 */
import { CorrelationEngine, eventTime, referenceCorrelate, type CorrelationAlert, type IrCorrelation } from '../correlation/index.js';
import type { Event } from '../engine/event.js';
import { EventView } from '../engine/event-view.js';
import { referenceDecide } from '../engine/reference.js';
import { describeAlert, describeExpectation } from '../report/format.js';
import type { AlertSummary, AlertsExpectation, CaseOrigin, CaseResult, EventOutcome, SequenceOutcome } from '../report/model.js';
import type { PreparedRule } from '../ruleset/build-ruleset.js';
import type { SourceSpan } from '../source.js';

export interface SequenceCase {
  readonly name: string;
  readonly origin: CaseOrigin;
  readonly span: SourceSpan;
  readonly expect: AlertsExpectation;
  readonly events: readonly Event[];
  readonly tags: readonly string[];
  readonly note?: string;
  /** The event field holding the timestamp; absent = the correlation engine's default fields. */
  readonly timestampField?: string;
}

/** What one correlation needs to run: itself and its inner correlations (inner first), and the detection rules. */
export interface CorrelationScope {
  readonly target: IrCorrelation;
  readonly correlations: readonly IrCorrelation[];
  readonly rules: readonly PreparedRule[];
  /** Resolved references that are neither a loaded correlation nor a loaded rule. */
  readonly missing: readonly string[];
}

export function correlationScope(target: IrCorrelation, correlations: readonly IrCorrelation[], rules: readonly PreparedRule[]): CorrelationScope {
  const byId = new Map(correlations.map((c) => [c.id, c]));
  const ruleById = new Map(rules.map((r) => [r.ir.id, r]));
  const seen = new Set<string>();
  const scopeCorrelations: IrCorrelation[] = [];
  const scopeRules = new Map<string, PreparedRule>();
  const missing = new Set<string>();
  const visit = (c: IrCorrelation): void => {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    for (const ref of c.resolved) {
      const inner = byId.get(ref);
      const rule = ruleById.get(ref);
      if (inner) visit(inner);
      else if (rule) scopeRules.set(ref, rule);
      else missing.add(ref);
    }
    scopeCorrelations.push(c);
  };
  visit(target);
  return { target, correlations: scopeCorrelations, rules: [...scopeRules.values()], missing: [...missing] };
}

/** The raw outcome of correlating one event sequence. */
export interface SequenceRun {
  /** Per event: ms since the epoch, or null. */
  readonly times: readonly (number | null)[];
  /** Per event: ids of the scope's detection rules the compiled matcher matched. */
  readonly matched: readonly (readonly string[])[];
  /** Per event: the same by the reference evaluator. */
  readonly referenceMatched: readonly (readonly string[])[];
  /** Indexes of events on which the compiled matcher and the reference evaluator disagree for some rule. */
  readonly detectionDisagreements: readonly number[];
  /** Alerts of the target correlation: streaming engine and brute-force reference. */
  readonly engine: readonly CorrelationAlert[];
  readonly reference: readonly CorrelationAlert[];
}

export interface SequenceOptions {
  /** The `source` of every origin ([source, event index]). */
  readonly source: string;
  readonly timestampField?: string;
}

export function runSequence(scope: CorrelationScope, events: readonly Event[], options: SequenceOptions): SequenceRun {
  const matched: string[][] = [];
  const referenceMatched: string[][] = [];
  const detectionDisagreements: number[] = [];
  events.forEach((event, i) => {
    const view = new EventView(event);
    const ids = scope.rules.filter((r) => r.compiled.test(view)).map((r) => r.ir.id);
    const referenceIds = scope.rules.filter((r) => referenceDecide(r.ir, event)).map((r) => r.ir.id);
    matched.push(ids);
    referenceMatched.push(referenceIds);
    if (ids.join('\u0000') !== referenceIds.join('\u0000')) detectionDisagreements.push(i);
  });
  const times = events.map((e) => eventTime(e, options.timestampField));
  const order = events.map((_, i) => i).sort((a, b) => (times[a] ?? -Infinity) - (times[b] ?? -Infinity) || a - b);
  const inputs = order.map((i) => ({ event: events[i] as Event, origin: [options.source, i] as const, matchedRuleIds: matched[i] ?? [] }));
  const correlationOptions = options.timestampField !== undefined ? { timestampField: options.timestampField } : {};
  const engine = new CorrelationEngine(scope.correlations, correlationOptions);
  const engineAlerts: CorrelationAlert[] = [];
  for (const input of inputs) engineAlerts.push(...engine.push(input.event, input.origin, input.matchedRuleIds));
  engineAlerts.push(...engine.flush());
  const referenceAlerts = referenceCorrelate(scope.correlations, inputs, correlationOptions);
  const ofTarget = (a: CorrelationAlert): boolean => a.correlationId === scope.target.id;
  return { times, matched, referenceMatched, detectionDisagreements, engine: engineAlerts.filter(ofTarget), reference: referenceAlerts.filter(ofTarget) };
}

export function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

export function alertSummary(a: CorrelationAlert): AlertSummary {
  return { group: a.group, time: isoTime(a.time), events: a.events.map((o) => o[1]) };
}

/** Canonical JSON of alerts, for comparing the engine's with the reference's (content and order). */
export function sameAlerts(a: readonly CorrelationAlert[], b: readonly CorrelationAlert[]): boolean {
  const canon = (list: readonly CorrelationAlert[]): string =>
    JSON.stringify(list.map((x) => [x.correlationId, Object.entries(x.group).sort(), x.time, x.events]));
  return canon(a) === canon(b);
}

function sameGroup(expected: Readonly<Record<string, string>>, actual: Readonly<Record<string, string>>): boolean {
  const e = Object.keys(expected);
  return e.length === Object.keys(actual).length && e.every((k) => actual[k] === expected[k]);
}

/** Why the alerts do not meet the expectation; undefined when they do. */
export function alertMismatch(expect: AlertsExpectation, alerts: readonly AlertSummary[]): string | undefined {
  const countOk = alerts.length === expect.alerts;
  const groupsOk = expect.groups === undefined || (countOk && expect.groups.every((g, i) => sameGroup(g, alerts[i]?.group ?? {})));
  if (countOk && groupsOk) return undefined;
  const got = alerts.length === 0 ? '0 alerts' : `${alerts.length} alert${alerts.length === 1 ? '' : 's'}: ${alerts.map(describeAlert).join('; ')}`;
  return `expected ${describeExpectation(expect)}, got ${got}`;
}

function ruleLabel(rule: PreparedRule | undefined, id: string): string {
  return rule?.source.name ?? rule?.ir.title ?? id;
}

function outcomesOf(scope: CorrelationScope, run: SequenceRun): EventOutcome[] {
  const byId = new Map(scope.rules.map((r) => [r.ir.id, r]));
  const disagreeing = new Set(run.detectionDisagreements);
  return run.matched.map((ids, index) => {
    const time = run.times[index];
    return {
      index,
      matched: ids.length > 0,
      ...(disagreeing.has(index) ? { referenceMatched: (run.referenceMatched[index] ?? []).length > 0 } : {}),
      rules: ids.map((id) => ruleLabel(byId.get(id), id)),
      ...(time !== null && time !== undefined ? { time: isoTime(time) } : {}),
    };
  });
}

/** Events that matched a referenced rule but carry no readable timestamp. */
function untimedRelevant(run: SequenceRun): number[] {
  return run.matched.flatMap((ids, i) => (ids.length > 0 && run.times[i] === null ? [i] : []));
}

function timestampWhere(field: string | undefined): string {
  return field !== undefined ? `in its field ${field} (timestamp_field)` : 'in the default timestamp fields (TimeCreated_SystemTime, UtcTime, @timestamp, timestamp, …; set timestamp_field)';
}

export function evaluateSequence(scope: CorrelationScope, c: SequenceCase): CaseResult {
  const target = scope.target;
  const sequenceBase: Omit<SequenceOutcome, 'alerts'> = {
    correlationType: target.type,
    window: target.window,
    timespan: target.timespan,
    ...(c.timestampField !== undefined ? { timestampField: c.timestampField } : {}),
  };
  const base = {
    ruleId: target.id,
    rulePath: target.path,
    ruleTitle: target.title,
    name: c.name,
    origin: c.origin,
    span: c.span,
    ruleSpan: target.span,
    expect: c.expect,
    tags: c.tags,
    events: c.events.length,
    ...(c.note !== undefined ? { note: c.note } : {}),
  };
  const error = (message: string, outcomes: EventOutcome[] = [], alerts: AlertSummary[] = []): CaseResult => ({
    ...base,
    status: 'error',
    matches: alerts.length,
    outcomes,
    message,
    sequence: { ...sequenceBase, alerts },
  });
  if (scope.missing.length > 0) return error(`cannot evaluate: the correlation references ${scope.missing.join(', ')}, which is not loaded`);
  if (c.events.length === 0) return error('cannot evaluate: the case has no events');
  const run = runSequence(scope, c.events, { source: c.span.file, ...(c.timestampField !== undefined ? { timestampField: c.timestampField } : {}) });
  const outcomes = outcomesOf(scope, run);
  const alerts = run.engine.map(alertSummary);
  if (run.detectionDisagreements.length > 0) {
    const which = run.detectionDisagreements.map((i) => `#${i}`).join(', ');
    return error(`engine disagreement: the compiled matcher and the reference evaluator decide event(s) ${which} differently for a referenced rule`, outcomes, alerts);
  }
  const untimed = untimedRelevant(run);
  if (untimed.length > 0) {
    return error(`cannot evaluate: event(s) ${untimed.map((i) => `#${i}`).join(', ')} matched a referenced rule but have no timestamp ${timestampWhere(c.timestampField)}`, outcomes, alerts);
  }
  if (!sameAlerts(run.engine, run.reference)) {
    const message = `correlator disagreement: the streaming engine raised ${run.engine.length} alert(s), the brute-force reference ${run.reference.length}, or different ones`;
    return { ...error(message, outcomes, alerts), sequence: { ...sequenceBase, alerts, referenceAlerts: run.reference.map(alertSummary) } };
  }
  const message = alertMismatch(c.expect, alerts);
  return {
    ...base,
    status: message === undefined ? 'pass' : 'fail',
    matches: alerts.length,
    outcomes,
    ...(message !== undefined ? { message } : {}),
    sequence: { ...sequenceBase, alerts },
  };
}
