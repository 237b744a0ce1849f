/**
 * The per-event set of candidate rules of the ruleset matcher: rule indices added in any order, each kept once,
 * cleared in O(1) by starting a new epoch. Fixed capacity (the rule count); no allocation after construction.
 * Epochs are doubles (stamps in Float64Array): they never wrap, so a stale stamp can never look current.
 */
export class CandidateSet {
  /** Incremented by `begin()`; other per-event stamps (needles, fields, leaves) compare against it. */
  epoch = 0;
  count = 0;
  readonly list: Int32Array;
  private readonly stamps: Float64Array;

  constructor(capacity: number) {
    this.list = new Int32Array(capacity);
    this.stamps = new Float64Array(capacity);
  }

  /** Start a new event: the set becomes empty. */
  begin(): void {
    this.count = 0;
    this.epoch++;
  }

  add(rule: number): void {
    if (this.stamps[rule] !== this.epoch) {
      this.stamps[rule] = this.epoch;
      this.list[this.count++] = rule;
    }
  }

  addAll(rules: Int32Array): void {
    for (let i = 0; i < rules.length; i++) this.add(rules[i] as number);
  }
}
