/**
 * The situations a correlation rule's sequence cases should cover, named by the case tags the bundled case files
 * use (cases/correlations/): a sequence that fires (`positive`) and one that stays silent (`negative`), one event
 * or one distinct value short (`near-miss`), an event on or one second past the window edge (`window-edge`), and,
 * when they apply, events of different groups (`group-by`), an event without a group-by field
 * (`missing-group-by`), the referenced rules in the wrong order (`order`, temporal_ordered), aliased fields
 * (`aliases`) and an inner correlation's alerts (`chain`). A situation is covered by a passing case that carries
 * its tag; `positive` / `negative` are decided by the case's expectation (alerts > 0 / = 0), not its tags. Tags
 * outside this table are listed too, as not expected. Pure.
 */
import type { CorrelationType } from '../correlation/types.js';
import type { Ratio, SituationCoverage } from './model.js';

interface Situation {
  readonly tag: string;
  readonly label: string;
  readonly expected: (c: SituationSubject) => boolean;
}

export interface SituationSubject {
  readonly type: CorrelationType;
  readonly groupBy: readonly string[];
  readonly aliases: Readonly<Record<string, unknown>>;
  /** Whether some reference is a correlation (a chain). */
  readonly chained: boolean;
}

/** What a case contributes: its tags, its expectation (alerts expected) and whether it passed. */
export interface SituationCase {
  readonly tags: readonly string[];
  readonly expectedAlerts: number;
  readonly passed: boolean;
}

const always = (): boolean => true;

export const SITUATIONS: readonly Situation[] = [
  { tag: 'positive', label: 'a sequence that must fire (expects alerts)', expected: always },
  { tag: 'negative', label: 'a sequence that must stay silent (expects no alert)', expected: always },
  { tag: 'near-miss', label: 'one event (or one distinct value, or a value) short of the condition', expected: always },
  { tag: 'window-edge', label: 'an event on the window edge, or one second outside it', expected: always },
  { tag: 'group-by', label: 'events of different groups counted apart', expected: (c) => c.groupBy.length > 0 },
  { tag: 'missing-group-by', label: 'an event without a group-by field', expected: (c) => c.groupBy.length > 0 },
  { tag: 'order', label: 'the referenced rules in the wrong order', expected: (c) => c.type === 'temporal_ordered' },
  { tag: 'aliases', label: 'group-by values read through aliases', expected: (c) => Object.keys(c.aliases).length > 0 },
  { tag: 'chain', label: "an inner correlation's alerts as input", expected: (c) => c.chained },
  { tag: 'detection-filter', label: "an event the referenced rule's detection excludes", expected: () => false },
  { tag: 'reset', label: 'the group reset after an alert', expected: () => false },
  { tag: 'range', label: 'a value range (several bounds)', expected: () => false },
  { tag: 'anchored', label: 'the anchored window (from the first record)', expected: () => false },
];

/** `positive` / `negative` by what the case expects (a tag can name a case's intent loosely); others by tag. */
function exercises(tag: string, c: SituationCase): boolean {
  if (tag === 'positive') return c.expectedAlerts > 0;
  if (tag === 'negative') return c.expectedAlerts === 0;
  return c.tags.includes(tag);
}

function coverage(tag: string, label: string, expected: boolean, cases: readonly SituationCase[]): SituationCoverage {
  const hits = cases.filter((c) => exercises(tag, c));
  return { tag, label, expected, cases: hits.length, passed: hits.filter((c) => c.passed).length };
}

/** The table's situations that are expected or exercised, then any other tag of the cases (sorted). */
export function situationCoverage(subject: SituationSubject, cases: readonly SituationCase[]): SituationCoverage[] {
  const known = SITUATIONS.map((s) => coverage(s.tag, s.label, s.expected(subject), cases)).filter((s) => s.expected || s.cases > 0);
  const knownTags = new Set(SITUATIONS.map((s) => s.tag));
  const others = [...new Set(cases.flatMap((c) => c.tags))].filter((t) => !knownTags.has(t)).sort();
  return [...known, ...others.map((t) => coverage(t, t, false, cases))];
}

/** Expected situations with a passing case / expected situations. */
export function situationFigures(situations: readonly SituationCoverage[]): Ratio {
  const expected = situations.filter((s) => s.expected);
  return { covered: expected.filter((s) => s.passed > 0).length, total: expected.length };
}
