/**
 * A whole-ruleset matcher: which of N rules match an event, deciding exactly like evaluating every
 * CompiledRule.test (and so like referenceDecide), while evaluating only a few rules per event.
 *  1. routing.ts sends the event to the leaves whose log-source gates can hold (over-approximation);
 *  2. prefilter.ts adds, from those leaves, the rules all of whose necessary clauses (prefilter-atoms.ts: literal,
 *     equality and presence atoms) have an atom that holds, and the rules without clauses (over-approximation);
 *  3. only those candidates are evaluated, with their compiled `test(view)`.
 * Because (1) and (2) may only over-approximate, a rule that is not a candidate cannot match: the decisions are
 * those of per-rule evaluation. Not thread-safe (one matcher per worker); match results live in a buffer that
 * is valid until the next call.
 */
import type { IrRule, IrVariant } from '../ir/types.js';
import { withLoadBudget } from '../jit-budget.js';
import { CandidateSet } from './candidate-set.js';
import { compileRule, type CompiledRule } from './compile.js';
import type { Event } from './event.js';
import { EventView, fieldSlotCount } from './event-view.js';
import { Prefilter, type PrefilterEntry } from './prefilter.js';
import { AtomCosts, necessaryClauses, type Clauses } from './prefilter-atoms.js';
import { Router, type RouteEntry } from './routing.js';

export interface RulesetMatcherOptions {
  /** Route by log-source gates (default true). */
  readonly routing?: boolean;
  /** Number of gate fields to route on (default 2, e.g. Channel then EventID). */
  readonly routingLevels?: number;
  /** Use the literal prefilter (default true); without it every routed rule is evaluated. */
  readonly prefilter?: boolean;
  /**
   * Every event is plain JSON data — as from JSON.parse, YAML or events/adapt.ts: all own properties are
   * enumerable and no primitive value is inherited from a prototype. Lets the prefilter list an event's keys
   * with Object.keys instead of the slower Object.getOwnPropertyNames, and field lookups skip the own-property
   * check for primitive values. Default false (exact for any object).
   */
  readonly plainEvents?: boolean;
  /** Tuning: up to this many fields to probe, each is looked up; above, the event's own keys are listed (24). */
  readonly directProbes?: number;
  /** Already compiled rules, same order and length as `rules` (default: compiled here). */
  readonly compiled?: readonly CompiledRule[];
}

export interface RulesetMatcherStats {
  readonly rules: number;
  readonly events: number;
  /** Rules evaluated (compiled `test` calls), summed over events. */
  readonly evaluated: number;
  readonly meanEvaluated: number;
  readonly p95Evaluated: number;
  readonly maxEvaluated: number;
  /** Events routed to no rule at all (no leaf with rules). */
  readonly routedToNone: number;
  /** Events on which no rule was evaluated (nothing routed, or the prefilter ruled every routed rule out). */
  readonly noCandidate: number;
  readonly matches: number;
  /** histogram[k] = events on which exactly k rules were evaluated (length rules + 1). */
  readonly histogram: readonly number[];
}

const ascending = (a: number, b: number): number => a - b;

export class RulesetMatcher {
  readonly size: number;
  private readonly compiled: readonly CompiledRule[];
  private readonly router: Router;
  private readonly prefilter: Prefilter;
  private readonly candidates: CandidateSet;
  private readonly leafBuffer: Int32Array;
  private readonly results: number[] = [];
  /** Reused for every event given to match() (see event-view.ts). */
  private readonly view: EventView;
  private readonly histogram: Uint32Array;
  private counters = { events: 0, evaluated: 0, routedToNone: 0, noCandidate: 0, matches: 0 };

  constructor(rules: readonly IrRule[], options: RulesetMatcherOptions = {}) {
    if (options.compiled && options.compiled.length !== rules.length) throw new Error('compileRuleset: compiled rules do not match the rules');
    this.size = rules.length;
    this.compiled = options.compiled ?? rules.map(compileRule);
    this.candidates = new CandidateSet(rules.length);
    this.histogram = new Uint32Array(rules.length + 1);
    const entries: RouteEntry[] = rules.flatMap((rule, index) => rule.variants.map((variant) => ({ rule: index, variant })));
    const levels = (options.routing ?? true) ? (options.routingLevels ?? 2) : 0;
    const router = new Router(entries, { levels });
    // One leaf: routing can only tell "this leaf" from "no rule", which the prefilter's clauses (gate items
    // included) decide too; walking the tree would cost every event a lookup per level for nothing.
    this.router = router.leaves.length === 1 && levels > 0 ? new Router(entries, { levels: 0 }) : router;
    const usePrefilter = options.prefilter ?? true;
    const costs = usePrefilter ? AtomCosts.fromRules(rules) : new AtomCosts();
    // Memoised per (rule, variant): clauses depend on both, and rules of one log source may share a variant object.
    const clauses = new Map<number, Map<IrVariant, Clauses>>();
    const clausesOf = (e: RouteEntry): Clauses => {
      if (!usePrefilter) return [];
      let byVariant = clauses.get(e.rule);
      if (!byVariant) clauses.set(e.rule, (byVariant = new Map()));
      let found = byVariant.get(e.variant);
      if (!found) byVariant.set(e.variant, (found = necessaryClauses(rules[e.rule] as IrRule, e.variant, costs)));
      return found;
    };
    const leaves = this.router.leaves.map((leaf) => leaf.map((e): PrefilterEntry => ({ rule: e.rule, clauses: clausesOf(e) })));
    this.prefilter = new Prefilter(leaves, this.candidates, options);
    this.leafBuffer = new Int32Array(leaves.length);
    this.view = new EventView({}, fieldSlotCount(), options.plainEvents ?? false);
  }

  /** Indices (ascending) of the rules matching `event`; the array is reused by the next call. */
  match(event: Event): readonly number[] {
    const view = this.view;
    view.reset(event);
    return this.matchView(view);
  }

  /** Like match(), sharing the caller's EventView (a fresh one per event). */
  matchView(view: EventView): readonly number[] {
    const candidates = this.candidates;
    candidates.begin();
    const count = this.router.route(view, this.leafBuffer);
    this.prefilter.collect(view, this.leafBuffer, count);
    const results = this.results;
    if (results.length !== 0) results.length = 0;
    for (let i = 0; i < candidates.count; i++) {
      const rule = candidates.list[i] as number;
      if ((this.compiled[rule] as CompiledRule).test(view)) results.push(rule);
    }
    if (results.length > 1) results.sort(ascending);
    this.count(count, candidates.count, results.length);
    return results;
  }

  /** `leaves`: routed leaves (a leaf always holds rules, so 0 leaves = routed to no rule). */
  private count(leaves: number, evaluated: number, matches: number): void {
    const c = this.counters;
    c.events++;
    c.evaluated += evaluated;
    c.matches += matches;
    if (leaves === 0) c.routedToNone++;
    if (evaluated === 0) c.noCandidate++;
    this.histogram[evaluated] = (this.histogram[evaluated] as number) + 1;
  }

  stats(): RulesetMatcherStats {
    const c = this.counters;
    let max = 0;
    let p95 = 0;
    let seen = 0;
    const histogram = [...this.histogram];
    histogram.forEach((events, k) => {
      if (events > 0) max = k;
      if (seen < 0.95 * c.events && (seen += events) >= 0.95 * c.events) p95 = k;
    });
    const meanEvaluated = c.events > 0 ? c.evaluated / c.events : 0;
    return { rules: this.size, ...c, meanEvaluated, p95Evaluated: p95, maxEvaluated: max, histogram };
  }

  resetStats(): void {
    this.counters = { events: 0, evaluated: 0, routedToNone: 0, noCandidate: 0, matches: 0 };
    this.histogram.fill(0);
  }
}

/**
 * Builds the matcher for `rules`; result indices refer to positions in `rules`. Built with V8's inlining budget for
 * loading (jit-budget.ts): building is one pass, matching (after it) has V8's own budget.
 */
export function compileRuleset(rules: readonly IrRule[], options: RulesetMatcherOptions = {}): RulesetMatcher {
  return withLoadBudget(() => new RulesetMatcher(rules, options));
}
