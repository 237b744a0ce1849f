/**
 * The correlation rules of a coverage report: a CorrelationCoverage per correlation the run reported (sorted by
 * path, then position), their totals, and the detection-rule records with `correlations` (the correlations that
 * reference each rule directly) filled in. Links only point at pages the report writes: rules and correlations
 * the run left out (--filter) appear by reference, without page, cases or status. Pure.
 */
import type { IrCorrelation } from '../correlation/types.js';
import type { SigmaDocument } from '../loader/types.js';
import type { CaseResult, RunReport } from '../report/model.js';
import { correlationCoverage, correlationDocument, correlationLink, correlationPage, type ReferenceTarget } from './correlation-coverage.js';
import type { CorrelationCoverage, CorrelationLink, CorrelationTotals, RuleCoverage } from './model.js';
import { testStatus } from './rule-coverage.js';

export interface CorrelationSource {
  /** Every loaded correlation (Ruleset.correlations). */
  readonly correlations: readonly IrCorrelation[];
  /** Every loaded document (Ruleset.documents): correlation metadata and filters. */
  readonly documents: readonly SigmaDocument[];
}

const keyOf = (path: string, id: string): string => `${path}\u0000${id}`;

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function byPosition(a: IrCorrelation, b: IrCorrelation): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.span.line - b.span.line || a.span.col - b.span.col;
}

export function correlationTotals(list: readonly CorrelationCoverage[]): CorrelationTotals {
  const count = (p: (c: CorrelationCoverage) => boolean): number => list.filter(p).length;
  const sum = (f: (c: CorrelationCoverage) => number): number => list.reduce((n, c) => n + f(c), 0);
  return {
    correlations: list.length,
    tested: count((c) => c.testStatus === 'tested'),
    partlyTested: count((c) => c.testStatus === 'partly-tested'),
    untested: count((c) => c.testStatus === 'untested'),
    failing: count((c) => c.testStatus === 'failing'),
    cases: sum((c) => c.cases.total),
    fired: sum((c) => c.cases.fired),
    silent: sum((c) => c.cases.silent),
    situations: { covered: sum((c) => c.situationFigures.covered), total: sum((c) => c.situationFigures.total) },
    withUntestedReferences: count((c) => !c.referencesHaveCases),
  };
}

export interface CorrelationSection {
  readonly correlations: CorrelationCoverage[];
  /** `rules` with `correlations` set on each rule some reported correlation references. */
  readonly rules: RuleCoverage[];
}

export function correlationSection(report: RunReport, source: CorrelationSource, rules: readonly RuleCoverage[]): CorrelationSection {
  const summaries = new Map(report.rules.filter((s) => s.correlation !== undefined).map((s) => [keyOf(s.path, s.id), s]));
  const results = new Map<string, CaseResult[]>();
  for (const c of report.cases) if (c.expect.kind === 'alerts') pushTo(results, keyOf(c.rulePath, c.ruleId), c);
  const reported = source.correlations.filter((c) => summaries.has(keyOf(c.path, c.id))).sort(byPosition);
  const documents = new Map(reported.map((c) => [c, correlationDocument(source.documents, c)]));
  const pages = new Map(reported.map((c) => [c, correlationPage(c, documents.get(c))]));

  const targets = new Map<string, ReferenceTarget>();
  for (const r of rules) if (!targets.has(r.id)) targets.set(r.id, { title: r.title, page: r.page, cases: r.cases.total, testStatus: r.testStatus });
  for (const c of source.correlations) targets.set(c.id, { title: c.title });
  for (const c of reported) {
    const summary = summaries.get(keyOf(c.path, c.id))!;
    targets.set(c.id, { title: c.title, page: pages.get(c)!, cases: summary.cases, testStatus: testStatus(summary) });
  }
  const referencedBy = new Map<string, CorrelationLink[]>();
  for (const c of reported) for (const id of new Set(c.resolved)) pushTo(referencedBy, id, correlationLink(c, pages.get(c)!));

  const correlationIds = new Set(source.correlations.map((c) => c.id));
  const correlations = reported.map((c) => {
    const doc = documents.get(c);
    return correlationCoverage({
      correlation: c,
      summary: summaries.get(keyOf(c.path, c.id))!,
      results: results.get(keyOf(c.path, c.id)) ?? [],
      ...(doc ? { document: doc } : {}),
      correlationIds,
      targets,
      referencedBy: referencedBy.get(c.id) ?? [],
    });
  });
  const linked = rules.map((r) => {
    const links = referencedBy.get(r.id);
    return links && !correlationIds.has(r.id) ? { ...r, correlations: links } : r;
  });
  return { correlations, rules: linked };
}
