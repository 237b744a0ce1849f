/**
 * Correlation rules in `sigmatest scan`. Events are fed in input order with the ids of the detection rules that
 * matched them; every correlation alert is written as one JSON line:
 *   {"correlation_id", "rule_title", "group": {...}, "time": ISO 8601, "events": [[source, event_index], ...]}
 * `generate: false` (the default, semantics §11.2): the rules (and inner correlations) a correlation references
 * produce no stand-alone output — `isSuppressed` says which; `--all-matches` in scan keeps them.
 * Batch input must be in time order unless `lateness` seconds allow for disorder (late events are counted).
 */
import type { Event } from '../../engine/event.js';
import { CorrelationEngine, suppressedRuleIds, type CorrelationAlert, type IrCorrelation } from '../../correlation/index.js';

export interface ScanCorrelationOptions {
  readonly timestampField?: string;
  readonly lateness?: number;
  /** Keep stand-alone output of referenced rules and inner correlations (ignore `generate: false`). */
  readonly allMatches?: boolean;
}

export type AlertWriter = (line: string) => void;

export function alertRecord(alert: CorrelationAlert): Record<string, unknown> {
  return { correlation_id: alert.correlationId, rule_title: alert.title, group: alert.group, time: new Date(alert.time).toISOString(), events: alert.events };
}

export class ScanCorrelations {
  private readonly engine: CorrelationEngine;
  private readonly suppressed: ReadonlySet<string>;
  private readonly relevant: ReadonlySet<string>;
  alerts = 0;

  constructor(
    correlations: readonly IrCorrelation[],
    private readonly write: AlertWriter,
    options: ScanCorrelationOptions = {},
  ) {
    this.engine = new CorrelationEngine(correlations, { ...(options.timestampField ? { timestampField: options.timestampField } : {}), ...(options.lateness ? { lateness: options.lateness } : {}) });
    this.suppressed = options.allMatches ? new Set() : suppressedRuleIds(correlations);
    this.relevant = new Set(correlations.flatMap((c) => c.resolved));
  }

  /** Whether a detection rule's own matches are left out of the output (referenced with generate: false). */
  isSuppressed(ruleId: string): boolean {
    return this.suppressed.has(ruleId);
  }

  /** Whether any correlation references this detection rule (only such matches need to be pushed). */
  isReferenced(ruleId: string): boolean {
    return this.relevant.has(ruleId);
  }

  push(event: Event, source: string, index: number, matchedRuleIds: readonly string[]): void {
    if (matchedRuleIds.length === 0) return;
    this.emit(this.engine.push(event, [source, index], matchedRuleIds));
  }

  /** End of input: open windows are evaluated; returns the engine's counters for the summary. */
  finish(): { late: number; untimed: number } {
    this.emit(this.engine.flush());
    const { late, untimed } = this.engine.stats();
    return { late, untimed };
  }

  private emit(alerts: readonly CorrelationAlert[]): void {
    for (const alert of alerts) {
      if (this.suppressed.has(alert.correlationId)) continue;
      this.alerts++;
      this.write(JSON.stringify(alertRecord(alert)) + '\n');
    }
  }
}
