/**
 * Rules on disk → a ruleset ready to evaluate: load (loader/), lower with the log-source map and placeholders
 * (ir/), AND on the meta filters that target each rule (apply-filters.ts), compile (engine/). One bad rule never
 * stops the others: its problems are Diagnostics and it is left out of `rules`. Log sources without a mapping
 * entry are gated by product (logsource/resolve.ts resolveUnmapped) and reported once each, saying which events
 * their rules apply to (LOGSOURCE_UNMAPPED, info).
 */
import { compareDiagnostics, diagnostic, type Diagnostic } from '../diagnostics.js';
import { lowerCorrelations } from '../correlation/index.js';
import type { IrCorrelation } from '../correlation/types.js';
import { compileRule, type CompiledRule } from '../engine/compile.js';
import { lowerRule, type RuleLowerOptions } from '../ir/lower.js';
import type { IrRule } from '../ir/types.js';
import { withLoadBudget } from '../jit-budget.js';
import { loadRuleFiles } from '../loader/index.js';
import type { LoadResult, LogSource, SigmaCorrelation, SigmaDocument, SigmaRule } from '../loader/types.js';
import { resolveLogsource, resolveUnmapped, UNMAPPED_LABEL, type LogsourceMap } from '../logsource/index.js';
import { applyFilters, lowerFilters } from './apply-filters.js';
import type { Placeholders } from './placeholders.js';
import { cachedRuleset, cacheFolderFromEnv } from './ruleset-cache.js';

export interface RulesetOptions {
  readonly placeholders?: Placeholders;
  /** `check` without a placeholders file reports unresolved placeholders as warnings; evaluation needs errors. */
  readonly unresolvedPlaceholder?: 'error' | 'warning';
  /** `null` = no gating at all (every rule on every event). */
  readonly logsourceMap: LogsourceMap | null;
}

export interface PreparedRule {
  readonly source: SigmaRule;
  readonly ir: IrRule;
  readonly compiled: CompiledRule;
}

export interface Ruleset {
  readonly rules: readonly PreparedRule[];
  /** Correlations that lowered without an error, inner before outer (lowered after all rules are prepared). */
  readonly correlations: readonly IrCorrelation[];
  readonly documents: readonly SigmaDocument[];
  /** Sorted by file, line, column. */
  readonly diagnostics: readonly Diagnostic[];
  readonly files: number;
  /** Documents (rules, correlations, filters) that loaded and lowered without an error. */
  readonly loadedDocuments: number;
  /** Detection-rule documents that could not be prepared (error) or evaluated (e.g. unresolved placeholder). */
  readonly failedRules: number;
}

export function logsourceKey(ls: LogSource): string {
  return `${ls.product ?? '*'}/${ls.category ?? '*'}/${ls.service ?? '*'}`;
}

function resolversFor(map: LogsourceMap | null): Pick<RuleLowerOptions, 'resolveLogsource' | 'resolveUnmapped'> {
  if (!map) return { resolveLogsource: () => null };
  return { resolveLogsource: (ls) => resolveLogsource(map, ls), resolveUnmapped: (ls) => resolveUnmapped(map, ls) };
}

function unmappedNotice(rule: SigmaRule, ir: IrRule, map: LogsourceMap): Diagnostic {
  const applies = (ir.variants[0]?.label ?? '').replace(UNMAPPED_LABEL, '');
  const message = `log source ${logsourceKey(rule.logsource)} has no entry in ${map.source}: its rules are evaluated on ${applies}`;
  return diagnostic('LOGSOURCE_UNMAPPED', 'info', message, rule.logsourceSpan);
}

export function prepareRuleset(load: LoadResult, options: RulesetOptions): Ruleset {
  const diagnostics: Diagnostic[] = [...load.diagnostics];
  const rules: PreparedRule[] = [];
  const unmappedSeen = new Set<string>();
  const lowerOptions: RuleLowerOptions = { ...options, ...resolversFor(options.logsourceMap) };
  let loadedDocuments = 0;
  let failedRules = 0;
  const filters = lowerFilters(load.documents, options);
  for (const doc of load.documents) {
    if (doc.kind === 'correlation') continue;
    if (doc.kind === 'filter') {
      const problems = filters.diagnostics.get(doc) ?? [];
      diagnostics.push(...problems);
      if (!problems.some((d) => d.severity === 'error')) loadedDocuments++;
      continue;
    }
    const lowered = lowerRule(doc, lowerOptions);
    diagnostics.push(...lowered.diagnostics);
    if (!lowered.diagnostics.some((d) => d.severity === 'error')) loadedDocuments++;
    if (!lowered.rule) {
      failedRules++;
      continue;
    }
    if (lowered.rule.unmappedLogsource && options.logsourceMap && !unmappedSeen.has(logsourceKey(doc.logsource))) {
      unmappedSeen.add(logsourceKey(doc.logsource));
      diagnostics.push(unmappedNotice(doc, lowered.rule, options.logsourceMap));
    }
    const ir = applyFilters(lowered.rule, doc, filters.filters);
    rules.push({ source: doc, ir, compiled: compileRule(ir) });
  }
  const correlationDocs = load.documents.filter((d): d is SigmaCorrelation => d.kind === 'correlation');
  const references = rules.map((r) => ({ id: r.ir.id, ...(r.source.name !== undefined ? { name: r.source.name } : {}) }));
  const { correlations, diagnostics: correlationProblems } = lowerCorrelations(correlationDocs, references);
  diagnostics.push(...correlationProblems);
  loadedDocuments += correlations.length;
  failedRules += countFailedRuleFiles(load);
  diagnostics.sort(compareDiagnostics);
  return { rules, correlations, documents: load.documents, diagnostics, files: load.files, loadedDocuments, failedRules };
}

/** Rule documents the loader already dropped (YAML or schema errors) count as failed rules too. */
function countFailedRuleFiles(load: LoadResult): number {
  if (!load.diagnostics.some((d) => d.severity === 'error')) return 0;
  const filesWithDocs = new Set(load.documents.map((d) => d.file));
  const failedFiles = new Set(load.diagnostics.filter((d) => d.severity === 'error' && !filesWithDocs.has(d.span.file)).map((d) => d.span.file));
  return failedFiles.size;
}

/** Loads and prepares the rules of `paths`, with V8's inlining budget for loading (jit-budget.ts). */
export async function buildRuleset(paths: readonly string[], options: RulesetOptions): Promise<Ruleset> {
  return withLoadBudget(async () => {
    const cacheFolder = cacheFolderFromEnv(); // opt-in: SIGMATEST_CACHE (ruleset-cache.ts)
    if (cacheFolder !== null) return (await cachedRuleset(cacheFolder, paths, options, (load) => prepareRuleset(load, options))).ruleset;
    return prepareRuleset(await loadRuleFiles([...paths]), options);
  });
}
