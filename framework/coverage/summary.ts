/**
 * The terminal summary of `sigmatest coverage` as plain lines (the CLI colours them): rules by test status,
 * cases, logic coverage figures (hand-written), rules without cases / without a negative case, correlation rules
 * (status, sequence cases fired / silent, situations covered) and filters, the fuzz figures beside them, the
 * catalog, and the written files.
 */
import { ratioText } from './format.js';
import type { CoverageReport } from './model.js';

export function summaryLines(report: CoverageReport, written: readonly string[], rulePages: number): string[] {
  const t = report.totals;
  const f = t.figures;
  const lines = [
    `${t.rules} rules: ${t.tested} tested, ${t.partlyTested} partly tested, ${t.untested} untested, ${t.failing} failing; ${t.cases} cases: ${t.passed} passed, ${t.failed} failed, ${t.errors} errors`,
    `rules with cases: ${t.rulesWithCases}; without cases: ${t.rulesWithoutCases}; without a positive case: ${t.rulesWithoutPositive}; without a negative case: ${t.rulesWithoutNegative}`,
    `logic coverage (hand-written cases): ${t.percent}% of items made true and false over all rules (${ratioText(f.items)}); ${t.testedPercent}% over rules with cases (${ratioText(t.testedFigures.items)})`,
    `  items made true ${ratioText(f.itemsTrue)}, made false ${ratioText(f.itemsFalse)}, independent ${ratioText(f.itemsIndependent)}`,
    `  values made true and false ${ratioText(f.values)}, independent ${ratioText(f.valuesIndependent)}; selections made true and false ${ratioText(f.selections)}, independent ${ratioText(f.selectionsIndependent)}`,
  ];
  const c = t.correlations;
  if (c.correlations > 0) {
    lines.push(
      `${c.correlations} correlation rules: ${c.tested} tested, ${c.partlyTested} partly tested, ${c.untested} untested, ${c.failing} failing; ${c.cases} sequence cases: fired on ${c.fired}, silent on ${c.silent}; situations covered ${ratioText(c.situations)}; with a referenced rule without cases: ${c.withUntestedReferences}`,
    );
  }
  if (report.filters.length > 0) lines.push(`${report.filters.length} filters, applied to ${new Set(report.filters.flatMap((f) => f.appliesTo.map((r) => r.page))).size} rules`);
  if (t.fuzz && report.sources.fuzz) {
    lines.push(
      `fuzz (generated, beside; ${report.sources.fuzz.file}): ${t.fuzz.rules} rules, items with a near miss ${ratioText({ covered: t.fuzz.nearMiss, total: t.fuzz.items })}, with an independence pair ${ratioText({ covered: t.fuzz.independencePair, total: t.fuzz.items })}`,
    );
  }
  if (report.sources.catalog) lines.push(`catalog: ${report.sources.catalog.rules} rules from ${report.sources.catalog.paths.join(' ')}`);
  if (report.problems.length > 0) lines.push(`problems: ${report.problems.length} (see coverage.md)`);
  const correlationPages = report.correlations.length > 0 ? ` and ${report.correlations.length * 2} correlation pages` : '';
  lines.push(`wrote ${written.join(', ')} and ${rulePages * 2} rule pages${correlationPages} (md + html)`);
  return lines;
}
