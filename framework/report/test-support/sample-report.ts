/**
 * A realistic RunReport for the reporter tests: two rules (high, critical), passing / failing / erroring cases,
 * a regression case with a count expectation, an evaluator disagreement, problems of both severities, a warning
 * diagnostic, and hostile strings (`<`, `&`, `"`, `]]>`, NUL, newlines, `|`, backticks) in titles, names, values
 * and messages. Paths mix repo-relative, absolute inside process.cwd() and absolute outside it.
 * `cleanReport()` is the same run with every failure, error and error problem removed (exit code 0).
 */
import { join } from 'node:path';
import type { CaseResult, Explanation, ItemTrace, Problem, RuleSummary, RunReport } from '../model.js';
import type { SourceSpan } from '../../source.js';

export const HOSTILE = 'Evil <script> & "quoted" ]]> NUL\u0000 | pipe\nnewline `tick`';

const RULE_A_PATH = 'rules/windows/proc_creation_win_certutil.yml';
const RULE_B_PATH = 'rules/windows/zz_hostile_rule.yml';
/** A case file given as an absolute path inside the working directory. */
export const CASE_A_FILE = join(process.cwd(), 'cases', 'certutil.yml');
const CASE_B_FILE = 'cases/hostile.yml';
export const OUTSIDE_FILE = '/outside-of-cwd/rules/broken.yml';

function span(file: string, line: number, col = 1): SourceSpan {
  return { file, line, col };
}

function item(file: string, line: number, field: string | null, values: string[], held: boolean, actual?: unknown): ItemTrace {
  const modifiers = field === 'CommandLine' ? ['contains', 'all'] : field === 'Image' ? ['endswith'] : [];
  const base = { field, modifiers, values, held, span: span(file, line, 9) };
  return actual === undefined ? base : { ...base, actual };
}

function explanation(selections: Explanation['selections'], matched: boolean, gateHeld = true): Explanation {
  return {
    variant: 'sysmon',
    gate: [
      item(RULE_A_PATH, 4, 'Channel', ["'Microsoft-Windows-Sysmon/Operational'"], true, 'Microsoft-Windows-Sysmon/Operational'),
      item(RULE_A_PATH, 4, 'EventID', ['1'], gateHeld, gateHeld ? 1 : 4688),
    ],
    gateHeld,
    selections,
    condition: ['selection_img and selection_cli'],
    matched,
  };
}

const RULE_A: RuleSummary = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001', title: 'Certutil Download With URLCache', path: RULE_A_PATH,
  level: 'high', span: span(RULE_A_PATH, 1), tags: ['attack.t1105'],
  cases: 4, passed: 1, failed: 2, errors: 1, positives: 3, negatives: 0,
};

const RULE_B: RuleSummary = {
  id: 'b1b2c3d4-0000-4000-8000-000000000002', title: HOSTILE, path: RULE_B_PATH, level: 'critical',
  span: span(RULE_B_PATH, 2), tags: [], cases: 4, passed: 2, failed: 2, errors: 0, positives: 2, negatives: 2,
};

type CaseFields = Omit<CaseResult, 'ruleId' | 'rulePath' | 'ruleTitle' | 'ruleSpan' | 'span' | 'tags' | 'origin'> & {
  origin?: CaseResult['origin'];
};

function caseOf(rule: RuleSummary, file: string, line: number, rest: CaseFields): CaseResult {
  return {
    ruleId: rule.id, rulePath: rule.path, ruleTitle: rule.title, ruleSpan: rule.span,
    span: span(file, line, 5), tags: [], origin: 'case-file', ...rest,
  };
}

const imgHeld = {
  name: 'selection_img',
  held: true,
  items: [item(RULE_A_PATH, 8, 'Image', ["'\\certutil.exe'"], true, 'C:\\Windows\\System32\\certutil.exe')],
};

const CASES_A: CaseResult[] = [
  caseOf(RULE_A, CASE_A_FILE, 5, {
    name: 'downloads with urlcache', expect: { kind: 'match' }, status: 'pass', matches: 1, events: 1,
    outcomes: [{ index: 0, matched: true }],
  }),
  caseOf(RULE_A, CASE_A_FILE, 14, {
    name: 'split flag variant', expect: { kind: 'match' }, status: 'fail', matches: 0, events: 1,
    message: 'event #0 did not match',
    outcomes: [{ index: 0, matched: false, explanation: explanation([imgHeld, {
      name: 'selection_cli', held: false,
      items: [item(RULE_A_PATH, 10, 'CommandLine', ["'-urlcache'", "'-f'"], false, 'certutil -split -f http://x/a.exe')],
    }], false) }],
  }),
  caseOf(RULE_A, CASE_A_FILE, 25, {
    name: 'placeholder case', expect: { kind: 'match' }, status: 'error', matches: 0, events: 1, outcomes: [],
    message: "UNRESOLVED_PLACEHOLDER: placeholder '%Admins%' has no value",
  }),
  caseOf(RULE_A, 'regression_data/rules/windows/certutil/info.yml', 1, {
    name: 'regression: certutil.json', origin: 'regression', expect: { kind: 'count', count: 2, atLeast: true },
    status: 'fail', matches: 1, events: 3, message: 'expected at least 2 matches, got 1',
    outcomes: [
      { index: 0, matched: true, explanation: explanation([imgHeld], true) },
      { index: 1, matched: false, explanation: explanation([], false, false) },
      { index: 2, matched: true, explanation: explanation([imgHeld], true) },
    ],
  }),
];

const hostileSelection = {
  name: 'selection', held: true,
  items: [item(RULE_B_PATH, 9, 'CommandLine', ["'<img src=x>'", "']]>'"], true, `<img src=x> ]]> & "q" \u0000 | pipe\nline`)],
};
const keywordFilter = { name: 'filter_main_|pipe', held: false, items: [item(RULE_B_PATH, 12, null, ["'benign'"], false)] };

const CASES_B: CaseResult[] = [
  caseOf(RULE_B, CASE_B_FILE, 3, {
    name: 'benign admin <tool> & "x" ]]>', expect: { kind: 'no-match' }, status: 'pass', matches: 0, events: 1,
    outcomes: [{ index: 0, matched: false }],
  }),
  caseOf(RULE_B, CASE_B_FILE, 10, {
    name: `hostile ${HOSTILE}`, expect: { kind: 'no-match' }, status: 'fail', matches: 1, events: 2,
    message: `event #1 matched: ${HOSTILE}`,
    outcomes: [
      { index: 0, matched: false, explanation: explanation([{ ...hostileSelection, held: false }, keywordFilter], false) },
      { index: 1, matched: true, explanation: explanation([hostileSelection, keywordFilter], true) },
    ],
  }),
  caseOf(RULE_B, CASE_B_FILE, 20, {
    name: 'evaluator disagreement', expect: { kind: 'match' }, status: 'fail', matches: 1, events: 1,
    message: 'compiled and reference evaluators disagree on event #0',
    outcomes: [{ index: 0, matched: true, referenceMatched: false, explanation: explanation([hostileSelection], false) }],
  }),
  caseOf(RULE_B, CASE_B_FILE, 30, {
    name: 'count with warning', expect: { kind: 'count', count: 1, atLeast: true }, status: 'pass', matches: 2,
    events: 2, warning: 'expected at least 1 match, got 2 (more is allowed)',
    outcomes: [{ index: 0, matched: true }, { index: 1, matched: true }],
  }),
];

const PROBLEMS: Problem[] = [
  { code: 'RULE_LOAD', severity: 'error', message: `CONDITION_SYNTAX: unexpected ')' <at> 3:12 & ]]>`, span: span(OUTSIDE_FILE, 3, 12) },
  { code: 'CASE_RULE_NOT_FOUND', severity: 'error', message: `no rule 'does-not-exist' | ${HOSTILE}`, span: span(CASE_B_FILE, 40, 3) },
  { code: 'CASE_EVENTS', severity: 'error', message: 'events file regression_data/x.json: malformed JSON', span: span(CASE_B_FILE, 55) },
  { code: 'POLICY_NO_NEGATIVE', severity: 'warning', message: 'rule has no negative case', span: RULE_A.span, ruleId: RULE_A.id },
];

export function sampleReport(): RunReport {
  return {
    tool: { name: 'sigmatest', version: '0.1.0' },
    rules: [RULE_A, RULE_B],
    cases: [...CASES_A, ...CASES_B],
    problems: PROBLEMS,
    diagnostics: [{ code: 'UNUSED_IDENTIFIER', severity: 'warning', message: "identifier 'unused' is not used", span: span(RULE_B_PATH, 15, 5) }],
    totals: { rules: 2, rulesWithCases: 2, cases: 8, passed: 3, failed: 4, errors: 1, warnings: 3, problems: 3 },
    durationMs: 1234.5,
    exitCode: 1,
  };
}

export function cleanReport(): RunReport {
  const r = sampleReport();
  const cases = r.cases.filter((c) => c.status === 'pass');
  const count = (rule: RuleSummary): RuleSummary => {
    const own = cases.filter((c) => c.rulePath === rule.path);
    return { ...rule, cases: own.length, passed: own.length, failed: 0, errors: 0 };
  };
  return {
    ...r,
    rules: r.rules.map(count),
    cases,
    problems: r.problems.filter((p) => p.severity === 'warning'),
    totals: { ...r.totals, cases: cases.length, passed: cases.length, failed: 0, errors: 0, problems: 0 },
    exitCode: 0,
  };
}
