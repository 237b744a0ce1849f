/**
 * sigmatest's public API (re-exports only): load rules, lower and compile them, decide, run cases, write reports.
 * The vitest registration is a separate entry point: `sigmatest/vitest`.
 */
export { loadRuleFiles, loadRuleText } from './loader/index.js';
export type { SigmaRule, SigmaCorrelation, SigmaFilter, SigmaDocument, LoadResult } from './loader/types.js';
export { buildRuleset, prepareRuleset, type Ruleset, type PreparedRule, type RulesetOptions } from './ruleset/build-ruleset.js';
export { loadPlaceholders, parsePlaceholders, type Placeholders } from './ruleset/placeholders.js';
export { defaultLogsourceMap, loadLogsourceMapFile, type LogsourceMap } from './logsource/index.js';
export type { IrRule } from './ir/types.js';
export { compileRule, type CompiledRule } from './engine/compile.js';
export { EventView } from './engine/event-view.js';
export { referenceDecide } from './engine/reference.js';
export { explainDecision } from './engine/explain.js';
export { formatExplanation } from './engine/explain-text.js';
export type { Event } from './engine/event.js';
export { readEvents, adaptEvent } from './events/index.js';
export { runSuite, prepareSuite, STRICT_POLICY, LENIENT_POLICY, type CasePolicy, type RunOptions } from './harness/run.js';
export { loadCaseFiles, parseCaseFile, type CaseFile, type TestCase } from './harness/case-file.js';
export { writeReports } from './report/write.js';
export type * from './report/model.js';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics.js';
