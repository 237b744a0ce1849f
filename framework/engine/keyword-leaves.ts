/**
 * The haystack of keyword atoms (semantics §3.3: a keyword searches every leaf value of the event): every
 * primitive leaf of the event — exactly the leaves of engine/field.ts collectLeaves, in their string form as
 * ValueView prints them — is handed to the keyword NeedleIndex. Contract: every leaf in which a needle could
 * occur is scanned; leaves in which none can (numbers, booleans: NeedleIndex.mayOccurIn) may be skipped.
 */
import type { NeedleIndex, NeedleSink } from './aho-corasick.js';
import { stringForm } from './values.js';

export class KeywordLeaves {
  constructor(
    private readonly index: NeedleIndex,
    private readonly sink: NeedleSink,
  ) {}

  /** Scans the leaves of `value` (an event, or one of its values): for-in over objects, arrays flattened. */
  scan(value: unknown): void {
    if (typeof value === 'string') {
      this.index.scanString(value, this.sink);
    } else if (value === null || value === undefined) {
      return;
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.scan(value[i]);
    } else if (typeof value === 'object') {
      for (const key in value as Record<string, unknown>) this.scan((value as Record<string, unknown>)[key]);
    } else if (this.index.mayOccurIn(value)) {
      this.index.scanString(stringForm(value), this.sink);
    }
  }
}
