/**
 * Terminal rendering of a RunReport: a line per tested rule, then for each failing or erroring case its
 * file:line, what was expected and, per wrongly decided event, the explanation (gate, selections, items);
 * then problems, warnings and a summary that counts everything not run and why. Colours only on a TTY.
 */
import { formatExplanation } from '../../engine/explain-text.js';
import type { CaseResult, Problem, RunReport } from '../../report/model.js';
import type { Colors } from '../output.js';

const MAX_PROBLEMS_SHOWN = 50;

function location(span: { file: string; line: number; col: number }): string {
  return `${span.file}:${span.line}:${span.col}`;
}

function caseLines(c: CaseResult, color: Colors): string[] {
  const mark = c.status === 'error' ? color.red('!') : color.red('✗');
  const lines = [`    ${mark} ${c.name}  ${color.dim(location(c.span))}`, `      ${c.message ?? c.status}`];
  const paint = (kind: 'held' | 'failed' | 'dim', s: string): string => (kind === 'held' ? color.green(s) : kind === 'failed' ? color.red(s) : color.dim(s));
  for (const o of c.outcomes) {
    if (!o.explanation) continue;
    const agreement = o.referenceMatched !== undefined ? ` (reference evaluator: ${o.referenceMatched ? 'match' : 'no match'})` : '';
    lines.push(`      event #${o.index}: ${o.matched ? 'matched' : 'did not match'}${agreement}`);
    lines.push(...formatExplanation(o.explanation, { color: paint }).map((l) => `        ${l}`));
  }
  return lines;
}

function ruleLines(report: RunReport, color: Colors): string[] {
  const lines: string[] = [];
  const byRule = new Map<string, CaseResult[]>();
  for (const c of report.cases) byRule.set(c.rulePath, [...(byRule.get(c.rulePath) ?? []), c]);
  for (const rule of report.rules) {
    if (rule.cases === 0) continue;
    const bad = rule.failed + rule.errors;
    const mark = bad > 0 ? color.red('✗') : color.green('✓');
    const counts = bad > 0 ? color.red(`${bad} of ${rule.cases} failed`) : `${rule.cases} case${rule.cases === 1 ? '' : 's'}`;
    lines.push(`${mark} ${rule.title}  ${color.dim(rule.path)}  ${counts}`);
    for (const c of byRule.get(rule.path) ?? []) if (c.status !== 'pass') lines.push(...caseLines(c, color));
  }
  return lines;
}

function problemLines(problems: readonly Problem[], color: Colors): string[] {
  if (problems.length === 0) return [];
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => {
    const sev = p.severity === 'error' ? color.red('error') : color.yellow('warning');
    return `  ${color.bold(location(p.span))} ${sev} ${color.dim(p.code)} ${p.message}`;
  });
  const more = problems.length > MAX_PROBLEMS_SHOWN ? [`  … and ${problems.length - MAX_PROBLEMS_SHOWN} more (see summary.md)`] : [];
  return ['', 'Problems:', ...shown, ...more];
}

function notRunLine(report: RunReport): string {
  const untested = report.rules.filter((r) => r.cases === 0).length;
  const counts = new Map<string, number>();
  for (const p of report.problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  const reasons = [`${untested} rule${untested === 1 ? '' : 's'} without cases`];
  const named: Record<string, string> = {
    RULE_LOAD: 'rule load errors',
    CASE_FILE: 'invalid case files',
    CASE_RULE_NOT_FOUND: 'case files naming unknown rules',
    NO_RULES: 'empty or unreadable rule paths',
    REGRESSION: 'regression-data notices (missing info.yml, tests for rules not loaded)',
    POLICY_NO_POSITIVE: 'rules without a positive case',
    POLICY_NO_NEGATIVE: 'rules without a negative case',
  };
  for (const [code, n] of [...counts].sort()) if (named[code]) reasons.push(`${n} ${named[code]}`);
  return `Not run / problems: ${reasons.join(', ')}`;
}

export function printRunReport(report: RunReport, written: readonly string[], color: Colors): void {
  const t = report.totals;
  const lines = [...ruleLines(report, color), ...problemLines(report.problems, color), ''];
  const verdict = report.exitCode === 0 ? color.green('PASS') : color.red('FAIL');
  lines.push(`${verdict} ${t.rules} rules (${t.rulesWithCases} with cases), ${t.cases} cases: ${t.passed} passed, ${t.failed} failed, ${t.errors} errors, ${t.warnings} warnings; ${t.problems} problems (${(report.durationMs / 1000).toFixed(1)} s)`);
  lines.push(notRunLine(report));
  if (written.length > 0) lines.push(`Reports: ${written.join(', ')}`);
  process.stdout.write(lines.join('\n') + '\n');
}
