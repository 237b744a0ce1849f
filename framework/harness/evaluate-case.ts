/**
 * One case on one rule → CaseResult. Every event is decided by the compiled matcher AND the reference
 * evaluator; a disagreement fails the case whatever was expected. Failing cases carry an explanation for
 * the events that went the wrong way (at most MAX_EXPLAINED per case, to keep reports readable).
 * Pure apart from the evaluators: no I/O, no clock.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Event } from '../engine/event.js';
import { EventView } from '../engine/event-view.js';
import { explainDecision } from '../engine/explain.js';
import { referenceDecide } from '../engine/reference.js';
import type { CaseOrigin, CaseResult, EventOutcome, Expectation } from '../report/model.js';
import { filteredConditionTexts } from '../ruleset/apply-filters.js';
import type { PreparedRule } from '../ruleset/build-ruleset.js';
import type { SourceSpan } from '../source.js';

const MAX_EXPLAINED = 5;

export interface RunnableCase {
  readonly name: string;
  readonly origin: CaseOrigin;
  readonly span: SourceSpan;
  readonly expect: Expectation;
  readonly events: readonly Event[];
  /** Problems reading the events (regression JSON): the case is an error when any is present. */
  readonly readErrors?: readonly Diagnostic[];
  readonly tags: readonly string[];
  readonly note?: string;
}

interface Decisions {
  readonly compiled: readonly boolean[];
  readonly reference: readonly boolean[];
}

function decide(rule: PreparedRule, events: readonly Event[]): Decisions {
  const compiled = events.map((e) => rule.compiled.test(new EventView(e)));
  const reference = events.map((e) => referenceDecide(rule.ir, e));
  return { compiled, reference };
}

function describeExpect(expect: Expectation): string {
  if (expect.kind === 'count') return `${expect.atLeast ? 'at least ' : ''}${expect.count} match${expect.count === 1 ? '' : 'es'}`;
  return expect.kind;
}

/** The verdict on the compiled decisions alone: a message when the expectation is not met. */
function verdict(expect: Expectation, matches: number, events: number): { message?: string; warning?: string } {
  const got = `${matches} of ${events} event${events === 1 ? '' : 's'} matched`;
  if (expect.kind === 'match') return matches === events ? {} : { message: `expected match, ${got}` };
  if (expect.kind === 'no-match') return matches === 0 ? {} : { message: `expected no match, ${got}` };
  if (matches < expect.count || (!expect.atLeast && matches !== expect.count)) {
    return { message: `expected ${describeExpect(expect)}, ${got}` };
  }
  if (matches > expect.count) return { warning: `more matches than match_count ${expect.count}: ${got}` };
  return {};
}

/** Events that went against the expectation (for count expectations: the non-matching ones when too few). */
function wrongWay(expect: Expectation, compiled: readonly boolean[]): (i: number) => boolean {
  if (expect.kind === 'match') return (i) => !compiled[i];
  if (expect.kind === 'no-match') return (i) => Boolean(compiled[i]);
  const matches = compiled.filter(Boolean).length;
  return matches < expect.count ? (i) => !compiled[i] : (i) => Boolean(compiled[i]);
}

function outcomes(rule: PreparedRule, c: RunnableCase, d: Decisions, failed: boolean): EventOutcome[] {
  const explainable = failed ? wrongWay(c.expect, d.compiled) : () => false;
  const conditions = filteredConditionTexts(rule.source.detection.conditions.map((x) => x.text), rule.ir.filters);
  let explained = 0;
  return c.events.map((event, index) => {
    const matched = Boolean(d.compiled[index]);
    const disagree = matched !== d.reference[index];
    const explain = (disagree || explainable(index)) && explained < MAX_EXPLAINED;
    if (explain) explained++;
    return {
      index,
      matched,
      ...(disagree ? { referenceMatched: Boolean(d.reference[index]) } : {}),
      ...(explain ? { explanation: explainDecision(rule.ir, event, conditions) } : {}),
    };
  });
}

export function evaluateCase(rule: PreparedRule, c: RunnableCase): CaseResult {
  const base = {
    ruleId: rule.ir.id,
    rulePath: rule.ir.path,
    ruleTitle: rule.ir.title,
    name: c.name,
    origin: c.origin,
    span: c.span,
    ruleSpan: rule.source.span,
    expect: c.expect,
    tags: c.tags,
    ...(c.note !== undefined ? { note: c.note } : {}),
  };
  if (c.readErrors && c.readErrors.length > 0) {
    const first = c.readErrors[0]!;
    const message = `cannot evaluate: ${first.span.file}:${first.span.line}: ${first.message}${c.readErrors.length > 1 ? ` (+${c.readErrors.length - 1} more)` : ''}`;
    return { ...base, status: 'error', matches: 0, events: c.events.length, outcomes: [], message };
  }
  if (c.events.length === 0) {
    return { ...base, status: 'error', matches: 0, events: 0, outcomes: [], message: 'cannot evaluate: the case has no events' };
  }
  const d = decide(rule, c.events);
  const matches = d.compiled.filter(Boolean).length;
  const disagreements = d.compiled.filter((m, i) => m !== d.reference[i]).length;
  const v = verdict(c.expect, matches, c.events.length);
  const message =
    disagreements > 0
      ? `engine disagreement: the compiled matcher and the reference evaluator differ on ${disagreements} event(s)${v.message ? `; ${v.message}` : ''}`
      : v.message;
  const failed = message !== undefined;
  return {
    ...base,
    status: failed ? 'fail' : 'pass',
    matches,
    events: c.events.length,
    outcomes: outcomes(rule, c, d, failed),
    ...(message !== undefined ? { message } : {}),
    ...(v.warning !== undefined ? { warning: v.warning } : {}),
  };
}
