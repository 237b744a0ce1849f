/**
 * One rule's coverage record (model.ts RuleCoverage): metadata, ATT&CK, event coverage, selections with item and
 * value coverage from hand-written evidence (a meta filter's selections are among them, prefixed; `filters` lists
 * the filters applied), fuzz findings beside them, indicators with catalog counts, test status, case table and
 * failing cases with their explanations. Test status: `failing` when a case failed or could not run; `untested`
 * without cases; `tested` with a passing positive and a passing negative case; `partly-tested` otherwise.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Event } from '../engine/event.js';
import { decidingOutcomes, describeOutcome, displayPath, expectedVsActual, explanationLines } from '../report/format.js';
import type { CaseResult, RuleSummary } from '../report/model.js';
import { logsourceKey, type PreparedRule } from '../ruleset/build-ruleset.js';
import { attackOfTags } from './attack-names.js';
import { eventCoverage } from './event-coverage.js';
import { collectEvidence } from './evidence.js';
import { fuzzFigures, fuzzItems, type FuzzIndex, fuzzOfRule } from './fuzz-findings.js';
import { indicatorRows, type CatalogIndex } from './indicators.js';
import { ruleItems } from './items.js';
import { logicFigures, modifierCoverage, selectionCoverage } from './logic.js';
import type { CaseRow, FailingCase, RuleCoverage, SelectionCoverage, TestStatus } from './model.js';

export interface RuleInput {
  readonly rule: PreparedRule;
  readonly summary: RuleSummary;
  /** The rule's case results, each with the events it ran on. */
  readonly cases: readonly { readonly result: CaseResult; readonly events: readonly Event[] }[];
  readonly fuzz?: FuzzIndex;
  readonly catalog?: CatalogIndex;
}

/**
 * File name stem of a rule's pages: the rule file's name and a short hash of its path (and of the document's index
 * when a file holds several rules), so that names are unique and stable between runs.
 */
export function pageName(rulePath: string, docIndex = 0): string {
  const stem = path.basename(rulePath).replace(/\.ya?ml$/i, '').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80);
  const key = docIndex === 0 ? rulePath : `${rulePath}#${docIndex}`;
  return `${stem}-${createHash('sha1').update(key).digest('hex').slice(0, 8)}`;
}

export function testStatus(s: RuleSummary): TestStatus {
  if (s.failed + s.errors > 0) return 'failing';
  if (s.cases === 0) return 'untested';
  return s.positives > 0 && s.negatives > 0 ? 'tested' : 'partly-tested';
}

function caseKind(c: CaseResult): CaseRow['kind'] {
  if (c.expect.kind === 'match') return 'positive';
  if (c.expect.kind === 'no-match') return 'negative';
  if (c.expect.kind === 'alerts') return c.expect.alerts > 0 ? 'positive' : 'negative';
  const positive = c.expect.count > 0;
  const negative = c.expect.count < c.events;
  return positive && negative ? 'positive+negative' : positive ? 'positive' : 'negative';
}

function caseRow(c: CaseResult): CaseRow {
  const row = { name: c.name, file: displayPath(c.span.file), line: c.span.line, origin: c.origin, kind: caseKind(c), status: c.status, outcome: expectedVsActual(c) };
  return c.message !== undefined ? { ...row, message: c.message } : row;
}

export function failingCase(c: CaseResult, page: string): FailingCase {
  const events = decidingOutcomes(c).slice(0, 3).map((o) => ({ heading: describeOutcome(o), lines: o.explanation ? explanationLines(o.explanation) : [] }));
  const base = { ruleTitle: c.ruleTitle, rulePath: displayPath(c.rulePath), page, name: c.name, file: displayPath(c.span.file), line: c.span.line, outcome: expectedVsActual(c), events };
  return c.message !== undefined ? { ...base, message: c.message } : base;
}

function withFuzz(selections: SelectionCoverage[], input: RuleInput): SelectionCoverage[] {
  if (!input.fuzz) return selections;
  const found = fuzzItems(fuzzOfRule(input.fuzz, input.rule.ir.path, input.rule.ir.id));
  if (found.size === 0) return selections;
  return selections.map((s) => ({ ...s, items: s.items.map((i) => (found.has(i.label) ? { ...i, fuzz: found.get(i.label)! } : i)) }));
}

function filterRows(rule: PreparedRule): Pick<RuleCoverage, 'filters'> {
  const filters = rule.ir.filters;
  if (!filters || filters.length === 0) return {};
  return { filters: filters.map((f) => ({ id: f.id, title: f.title, path: displayPath(f.path), condition: f.condition, prefix: f.prefix })) };
}

function metadata(rule: PreparedRule): Pick<RuleCoverage, 'status' | 'level' | 'author' | 'date' | 'modified' | 'description'> {
  const s = rule.source;
  const entries = { status: s.status, level: s.level, author: s.author, date: s.date, modified: s.modified, description: s.description };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

export function ruleCoverage(input: RuleInput): RuleCoverage {
  const { rule, summary } = input;
  const items = ruleItems(rule.ir);
  const evidence = collectEvidence(rule.ir, items, input.cases);
  const selections = withFuzz(selectionCoverage(rule.ir, items, evidence.events), input);
  const itemCoverage = selections.flatMap((s) => s.items);
  const page = pageName(rule.ir.path, rule.source.docIndex);
  const fuzzed = input.fuzz && fuzzOfRule(input.fuzz, rule.ir.path, rule.ir.id) ? { fuzz: fuzzFigures(itemCoverage.map((i) => i.fuzz)) } : {};
  return {
    id: rule.ir.id,
    title: rule.ir.title,
    path: displayPath(rule.ir.path),
    page,
    ...metadata(rule),
    logsource: rule.source.logsource,
    logsourceKey: logsourceKey(rule.source.logsource),
    references: rule.source.references,
    falsepositives: rule.source.falsepositives,
    tags: rule.source.tags,
    ...attackOfTags(rule.source.tags),
    events: eventCoverage(rule.ir),
    conditions: rule.source.detection.conditions.map((c) => c.text),
    ...filterRows(rule),
    selections,
    modifiers: modifierCoverage(selections),
    indicators: indicatorRows(rule.ir, itemCoverage, input.catalog),
    testStatus: testStatus(summary),
    cases: { total: summary.cases, passed: summary.passed, failed: summary.failed, errors: summary.errors, positives: summary.positives, negatives: summary.negatives },
    caseRows: input.cases.map(({ result }) => caseRow(result)),
    evidence: { matching: evidence.events.filter((e) => e.matched).length, nonMatching: evidence.events.filter((e) => !e.matched).length, gateOnly: evidence.gateOnly },
    figures: logicFigures(selections),
    ...fuzzed,
    failures: input.cases.filter(({ result }) => result.status !== 'pass').map(({ result }) => failingCase(result, page)),
  };
}
