/**
 * Hand-written evidence: the events of a rule's cases (case files and regression data) paired with the case
 * results of the run. Contract: an event is evidence when its case ran (status pass or fail) and the event was
 * decided the way the case asserts — every event of a `match` case that matched, every event of a `no-match`
 * case that did not, and each event of a passing `count` case as decided. Events whose log-source gate holds
 * under no variant are counted (`gateOnly`) but carry no item truth values; events on which the compiled matcher
 * and the reference disagreed are never evidence.
 */
import { chooseVariant } from '../engine/explain.js';
import type { Event } from '../engine/event.js';
import type { RunnableCase } from '../harness/evaluate-case.js';
import type { CaseResult } from '../report/model.js';
import type { IrRule } from '../ir/types.js';
import { truthsOf, type RuleItem, type Truths } from './items.js';

export interface EvidenceEvent {
  /** `case name #event index`. */
  readonly label: string;
  readonly matched: boolean;
  readonly truths: Truths;
}

export interface Evidence {
  readonly events: readonly EvidenceEvent[];
  readonly gateOnly: number;
}

/** Case results and runnable cases are paired by rule path, case location and name. */
export function caseKey(rulePath: string, c: { readonly name: string; readonly span: { readonly file: string; readonly line: number; readonly col: number } }): string {
  return `${rulePath}\u0000${c.span.file}:${c.span.line}:${c.span.col}\u0000${c.name}`;
}

/** Runnable cases by caseKey; a key seen twice keeps its cases in order. */
export function indexCases(rulePath: string, cases: readonly RunnableCase[]): Map<string, RunnableCase[]> {
  const index = new Map<string, RunnableCase[]>();
  for (const c of cases) {
    const key = caseKey(rulePath, c);
    index.set(key, [...(index.get(key) ?? []), c]);
  }
  return index;
}

/** Whether event `i` of a case is evidence, and with which decision. */
function assertedDecision(result: CaseResult, i: number): boolean | undefined {
  const outcome = result.outcomes[i];
  // An evaluator disagreement is a failure of the engine, not evidence about the rule.
  if (outcome === undefined || outcome.referenceMatched !== undefined || result.status === 'error') return undefined;
  const matched = outcome.matched;
  if (result.expect.kind === 'match') return matched ? true : undefined;
  if (result.expect.kind === 'no-match') return matched ? undefined : false;
  return result.status === 'pass' ? matched : undefined;
}

export function collectEvidence(rule: IrRule, items: readonly RuleItem[], pairs: readonly { result: CaseResult; events: readonly Event[] }[]): Evidence {
  const events: EvidenceEvent[] = [];
  let gateOnly = 0;
  for (const { result, events: caseEvents } of pairs) {
    caseEvents.forEach((event, i) => {
      const decision = assertedDecision(result, i);
      if (decision === undefined) return;
      const { variant, gateHeld } = chooseVariant(rule, event);
      if (!gateHeld) {
        gateOnly++;
        return;
      }
      events.push({ label: `${result.name} #${i}`, matched: decision, truths: truthsOf(rule, items, event, variant) });
    });
  }
  return { events, gateOnly };
}

/** Pairs the results of one rule with their runnable cases' events (`[]` when a result has no runnable case). */
export function pairResults(rulePath: string, results: readonly CaseResult[], cases: readonly RunnableCase[]): { result: CaseResult; events: readonly Event[] }[] {
  const index = indexCases(rulePath, cases);
  const pairs: { result: CaseResult; events: readonly Event[] }[] = [];
  for (const result of results) {
    const queue = index.get(caseKey(rulePath, result));
    pairs.push({ result, events: queue?.shift()?.events ?? [] });
  }
  return pairs;
}
