/**
 * Format-neutral text for the coverage renderers (Markdown and HTML): ratios, marks, status names, item keys,
 * ATT&CK and event labels, correlation definitions (aggregate, condition, window, group-by). Pure functions of CoverageReport data; no escaping here (each renderer escapes).
 */
import { techniqueLabel } from './attack-names.js';
import { channelLabel } from './event-names.js';
import type { CountOp } from '../correlation/types.js';
import type { AttackTechnique, CorrelationCoverage, EventCoverage, Exercise, FuzzItem, Ratio, RuleCoverage, TestStatus } from './model.js';

export function ratioText(r: Ratio): string {
  if (r.total === 0) return '–';
  return `${r.covered}/${r.total} (${((r.covered / r.total) * 100).toFixed(1)}%)`;
}

export function ratioPercent(r: Ratio): number | undefined {
  return r.total === 0 ? undefined : Math.round((r.covered / r.total) * 1000) / 10;
}

export const STATUS_TEXT: Readonly<Record<TestStatus, string>> = {
  tested: 'tested',
  'partly-tested': 'partly tested',
  untested: 'untested',
  failing: 'failing',
};

export function yesNo(value: boolean): string {
  return value ? '✓' : '✗';
}

/** `✓ true · ✓ false · ✗ independent` style summary of an Exercise. */
export function exerciseText(e: Exercise): string {
  return `${yesNo(e.madeTrue)} true · ${yesNo(e.madeFalse)} false · ${yesNo(e.independent)} independent`;
}

export function fuzzText(f: FuzzItem | undefined, which: 'nearMiss' | 'independencePair'): string {
  return f === undefined ? '–' : yesNo(f[which]);
}

/** `Field|mod1|mod2` (keywords: `(keywords)`). */
export function itemKey(field: string | null, modifiers: readonly string[]): string {
  return [field ?? '(keywords)', ...modifiers].join('|');
}

export function techniqueText(t: AttackTechnique): string {
  return techniqueLabel(t);
}

export function logsourceText(rule: Pick<RuleCoverage, 'logsource'>): string {
  const ls = rule.logsource;
  const parts = [ls.product && `product: ${ls.product}`, ls.category && `category: ${ls.category}`, ls.service && `service: ${ls.service}`].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : '(none)';
}

export interface EventRow {
  readonly variant: string;
  readonly channel: string;
  readonly eventId: string;
  readonly name: string;
  readonly from: string;
}

/** A row per variant × EventID (a variant without EventIDs gets one row). */
export function eventRows(events: readonly EventCoverage[]): EventRow[] {
  return events.flatMap((e) => {
    const channel = e.channels.length > 0 ? e.channels.map(channelLabel).join(', ') : '(any)';
    if (e.eventIds.length === 0) return [{ variant: e.variant, channel, eventId: '(any)', name: '', from: '' }];
    return e.eventIds.map((id) => ({ variant: e.variant, channel, eventId: String(id.id), name: id.name ?? '', from: id.from }));
  });
}

export function casesText(rule: RuleCoverage): string {
  const c = rule.cases;
  return `${c.total} case(s): ${c.passed} passed, ${c.failed} failed, ${c.errors} errors; ${c.positives} positive, ${c.negatives} negative`;
}

/** Relative link from the reports folder to a rule page. */
export function pageHref(page: string, ext: 'md' | 'html', fromRulesFolder = false): string {
  return `${fromRulesFolder ? '' : 'rules/'}${encodeURIComponent(page)}.${ext}`;
}

const OP_TEXT: Readonly<Record<CountOp, string>> = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=', neq: '≠' };

type CorrelationDefinition = Pick<CorrelationCoverage, 'type' | 'field' | 'percentile' | 'condition' | 'window' | 'timespan' | 'groupBy' | 'aliases'>;

/** What the condition compares: `events`, `distinct values of User`, `sum of cs-bytes` … */
export function aggregateText(c: Pick<CorrelationDefinition, 'type' | 'field' | 'percentile'>): string {
  const field = c.field && c.field.length > 0 ? c.field.join(', ') : '(no field)';
  switch (c.type) {
    case 'event_count':
      return 'events';
    case 'value_count':
      return `distinct values of ${field}`;
    case 'temporal':
      return 'distinct referenced rules';
    case 'temporal_ordered':
      return 'referenced rules in order';
    case 'value_sum':
      return `sum of ${field}`;
    case 'value_avg':
      return `average of ${field}`;
    case 'value_percentile':
      return `percentile ${c.percentile ?? '?'} of ${field}`;
    case 'value_median':
      return `median of ${field}`;
  }
}

/** `events ≥ 5`, `median of cs-bytes > 5000000 and ≤ 100000000`. */
export function conditionText(c: Pick<CorrelationDefinition, 'type' | 'field' | 'percentile' | 'condition'>): string {
  const tests = c.condition.map((t) => `${OP_TEXT[t.op]} ${t.value}`).join(' and ');
  return `${aggregateText(c)} ${tests || '(no condition)'}`;
}

/** The window model (semantics §11.4) in words. */
export function windowText(c: Pick<CorrelationDefinition, 'window' | 'timespan'>): string {
  return c.window === 'sliding'
    ? `sliding [t − ${c.timespan}, t]: fires on the record that meets the condition, then resets the group`
    : `anchored [t0, t0 + ${c.timespan}] from the group's first record: evaluated once when the window closes`;
}

export function groupByText(groupBy: readonly string[]): string {
  return groupBy.length > 0 ? groupBy.join(', ') : '(none: one global group)';
}

/** `alias: rule → field; rule → field` per alias. */
export function aliasLines(aliases: CorrelationDefinition['aliases']): string[] {
  return Object.entries(aliases).map(([alias, map]) => `${alias}: ${Object.entries(map).map(([rule, field]) => `${rule} → ${field}`).join('; ')}`);
}

/** `{User: alice}`, `{}` without group-by. */
export function groupText(group: Readonly<Record<string, string>>): string {
  const entries = Object.entries(group);
  return `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}

export function sequenceCasesText(c: CorrelationCoverage): string {
  const n = c.cases;
  return `${n.total} sequence case(s): ${n.passed} passed, ${n.failed} failed, ${n.errors} errors; ${n.positives} expect alerts, ${n.negatives} expect none; the correlation fired on ${n.fired} and stayed silent on ${n.silent}`;
}
