/**
 * Per-event shared work for the compiled matcher: each field is looked up, split into element views and
 * case-folded at most once per event, however many rules and items read it.
 * Contract: a FieldValue (and its ValueViews) is valid until the view is `reset` to another event; callers must
 * not keep them longer. A fresh view per event needs no reset; the ruleset matcher keeps one view and resets it
 * per event, so the hot path allocates nothing for scalar fields (their FieldValue and ValueView are reused).
 * Fields are addressed by a process-wide slot number (fieldSlot), so the per-event cache is two arrays indexed by
 * slot and stamped with the event's epoch instead of a Map filled per event.
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

const slotByName = new Map<string, number>();

/** The process-wide slot of a field name (stable for the life of the process). */
export function fieldSlot(name: string): number {
  let slot = slotByName.get(name);
  if (slot === undefined) {
    slot = slotByName.size;
    slotByName.set(name, slot);
  }
  return slot;
}

/** Number of field names given a slot so far. */
export function fieldSlotCount(): number {
  return slotByName.size;
}

export function toViews(value: unknown): readonly ValueView[] {
  if (value === undefined || value === null) return NO_VIEWS;
  if (!Array.isArray(value)) return [new ValueView(value)];
  return value
    .flat(Infinity)
    .filter((e) => e !== null && e !== undefined)
    .map((e) => new ValueView(e));
}

/** A reusable FieldValue for a scalar (non-null, non-array) value. */
class ScalarField implements FieldValue {
  readonly view: ValueView;
  readonly views: readonly ValueView[];
  constructor(public raw: unknown) {
    this.view = new ValueView(raw);
    this.views = [this.view];
  }
  reset(raw: unknown): void {
    this.raw = raw;
    this.view.reset(raw);
  }
}

export class EventView {
  private epoch = 1;
  private readonly stamps: number[];
  private readonly values: FieldValue[];
  private readonly scalars: (ScalarField | undefined)[];
  private leafViews: readonly ValueView[] | undefined;

  /**
   * `capacity`: slots to preallocate (a view that is reset per event: fieldSlotCount()); 0 for a one-off view.
   * `plainEvents`: every event is plain JSON data (own enumerable properties, a prototype without primitive
   * properties), so a primitive found by `event[name]` is an own property and needs no hasOwn check.
   */
  constructor(
    public event: Event,
    capacity = 0,
    private readonly plainEvents = false,
  ) {
    this.stamps = capacity > 0 ? new Array<number>(capacity).fill(0) : [];
    this.values = capacity > 0 ? new Array<FieldValue>(capacity).fill(ABSENT) : [];
    this.scalars = capacity > 0 ? new Array<ScalarField | undefined>(capacity).fill(undefined) : [];
  }

  /** Shows another event; every FieldValue handed out before becomes invalid. */
  reset(event: Event): void {
    this.event = event;
    this.epoch++;
    this.leafViews = undefined;
  }

  /** The field `name` (already renamed); `path` is fieldPath(name), precomputed by the caller. */
  field(name: string, path: readonly string[] | null): FieldValue {
    return this.fieldAt(fieldSlot(name), name, path);
  }

  /** Like field(), with the name's slot (fieldSlot(name)) precomputed by the caller. */
  fieldAt(slot: number, name: string, path: readonly string[] | null): FieldValue {
    if (this.stamps[slot] === this.epoch) return this.values[slot] as FieldValue;
    let raw: unknown = this.plainEvents ? this.event[name] : undefined;
    const type = typeof raw;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') raw = lookupField(this.event, name, path);
    const value = raw === undefined ? ABSENT : raw === null || Array.isArray(raw) ? { raw, views: toViews(raw) } : this.scalar(slot, raw);
    this.stamps[slot] = this.epoch;
    this.values[slot] = value;
    return value;
  }

  private scalar(slot: number, raw: unknown): FieldValue {
    const pooled = this.scalars[slot];
    if (pooled === undefined) return (this.scalars[slot] = new ScalarField(raw));
    pooled.reset(raw);
    return pooled;
  }

  /** Views of every primitive leaf of the event, for keyword detections. */
  leaves(): readonly ValueView[] {
    return (this.leafViews ??= collectLeaves(this.event).map((leaf) => new ValueView(leaf)));
  }
}
