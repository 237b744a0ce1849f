/**
 * Shared, format-neutral text for the reporters (junit, sarif, markdown, github). Pure functions of RunReport data.
 * Contract: paths are shown relative to process.cwd() with forward slashes when inside it, else as given;
 * `decidingOutcomes` are the events that made a case fail (wrong decision, or the evaluators disagreed);
 * `explanationLines` flattens an Explanation into depth-tagged lines (gate, condition, selections → items), each
 * with its `held` flag so every format chooses its own markers. Values are the rule's display strings as given.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { truncate } from '../engine/display.js';
import type { AlertSummary, CaseExpectation, CaseResult, EventOutcome, Explanation, ItemTrace, RuleSummary, RunReport } from './model.js';

/** Longest event value shown (characters). */
const MAX_ACTUAL = 200;
/** Values of one item shown before summarising the rest. */
const MAX_VALUES = 5;

export interface ExplainLine {
  readonly depth: number;
  /** Absent on header lines (variant, condition). */
  readonly held?: boolean;
  readonly text: string;
}

/** `p` relative to `cwd` with `/` separators when inside it, else `p` as given (with `/` separators). */
export function displayPath(p: string, cwd: string = process.cwd()): string {
  if (isAbsolute(p)) {
    const rel = relative(cwd, p);
    const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    if (inside) return rel.split(sep).join('/');
  }
  return p.split(sep).join('/');
}

/** `{User: alice, Host: h1}`; `{}` (one global group) without group-by. */
export function describeGroup(group: Readonly<Record<string, string>>): string {
  const entries = Object.entries(group);
  if (entries.length === 0) return '{} (one global group)';
  return `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}

/** `{User: alice} at 2026-03-02T09:04:00.000Z (events #0, #1)`. */
export function describeAlert(a: AlertSummary): string {
  return `${describeGroup(a.group)} at ${a.time} (event${a.events.length === 1 ? '' : 's'} ${a.events.map((i) => `#${i}`).join(', ')})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function describeExpectation(e: CaseExpectation): string {
  switch (e.kind) {
    case 'alerts':
      return e.groups === undefined ? plural(e.alerts, 'alert') : `${plural(e.alerts, 'alert')} [${e.groups.map(describeGroup).join(', ')}]`;
    case 'match':
      return 'a match on every event';
    case 'no-match':
      return 'no match on any event';
    case 'count':
      return `${e.atLeast ? 'at least' : 'exactly'} ${e.count} match${e.count === 1 ? '' : 'es'}`;
  }
}

/** `M of N events matched`, or `not run` for a case with status error. */
export function describeActual(c: CaseResult): string {
  if (c.status === 'error') return 'not run (error)';
  if (c.sequence) {
    const alerts = c.sequence.alerts;
    return alerts.length === 0 ? '0 alerts' : `${plural(alerts.length, 'alert')}: ${alerts.map(describeAlert).join('; ')}`;
  }
  return `${c.matches} of ${c.events} event${c.events === 1 ? '' : 's'} matched`;
}

/** `expected …, got …`, the one-line summary of a case's outcome. */
export function expectedVsActual(c: CaseResult): string {
  const expected = `expected ${describeExpectation(c.expect)}`;
  return c.status === 'error' ? `${expected}, but the case could not run` : `${expected}, got ${describeActual(c)}`;
}

/** A stable machine-readable kind of failure (JUnit `type`, SARIF properties). */
export function failureKind(c: CaseResult): string {
  if (c.status === 'error') return 'case-error';
  if (c.outcomes.some(disagrees)) return 'evaluator-disagreement';
  if (c.sequence?.referenceAlerts !== undefined) return 'correlator-disagreement';
  if (c.expect.kind === 'alerts') return 'alert-mismatch';
  if (c.expect.kind === 'match') return 'positive-case-missed';
  if (c.expect.kind === 'no-match') return 'negative-case-matched';
  return 'match-count-mismatch';
}

function disagrees(o: EventOutcome): boolean {
  return o.referenceMatched !== undefined && o.referenceMatched !== o.matched;
}

function wrongDecision(c: CaseResult, o: EventOutcome): boolean {
  const e = c.expect;
  if (e.kind === 'match') return !o.matched;
  if (e.kind === 'no-match') return o.matched;
  // A sequence is decided by all its events together: every event is shown.
  if (e.kind === 'alerts') return true;
  return c.matches < e.count ? !o.matched : o.matched;
}

/** The events that decided a failing case, in event order. */
export function decidingOutcomes(c: CaseResult): EventOutcome[] {
  if (c.status === 'pass') return [];
  return c.outcomes.filter((o) => disagrees(o) || wrongDecision(c, o));
}

/** `event #i: matched` (+ the reference's opinion when it differs). */
export function describeOutcome(o: EventOutcome): string {
  const at = o.time !== undefined ? ` at ${o.time}` : '';
  const verdict = o.rules !== undefined ? (o.rules.length === 0 ? 'matched no referenced rule' : `matched ${o.rules.join(', ')}`) : o.matched ? 'matched' : 'not matched';
  const base = `event #${o.index}${at}: ${verdict}`;
  if (!disagrees(o)) return base;
  return `${base} (reference evaluator: ${o.referenceMatched === true ? 'matched' : 'not matched'})`;
}

/** The event's value as text: `absent`, a JSON string, or JSON of anything else (truncated). */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'absent';
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return truncate(text, MAX_ACTUAL);
}

/** `CommandLine|contains|all: 'a', 'b' (event: "x")`; keywords show as `(keywords)`. */
export function describeItem(item: ItemTrace): string {
  const key = [item.field ?? '(keywords)', ...item.modifiers].join('|');
  const shown = item.values.slice(0, MAX_VALUES).join(', ');
  const more = item.values.length > MAX_VALUES ? `, … (+${item.values.length - MAX_VALUES} more)` : '';
  const actual = item.field === null && item.actual === undefined ? '' : ` (event: ${describeValue(item.actual)})`;
  return `${key}: ${shown}${more}${actual}`;
}

/** Variant and gate, condition, then every selection with its items. */
export function explanationLines(e: Explanation): ExplainLine[] {
  const lines: ExplainLine[] = [];
  const gateText = e.gate.length === 0 ? 'no gate' : e.gateHeld ? 'gate held' : 'gate did not hold';
  lines.push({ depth: 0, text: `log source ${e.variant}: ${gateText}` });
  for (const item of e.gate) lines.push({ depth: 1, held: item.held, text: describeItem(item) });
  const verdict = e.matched ? 'matched' : 'did not match';
  lines.push({ depth: 0, text: `condition ${e.condition.join(' / ')}: ${verdict}` });
  for (const s of e.selections) {
    lines.push({ depth: 0, held: s.held, text: s.name });
    for (const item of s.items) lines.push({ depth: 1, held: item.held, text: describeItem(item) });
  }
  return lines;
}

export function mark(held: boolean | undefined): string {
  return held === undefined ? '' : held ? '✓ ' : '✗ ';
}

/** Plain-text block: one line per ExplainLine, two spaces per depth level, ✓/✗ markers. */
export function explanationText(e: Explanation, indent = ''): string[] {
  return explanationLines(e).map((l) => `${indent}${'  '.repeat(l.depth)}${mark(l.held)}${l.text}`);
}

/** The rule summary a case belongs to (by path and id, else by path). */
export function ruleOf(report: RunReport, c: CaseResult): RuleSummary | undefined {
  return (
    report.rules.find((r) => r.path === c.rulePath && r.id === c.ruleId) ??
    report.rules.find((r) => r.path === c.rulePath)
  );
}

export function isFailing(c: CaseResult): boolean {
  return c.status !== 'pass';
}

const LEVELS: readonly string[] = ['critical', 'high', 'medium', 'low', 'informational'];

/** 0 = critical … 4 = informational, 5 = none/unknown. */
export function levelRank(level: string | undefined): number {
  const i = level === undefined ? -1 : LEVELS.indexOf(level);
  return i === -1 ? LEVELS.length : i;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Full multi-line description of a failing case (JUnit body, SARIF message): facts, then deciding events. */
export function failureDetails(c: CaseResult, maxEvents: number): string[] {
  const lines = [
    `case: ${c.name} (${displayPath(c.span.file)}:${c.span.line})`,
    `rule: ${c.ruleTitle} [${c.ruleId}] (${displayPath(c.rulePath)}:${c.ruleSpan.line})`,
    `expected: ${describeExpectation(c.expect)}`,
    `actual: ${describeActual(c)}`,
  ];
  if (c.message !== undefined) lines.push(`message: ${c.message}`);
  if (c.sequence) lines.push(...sequenceLines(c.sequence));
  const deciding = decidingOutcomes(c);
  for (const o of deciding.slice(0, maxEvents)) {
    lines.push(describeOutcome(o));
    if (o.explanation !== undefined) lines.push(...explanationText(o.explanation, '  '));
  }
  if (deciding.length > maxEvents) lines.push(`… ${deciding.length - maxEvents} more deciding event(s)`);
  return lines;
}

/** How a sequence case was correlated (window model) and, when they differ from the engine's, the reference correlator's alerts. */
export function sequenceLines(s: NonNullable<CaseResult['sequence']>): string[] {
  const field = s.timestampField !== undefined ? `, timestamps from ${s.timestampField}` : '';
  const lines = [`correlation: ${s.correlationType}, ${s.window} window of ${s.timespan}${field}`];
  if (s.referenceAlerts !== undefined) {
    lines.push(`reference correlator: ${plural(s.referenceAlerts.length, 'alert')}`, ...s.referenceAlerts.map((a, i) => `  reference alert ${i + 1}: ${describeAlert(a)}`));
  }
  return lines;
}

/**
 * The items that decided one event, one line per selection: `selection ✗ CommandLine|contains: 'x' (event: "y")`.
 * A selection that held shows its items that held; one that did not shows its items that failed.
 * A gate that did not hold shows only its failed gate items.
 */
export function decidingItems(e: Explanation): string[] {
  if (e.gate.length > 0 && !e.gateHeld) {
    return [`log source ${e.variant} ✗ ${e.gate.filter((i) => !i.held).map(describeItem).join('; ')}`];
  }
  return e.selections.map((s) => {
    const items = s.items.filter((i) => i.held === s.held).map(describeItem);
    return `${s.name} ${s.held ? '✓' : '✗'}${items.length > 0 ? ' ' + items.join('; ') : ''}`;
  });
}
