/**
 * One correlation rule's coverage record (model.ts CorrelationCoverage) from its sequence-case results: the
 * correlation as lowered (type, window model, timespan, group-by, condition, field, aliases, generate), its
 * document's metadata, the rules it references (with their pages, cases and test status), what its cases did
 * (fired / stayed silent, passed / failed), the situations they cover (situations.ts), and the failing cases
 * with the events that decided them. Also the links "referenced by correlation X" for the referenced pages.
 * Test status: as for detection rules (a case positive when it expects alerts, negative when it expects none);
 * without sequence cases the correlation is untested. Pure.
 */
import type { IrCorrelation } from '../correlation/types.js';
import type { SigmaCorrelation, SigmaDocument } from '../loader/types.js';
import { decidingOutcomes, describeAlert, describeExpectation, describeOutcome, displayPath, expectedVsActual, sequenceLines } from '../report/format.js';
import type { CaseResult, RuleSummary } from '../report/model.js';
import { attackOfTags } from './attack-names.js';
import type { CorrelationCoverage, CorrelationLink, CorrelationReference, FailingCase, SequenceCaseRow, TestStatus } from './model.js';
import { pageName, testStatus } from './rule-coverage.js';
import { situationCoverage, situationFigures } from './situations.js';

/** What a reference can point at in the report: its page, cases and status (absent when not in this run). */
export interface ReferenceTarget {
  readonly title: string;
  readonly page?: string;
  readonly cases?: number;
  readonly testStatus?: TestStatus;
}

export interface CorrelationInput {
  readonly correlation: IrCorrelation;
  readonly summary: RuleSummary;
  readonly results: readonly CaseResult[];
  /** The correlation's document (metadata, document index), when found. */
  readonly document?: SigmaCorrelation;
  /** Ids of the loaded correlations (a reference to one of them is a chain). */
  readonly correlationIds: ReadonlySet<string>;
  /** Resolved id → what the report knows about it. */
  readonly targets: ReadonlyMap<string, ReferenceTarget>;
  readonly referencedBy: readonly CorrelationLink[];
}

/** The correlation's document among the loaded ones: same file and position (correlations carry no docIndex). */
export function correlationDocument(documents: readonly SigmaDocument[], c: IrCorrelation): SigmaCorrelation | undefined {
  return documents.find((d): d is SigmaCorrelation => d.kind === 'correlation' && d.file === c.path && d.span.line === c.span.line && d.span.col === c.span.col);
}

export function correlationPage(c: IrCorrelation, doc: SigmaCorrelation | undefined): string {
  return pageName(c.path, doc?.docIndex ?? 0);
}

export function correlationLink(c: IrCorrelation, page: string): CorrelationLink {
  return { id: c.id, title: c.title, page, type: c.type, generate: c.generate };
}

function references(input: CorrelationInput): CorrelationReference[] {
  const c = input.correlation;
  return c.resolved.map((id, i) => {
    const target = input.targets.get(id);
    const known = target
      ? { title: target.title, ...(target.page !== undefined ? { page: target.page } : {}), ...(target.cases !== undefined ? { cases: target.cases } : {}), ...(target.testStatus ? { testStatus: target.testStatus } : {}) }
      : {};
    return { reference: c.rules[i] ?? id, id, kind: input.correlationIds.has(id) ? 'correlation' : 'rule', ...known };
  });
}

function caseRow(r: CaseResult): SequenceCaseRow {
  const alerts = r.sequence?.alerts ?? [];
  const expectedAlerts = r.expect.kind === 'alerts' ? r.expect.alerts : 0;
  const row: SequenceCaseRow = {
    name: r.name,
    file: displayPath(r.span.file),
    line: r.span.line,
    tags: r.tags,
    kind: expectedAlerts > 0 ? 'positive' : 'negative',
    status: r.status,
    expected: describeExpectation(r.expect),
    alerts: alerts.length,
    groups: alerts.map((a) => a.group),
    events: r.events,
    outcome: alerts.length === 0 ? 'silent' : alerts.map(describeAlert).join('; '),
  };
  return { ...row, ...(r.message !== undefined ? { message: r.message } : {}), ...(r.note !== undefined ? { note: r.note } : {}) };
}

const MAX_FAILURE_EVENTS = 20;

/** A failing sequence case: how it was correlated, then each event with its time and the rules it matched. */
export function sequenceFailure(r: CaseResult, page: string): FailingCase {
  const [head, ...rest] = r.sequence ? sequenceLines(r.sequence) : [];
  const how = head !== undefined ? [{ heading: head, lines: rest.map((text) => ({ depth: 0, text: text.trim() })) }] : [];
  const deciding = decidingOutcomes(r);
  const events = deciding.slice(0, MAX_FAILURE_EVENTS).map((o) => ({ heading: describeOutcome(o), lines: [] }));
  const more = deciding.length > MAX_FAILURE_EVENTS ? [{ heading: `… ${deciding.length - MAX_FAILURE_EVENTS} more event(s)`, lines: [] }] : [];
  const base = { ruleTitle: r.ruleTitle, rulePath: displayPath(r.rulePath), page, name: r.name, file: displayPath(r.span.file), line: r.span.line, outcome: expectedVsActual(r), events: [...how, ...events, ...more] };
  return r.message !== undefined && r.message !== base.outcome ? { ...base, message: r.message } : base;
}

function metadata(doc: SigmaCorrelation | undefined): Pick<CorrelationCoverage, 'status' | 'author' | 'date' | 'modified' | 'description'> {
  if (!doc) return {};
  const entries = { status: doc.status, author: doc.author, date: doc.date, modified: doc.modified, description: doc.description };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

function definition(c: IrCorrelation): Pick<CorrelationCoverage, 'type' | 'window' | 'timespan' | 'timespanSeconds' | 'groupBy' | 'condition' | 'field' | 'percentile' | 'aliases' | 'generate'> {
  return {
    type: c.type, window: c.window, timespan: c.timespan, timespanSeconds: c.timespanSeconds, groupBy: c.groupBy, condition: c.condition,
    field: c.field, ...(c.percentile !== undefined ? { percentile: c.percentile } : {}), aliases: c.aliases, generate: c.generate,
  };
}

export function correlationCoverage(input: CorrelationInput): CorrelationCoverage {
  const { correlation: c, summary, results, document: doc } = input;
  const page = correlationPage(c, doc);
  const rules = references(input);
  const fired = results.filter((r) => (r.sequence?.alerts.length ?? 0) > 0).length;
  const situations = situationCoverage(
    { type: c.type, groupBy: c.groupBy, aliases: c.aliases, chained: rules.some((r) => r.kind === 'correlation') },
    results.map((r) => ({ tags: r.tags, expectedAlerts: r.expect.kind === 'alerts' ? r.expect.alerts : 0, passed: r.status === 'pass' })),
  );
  const tags = doc?.tags ?? summary.tags;
  return {
    id: c.id,
    ...(c.name !== undefined ? { name: c.name } : {}),
    title: c.title,
    path: displayPath(c.path),
    page,
    ...metadata(doc),
    ...(c.level !== undefined ? { level: c.level } : {}),
    references: doc?.references ?? [],
    falsepositives: doc?.falsepositives ?? [],
    tags,
    ...attackOfTags(tags),
    ...definition(c),
    rules,
    referencesHaveCases: rules.every((r) => (r.cases ?? 0) > 0),
    ...(input.referencedBy.length > 0 ? { correlations: input.referencedBy } : {}),
    testStatus: testStatus(summary),
    cases: { total: summary.cases, passed: summary.passed, failed: summary.failed, errors: summary.errors, positives: summary.positives, negatives: summary.negatives, fired, silent: results.length - fired },
    situations,
    situationFigures: situationFigures(situations),
    caseRows: results.map(caseRow),
    failures: results.filter((r) => r.status !== 'pass').map((r) => sequenceFailure(r, page)),
  };
}
