/**
 * Format-neutral text for the coverage renderers (Markdown and HTML): ratios, marks, status names, item keys,
 * ATT&CK and event labels. Pure functions of CoverageReport data; no escaping here (each renderer escapes).
 */
import { techniqueLabel } from './attack-names.js';
import { channelLabel } from './event-names.js';
import type { AttackTechnique, EventCoverage, Exercise, FuzzItem, Ratio, RuleCoverage, TestStatus } from './model.js';

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
