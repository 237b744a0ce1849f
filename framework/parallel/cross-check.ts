/**
 * `sigmatest run` checks the whole-ruleset matcher (what `scan` and `fuzz` use) on every case event: the rule set
 * as loaded is compiled into one matcher (log-source routing + literal prefilter over all rules), and each event of
 * each selected case must be matched by it for the rule's index exactly when the rule's own compiled test matches.
 * A difference is an engine error, reported as an ENGINE_DISAGREEMENT problem (severity error) at the case.
 * Cases whose events could not be read are skipped (they are errors already).
 */
import { EventView } from '../engine/event-view.js';
import { compileRuleset, type RulesetMatcher } from '../engine/ruleset-matcher.js';
import { selectedCases, type PreparedSuite, type SuiteEntry } from '../harness/run.js';
import type { Problem } from '../report/model.js';
import type { PreparedRule } from '../ruleset/build-ruleset.js';

export class RulesetCrossCheck {
  private readonly matcher: RulesetMatcher;
  private readonly indexOf: Map<PreparedRule, number>;

  constructor(suite: PreparedSuite) {
    const rules = suite.ruleset.rules;
    // plainEvents as in scan: case events are plain YAML/JSON data.
    this.matcher = compileRuleset(rules.map((r) => r.ir), { compiled: rules.map((r) => r.compiled), plainEvents: true });
    this.indexOf = new Map(rules.map((r, i) => [r, i]));
  }

  /** ENGINE_DISAGREEMENT problems of the selected cases of `entries`. */
  check(entries: readonly SuiteEntry[], filter: string | undefined): Problem[] {
    const problems: Problem[] = [];
    for (const entry of entries) {
      if (!entry.selected) continue;
      const index = this.indexOf.get(entry.rule);
      if (index === undefined) throw new Error(`cross-check: rule ${entry.rule.ir.path} is not in the rule set`);
      for (const c of selectedCases(entry, filter)) {
        if (c.readErrors && c.readErrors.length > 0) continue;
        const differ: number[] = [];
        c.events.forEach((event, i) => {
          const own = entry.rule.compiled.test(new EventView(event));
          if (own !== this.matcher.match(event).includes(index)) differ.push(i);
        });
        if (differ.length === 0) continue;
        const message = `engine error: the whole-ruleset matcher (${this.matcher.size} rules) and the rule's compiled test decide event${differ.length > 1 ? 's' : ''} #${differ.join(', #')} of case '${c.name}' differently`;
        problems.push({ code: 'ENGINE_DISAGREEMENT', severity: 'error', message, span: c.span, ruleId: entry.rule.ir.id });
      }
    }
    return problems;
  }
}
