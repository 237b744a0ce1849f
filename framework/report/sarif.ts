/**
 * results.sarif: SARIF 2.1.0, one run. Contract: tool.driver {name sigmatest, version, informationUri, rules:
 * one reportingDescriptor per rule id with a failing/erroring case, then one per Problem code reported
 * (`sigmatest/<code>`)}; one result (level error) per failing or erroring case, located at the case
 * (artifactLocation.uri = case file, region = case line/column) with relatedLocations[0] = the rule file and line
 * and further relatedLocations at the items that decided the first deciding event; one result per error-severity
 * Problem (ruleId `sigmatest/<code>`) located at its span. URIs: paths relative to process.cwd() when inside it,
 * else as given, with `/` separators, percent-encoded per segment (no uriBaseId). partialFingerprints are stable
 * across runs (rule id, rule path, case name / problem code, file).
 */
import { createHash } from 'node:crypto';
import {
  decidingItems,
  decidingOutcomes,
  displayPath,
  expectedVsActual,
  failureKind,
  isFailing,
} from './format.js';
import type { CaseResult, ItemTrace, Problem, RunReport } from './model.js';
import type { SourceSpan } from '../source.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://sigmatest.dev';
/** Items given as related locations per result (after the rule location). */
const MAX_ITEM_LOCATIONS = 10;

type Json = Record<string, unknown>;

/** A path as a relative URI reference: `/` separators, each segment percent-encoded. */
export function artifactUri(path: string): string {
  return displayPath(path)
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function physical(span: SourceSpan): Json {
  return {
    artifactLocation: { uri: artifactUri(span.file) },
    region: { startLine: Math.max(1, span.line), startColumn: Math.max(1, span.col) },
  };
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function descriptor(id: string, name: string, text: string): Json {
  return { id, name, shortDescription: { text }, fullDescription: { text } };
}

function caseRules(report: RunReport): Json[] {
  const seen = new Map<string, Json>();
  for (const c of report.cases.filter(isFailing)) {
    if (seen.has(c.ruleId)) continue;
    const text = c.ruleTitle === '' ? c.ruleId : c.ruleTitle;
    seen.set(c.ruleId, { ...descriptor(c.ruleId, text, text), properties: { path: displayPath(c.rulePath) } });
  }
  return [...seen.values()];
}

function problemRules(problems: readonly Problem[]): Json[] {
  const codes = [...new Set(problems.map((p) => p.code))].sort();
  return codes.map((code) => descriptor(`sigmatest/${code}`, code, `sigmatest problem ${code}`));
}

function caseMessage(c: CaseResult): string {
  const head = `Case '${c.name}' ${c.status === 'error' ? 'could not run' : 'failed'}: ${expectedVsActual(c)}.`;
  const lines = [head];
  if (c.message !== undefined) lines.push(c.message);
  const first = decidingOutcomes(c)[0];
  if (first?.explanation !== undefined) lines.push(...decidingItems(first.explanation).map((l) => `- ${l}`));
  return lines.join('\n');
}

function itemLocations(c: CaseResult): ItemTrace[] {
  const e = decidingOutcomes(c)[0]?.explanation;
  if (e === undefined) return [];
  const gateFailed = e.gate.length > 0 && !e.gateHeld;
  const items = gateFailed
    ? e.gate.filter((i) => !i.held)
    : e.selections.flatMap((s) => s.items.filter((i) => i.held === s.held));
  return items.slice(0, MAX_ITEM_LOCATIONS);
}

function caseResult(c: CaseResult, ruleIndex: number | undefined): Json {
  const related: Json[] = [
    { id: 0, message: { text: `rule '${c.ruleTitle}'` }, physicalLocation: physical(c.ruleSpan) },
    ...itemLocations(c).map((item, i) => ({
      id: i + 1,
      message: { text: `${item.field ?? '(keywords)'} ${item.held ? 'held' : 'did not hold'}` },
      physicalLocation: physical(item.span),
    })),
  ];
  return {
    ruleId: c.ruleId,
    ruleIndex,
    level: 'error',
    kind: 'fail',
    message: { text: caseMessage(c) },
    locations: [{ physicalLocation: physical(c.span) }],
    relatedLocations: related,
    partialFingerprints: { 'sigmatestCase/v1': fingerprint(c.ruleId, c.rulePath, c.name, c.span.file) },
    properties: { failureKind: failureKind(c), caseName: c.name, matches: c.matches, events: c.events },
  };
}

function problemResult(p: Problem, ruleIndex: number | undefined): Json {
  const result: Json = {
    ruleId: `sigmatest/${p.code}`,
    ruleIndex,
    level: 'error',
    kind: 'fail',
    message: { text: `${p.code}: ${p.message}` },
    locations: [{ physicalLocation: physical(p.span) }],
    partialFingerprints: { 'sigmatestProblem/v1': fingerprint(p.code, p.span.file, p.message) },
  };
  if (p.ruleId !== undefined) result.properties = { sigmaRuleId: p.ruleId };
  return result;
}

export function buildSarif(report: RunReport): Json {
  const errorProblems = report.problems.filter((p) => p.severity === 'error');
  const rules = [...caseRules(report), ...problemRules(errorProblems)];
  const index = new Map(rules.map((r, i) => [r.id as string, i]));
  const results = [
    ...report.cases.filter(isFailing).map((c) => caseResult(c, index.get(c.ruleId))),
    ...errorProblems.map((p) => problemResult(p, index.get(`sigmatest/${p.code}`))),
  ];
  const driver = { name: 'sigmatest', version: report.tool.version, informationUri: INFORMATION_URI, rules };
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver }, columnKind: 'utf16CodeUnits', results }],
  };
}

export function renderSarif(report: RunReport): string {
  return JSON.stringify(buildSarif(report), null, 2) + '\n';
}
