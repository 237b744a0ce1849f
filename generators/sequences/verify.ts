/**
 * verifySequences: run a correlation's generated sequences through the detection rules and the correlation
 * engines, and report every disagreement as a finding (never a throw). Per sequence: each event is decided by
 * the compiled rules of the chain (it must match the rule it was built for and no other), then every engine
 * (default: the streaming CorrelationEngine and the brute-force referenceCorrelate) gets the events with the
 * rules they matched; the alerts of the correlation under test must be exactly the expected ones (count and, for
 * `fires`, the group). Engines are injectable so tests can check that a deliberately wrong one is caught.
 */
import { CorrelationEngine, referenceCorrelate } from '../../framework/correlation/index.js';
import type { CorrelationAlert, IrCorrelation } from '../../framework/correlation/types.js';
import type { Event } from '../../framework/engine/event.js';
import type { IrRule } from '../../framework/ir/types.js';
import { chainCorrelations, compiledRule } from './events.js';
import { sequenceContext } from './derive-sequences.js';
import type { Sequence, SequenceFinding, SequenceSet } from './types.js';

export interface CorrelationInput {
  readonly event: Event;
  readonly origin: readonly [string, number];
  readonly matchedRuleIds: readonly string[];
}

/** A correlation engine as a batch function: every correlation of the chain, the records in time order. */
export type Correlate = (correlations: readonly IrCorrelation[], input: readonly CorrelationInput[], options: { readonly timestampField: string }) => CorrelationAlert[];

export const streamingEngine: Correlate = (correlations, input, options) => {
  const engine = new CorrelationEngine(correlations, { timestampField: options.timestampField });
  const alerts: CorrelationAlert[] = [];
  for (const r of input) alerts.push(...engine.push(r.event, r.origin, r.matchedRuleIds));
  alerts.push(...engine.flush());
  return alerts;
};

export const referenceEngine: Correlate = (correlations, input, options) => referenceCorrelate(correlations, input, { timestampField: options.timestampField });

export const DEFAULT_ENGINES: Readonly<Record<string, Correlate>> = { engine: streamingEngine, reference: referenceEngine };

export interface VerifyOptions {
  /** Engine name → engine (default DEFAULT_ENGINES). */
  readonly engines?: Readonly<Record<string, Correlate>>;
}

function groupKey(g: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(g).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sameGroups(expected: readonly Readonly<Record<string, string>>[], alerts: readonly CorrelationAlert[]): boolean {
  const a = expected.map(groupKey).sort();
  const b = alerts.map((x) => groupKey(x.group)).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

export function verifySequences(
  correlation: IrCorrelation,
  set: SequenceSet,
  rulesById: ReadonlyMap<string, IrRule>,
  innerById: ReadonlyMap<string, IrCorrelation>,
  options: VerifyOptions = {},
): SequenceFinding[] {
  const ctx = sequenceContext(correlation, rulesById, innerById, set.seed);
  const chain = [correlation, ...chainCorrelations(correlation, innerById)];
  const engines = options.engines ?? DEFAULT_ENGINES;
  const findings: SequenceFinding[] = [];
  const sequences: [string, Sequence][] = [...(set.fires ? [['fires', set.fires] as [string, Sequence]] : []), ...set.nearMisses.map((n) => [n.kind, n.sequence] as [string, Sequence])];
  for (const [name, sequence] of sequences) {
    const finding = (engine: string, expected: number, actual: number, message: string): SequenceFinding => ({
      correlationId: correlation.id, path: correlation.path, seed: set.seed, sequence: name, engine, expected, actual, message,
    });
    const input: CorrelationInput[] = sequence.events.map((e, i) => {
      const matched = ctx.relevant.filter((id) => compiledRule(ctx, id)?.matches(e.event));
      if (matched.length !== 1 || matched[0] !== e.ruleId) {
        findings.push(finding('rules', 1, matched.length, `${name}: event #${i} was built for rule ${e.ruleId} but matches [${matched.join(', ')}]`));
      }
      return { event: e.event, origin: [`sequence:${name}`, i] as const, matchedRuleIds: matched };
    });
    for (const [engineName, correlate] of Object.entries(engines)) {
      const alerts = correlate(chain, input, { timestampField: set.timestampField }).filter((a) => a.correlationId === correlation.id);
      const want = sequence.expect;
      if (alerts.length !== want.alerts) {
        findings.push(finding(engineName, want.alerts, alerts.length, `${name}: ${engineName} raised ${alerts.length} alert(s) of ${correlation.id}, expected ${want.alerts}`));
      } else if (want.groups.length > 0 && !sameGroups(want.groups, alerts)) {
        const got = alerts.map((a) => JSON.stringify(a.group)).join(', ');
        findings.push(finding(engineName, want.alerts, alerts.length, `${name}: ${engineName} raised the alert for group ${got}, expected ${want.groups.map((g) => JSON.stringify(g)).join(', ')}`));
      }
    }
  }
  return findings;
}
