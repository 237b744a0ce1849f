/**
 * Case files → the rules they name. A case file's `rule:` is a rule id, or a path (relative to the working
 * folder or to the case file). Out: cases grouped per prepared rule, and a CASE_RULE_NOT_FOUND problem for
 * every file whose rule is not loaded (with the reason when the rule exists but failed to load).
 */
import path from 'node:path';
import type { Problem } from '../report/model.js';
import type { PreparedRule, Ruleset } from '../ruleset/build-ruleset.js';
import type { CaseFile } from './case-file.js';

export interface PairedCases {
  readonly byRule: ReadonlyMap<PreparedRule, readonly CaseFile[]>;
  readonly problems: readonly Problem[];
}

function indexRules(rules: readonly PreparedRule[]): Map<string, PreparedRule> {
  const index = new Map<string, PreparedRule>();
  for (const rule of rules) {
    if (rule.source.id) index.set(`id:${rule.source.id}`, rule);
    index.set(`path:${path.resolve(rule.source.file)}`, rule);
  }
  return index;
}

function findRule(index: ReadonlyMap<string, PreparedRule>, file: CaseFile): PreparedRule | undefined {
  return (
    index.get(`id:${file.rule}`) ??
    index.get(`path:${path.resolve(file.rule)}`) ??
    index.get(`path:${path.resolve(path.dirname(file.file), file.rule)}`)
  );
}

function notFound(file: CaseFile, ruleset: Ruleset): Problem {
  const failed = ruleset.documents.some((d) => d.id === file.rule);
  const message = failed
    ? `case file names rule ${file.rule}, which failed to load (see the RULE_LOAD problems)`
    : `case file names rule ${file.rule}, which is not among the loaded rules (no rule with that id or path)`;
  return { code: 'CASE_RULE_NOT_FOUND', severity: 'error', message, span: file.ruleSpan };
}

export function pairCases(ruleset: Ruleset, files: readonly CaseFile[]): PairedCases {
  const index = indexRules(ruleset.rules);
  const byRule = new Map<PreparedRule, CaseFile[]>();
  const problems: Problem[] = [];
  for (const file of files) {
    const rule = findRule(index, file);
    if (!rule) {
      problems.push(notFound(file, ruleset));
      continue;
    }
    const list = byRule.get(rule) ?? [];
    list.push(file);
    byRule.set(rule, list);
  }
  return { byRule, problems };
}
