/**
 * GitHub Actions workflow annotations (`::error file=…,line=…,col=…,title=…::message`) for the most important
 * findings, at most `limit` (GitHub shows 10 errors per step). Order: error problems of kind RULE_LOAD /
 * CASE_RULE_NOT_FOUND / NO_RULES, then failing or erroring cases by their rule's level (critical > high > medium >
 * low > informational > none), then the other error problems; ties by file, line. Escaping as GitHub's toolkit
 * does: data `%` `\r` `\n`; properties also `:` and `,`; other control characters (NUL …) are dropped.
 */
import {
  compareText,
  decidingItems,
  decidingOutcomes,
  displayPath,
  expectedVsActual,
  levelRank,
  ruleOf,
  isFailing,
} from './format.js';
import type { CaseResult, Problem, RunReport } from './model.js';
import type { SourceSpan } from '../source.js';

const BLOCKING: ReadonlySet<Problem['code']> = new Set(['RULE_LOAD', 'CASE_RULE_NOT_FOUND', 'NO_RULES']);
/** Deciding selections quoted in one annotation. */
const MAX_ITEMS = 5;

interface Finding {
  /** Smaller first: 0 blocking problems, 1–6 cases by level, 7 other problems. */
  readonly rank: number;
  readonly span: SourceSpan;
  readonly title: string;
  readonly message: string;
}

// Control characters other than CR/LF would corrupt the workflow command line; they are dropped.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function escapeData(s: string): string {
  return s.replace(CONTROL, '').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function caseMessage(c: CaseResult): string {
  const lines = [`${expectedVsActual(c)}`];
  if (c.message !== undefined) lines.push(c.message);
  const e = decidingOutcomes(c)[0]?.explanation;
  if (e !== undefined) lines.push(...decidingItems(e).slice(0, MAX_ITEMS));
  return lines.join('\n');
}

function caseFinding(report: RunReport, c: CaseResult): Finding {
  return {
    rank: 1 + levelRank(ruleOf(report, c)?.level),
    span: c.span,
    title: `${c.ruleTitle}: ${c.name}`,
    message: caseMessage(c),
  };
}

function problemFinding(p: Problem): Finding {
  return { rank: BLOCKING.has(p.code) ? 0 : 7, span: p.span, title: `sigmatest ${p.code}`, message: p.message };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.rank - b.rank ||
    compareText(displayPath(a.span.file), displayPath(b.span.file)) ||
    a.span.line - b.span.line ||
    a.span.col - b.span.col
  );
}

function annotation(f: Finding): string {
  const props = [
    `file=${escapeProperty(displayPath(f.span.file))}`,
    `line=${f.span.line}`,
    `col=${f.span.col}`,
    `title=${escapeProperty(f.title)}`,
  ];
  return `::error ${props.join(',')}::${escapeData(f.message)}`;
}

export function githubAnnotations(report: RunReport, limit = 10): string[] {
  const findings = [
    ...report.problems.filter((p) => p.severity === 'error').map(problemFinding),
    ...report.cases.filter(isFailing).map((c) => caseFinding(report, c)),
  ];
  return findings
    .sort(compareFindings)
    .slice(0, Math.max(0, limit))
    .map(annotation);
}
