/**
 * Per-event shared work for the compiled matcher: each field is looked up, split into element views and
 * case-folded at most once per event, however many rules and items read it. Create one EventView per event
 * and pass it to every CompiledRule.test(); never reuse one across events (it caches that event's values).
 */
import { ValueView } from './compile-matcher.js';
import type { Event } from './event.js';
import { collectLeaves, lookupField } from './field.js';

/** A field's raw value (`undefined` = absent) and the views of its non-null elements (arrays flattened). */
export interface FieldValue {
  readonly raw: unknown;
  readonly views: readonly ValueView[];
}

const NO_VIEWS: readonly ValueView[] = [];
const ABSENT: FieldValue = { raw: undefined, views: NO_VIEWS };

export function toViews(value: unknown): readonly ValueView[] {
  if (value === undefined || value === null) return NO_VIEWS;
  if (!Array.isArray(value)) return [new ValueView(value)];
  return value
    .flat(Infinity)
    .filter((e) => e !== null && e !== undefined)
    .map((e) => new ValueView(e));
}

export class EventView {
  private readonly fields = new Map<string, FieldValue>();
  private leafViews: readonly ValueView[] | undefined;

  constructor(readonly event: Event) {}

  /** The field `name` (already renamed); `path` is fieldPath(name), precomputed by the caller. */
  field(name: string, path: readonly string[] | null): FieldValue {
    let value = this.fields.get(name);
    if (value === undefined) {
      const raw = lookupField(this.event, name, path);
      value = raw === undefined ? ABSENT : { raw, views: toViews(raw) };
      this.fields.set(name, value);
    }
    return value;
  }

  /** Views of every primitive leaf of the event, for keyword detections. */
  leaves(): readonly ValueView[] {
    return (this.leafViews ??= collectLeaves(this.event).map((leaf) => new ValueView(leaf)));
  }
}
