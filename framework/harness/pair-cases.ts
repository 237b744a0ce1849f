/**
 * Case files → the rules they name. A case file's `rule:` is the id or name of a detection rule or of a
 * correlation rule, or a path (relative to the working folder or to the case file); ids win over names, names
 * over paths, and a detection rule over a correlation. Out: cases grouped per prepared rule and per correlation,
 * and a CASE_RULE_NOT_FOUND problem for every file whose rule is not loaded (with the reason when the rule exists
 * but failed to load).
 */
import path from 'node:path';
import type { IrCorrelation } from '../correlation/index.js';
import type { Problem } from '../report/model.js';
import type { PreparedRule, Ruleset } from '../ruleset/build-ruleset.js';
import type { CaseFile } from './case-file.js';

export interface PairedCases {
  readonly byRule: ReadonlyMap<PreparedRule, readonly CaseFile[]>;
  readonly byCorrelation: ReadonlyMap<IrCorrelation, readonly CaseFile[]>;
  readonly problems: readonly Problem[];
}

type Target = { readonly kind: 'rule'; readonly rule: PreparedRule } | { readonly kind: 'correlation'; readonly correlation: IrCorrelation };

/** First writer wins: a detection rule before a correlation, an earlier document before a later one. */
function setOnce(index: Map<string, Target>, key: string, target: Target): void {
  if (!index.has(key)) index.set(key, target);
}

function indexTargets(rules: readonly PreparedRule[], correlations: readonly IrCorrelation[]): Map<string, Target> {
  const index = new Map<string, Target>();
  for (const rule of rules) {
    const target = { kind: 'rule', rule } as const;
    if (rule.source.id) setOnce(index, `id:${rule.source.id}`, target);
    if (rule.source.name) setOnce(index, `name:${rule.source.name}`, target);
    setOnce(index, `path:${path.resolve(rule.source.file)}`, target);
  }
  for (const correlation of correlations) {
    const target = { kind: 'correlation', correlation } as const;
    setOnce(index, `id:${correlation.id}`, target);
    if (correlation.name) setOnce(index, `name:${correlation.name}`, target);
    setOnce(index, `path:${path.resolve(correlation.path)}`, target);
  }
  return index;
}

function findTarget(index: ReadonlyMap<string, Target>, file: CaseFile): Target | undefined {
  return (
    index.get(`id:${file.rule}`) ??
    index.get(`name:${file.rule}`) ??
    index.get(`path:${path.resolve(file.rule)}`) ??
    index.get(`path:${path.resolve(path.dirname(file.file), file.rule)}`)
  );
}

function notFound(file: CaseFile, ruleset: Ruleset): Problem {
  const failed = ruleset.documents.some((d) => d.id === file.rule || (d.name !== undefined && d.name === file.rule));
  const message = failed
    ? `case file names rule ${file.rule}, which failed to load (see the RULE_LOAD problems)`
    : `case file names rule ${file.rule}, which is not among the loaded rules (no detection or correlation rule with that id, name or path)`;
  return { code: 'CASE_RULE_NOT_FOUND', severity: 'error', message, span: file.ruleSpan };
}

function add<K>(map: Map<K, CaseFile[]>, key: K, file: CaseFile): void {
  const list = map.get(key) ?? [];
  list.push(file);
  map.set(key, list);
}

export function pairCases(ruleset: Ruleset, files: readonly CaseFile[]): PairedCases {
  const index = indexTargets(ruleset.rules, ruleset.correlations);
  const byRule = new Map<PreparedRule, CaseFile[]>();
  const byCorrelation = new Map<IrCorrelation, CaseFile[]>();
  const problems: Problem[] = [];
  for (const file of files) {
    const target = findTarget(index, file);
    if (!target) problems.push(notFound(file, ruleset));
    else if (target.kind === 'rule') add(byRule, target.rule, file);
    else add(byCorrelation, target.correlation, file);
  }
  return { byRule, byCorrelation, problems };
}
