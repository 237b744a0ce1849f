/**
 * Log-source routing for the ruleset matcher. Each (rule, variant) entry is placed in the leaves of a small tree
 * keyed by the equality gate items (semantics §10: `Channel`, `EventID`, `Provider_Name`… conditions) on up to
 * `levels` routing fields, chosen as the fields most variants gate on. At each level a variant goes under the
 * equality keys (equality-keys.ts) of its first keyed gate item on that field, or under the wildcard branch
 * when it has none (empty gates: every level wild). An event walks, at each level, the wildcard branch and the
 * branches of the keys of every element of its field.
 * Contract — it may only over-approximate: whenever a variant's gate holds on an event, the variant's leaf is
 * among the routed leaves (an indexable gate item holds ⇒ some element has one of its keys; an absent field has
 * no element and fails every indexable item). A gate item is indexable when it is not negated and every
 * alternative of every value has an equality key (wildcard-free string, number, boolean); linking may be OR or
 * AND (the union of the values' keys is necessary either way). An alternative that holds on an absent field
 * (`null`, `exists: false`) does not spoil it: the variant also goes under the level's absent branch, walked when
 * the event's field is absent or null (how unmapped log sources of other products stay off Windows events:
 * logsource/resolve.ts resolveUnmapped). Likewise an item that needs the field present (`exists: true`, or `neq`
 * with a null value: the gate of a product's unmapped rules) puts the variant under the present branch only,
 * walked when the field is not absent (null included). Items with keys are preferred to these.
 */
import type { IrItem, IrVariant } from '../ir/types.js';
import type { ValueView } from './compile-matcher.js';
import { matcherEqualityKey, numberKeyOf, type EqualityKey } from './equality-keys.js';
import { fieldSlot, type EventView } from './event-view.js';
import { fieldPath } from './field.js';

export interface RouteEntry {
  readonly rule: number;
  readonly variant: IrVariant;
}

interface RouteNode {
  readonly text: Map<string, RouteNode>;
  /** Literals as written (EqualityKey.exact) → the same children as their folded keys in `text`. */
  readonly exact: Map<string, RouteNode>;
  readonly number: Map<string, RouteNode>;
  wild: RouteNode | null;
  /** Variants whose gate item on this level's field also holds when the field is absent or null. */
  absent: RouteNode | null;
  /** Variants whose gate item on this level's field holds only when the field is present (`exists: true`, `neq: [null, …]`). */
  present: RouteNode | null;
  /** Index of the leaf at the last level, -1 above it. */
  leaf: number;
}

function newNode(): RouteNode {
  return { text: new Map(), exact: new Map(), number: new Map(), wild: null, absent: null, present: null, leaf: -1 };
}

/**
 * Where an indexable gate item can hold: on a value with one of `keys`, or (`absent`) on an absent/null field; or,
 * with `present` (and nothing else), only where the field is present.
 */
export interface GateKeys {
  readonly keys: readonly EqualityKey[];
  readonly absent: boolean;
  readonly present: boolean;
}

const PRESENT: GateKeys = { keys: [], absent: false, present: true };

/** The keys an indexable gate item can hold under, or null when it is not indexable. */
export function gateItemKeys(item: IrItem): GateKeys | null {
  if (item.field === null) return null;
  if (item.negated) {
    // `neq` with a null value: NOT (absent or null or …) needs the field present.
    return item.values.some((v) => v.alternatives.some((m) => m.kind === 'null')) ? PRESENT : null;
  }
  const alternatives = item.values.flatMap((v) => v.alternatives);
  if (alternatives.length > 0 && alternatives.every((m) => m.kind === 'exists' && m.value)) return PRESENT;
  const keys: EqualityKey[] = [];
  let absent = false;
  for (const value of item.values) {
    for (const m of value.alternatives) {
      if (m.kind === 'null' || (m.kind === 'exists' && !m.value)) {
        absent = true;
        continue;
      }
      const key = matcherEqualityKey(m);
      if (key === null) return null;
      keys.push(key);
    }
  }
  return keys.length > 0 || absent ? { keys, absent, present: false } : null;
}

/** The variant's most telling indexable gate item on `field`: one with keys, else one with `present` or `absent`. */
function variantKeys(variant: IrVariant, field: string): GateKeys | null {
  let weak: GateKeys | null = null;
  for (const item of variant.gate) {
    if (item.field !== field) continue;
    const keys = gateItemKeys(item);
    if (keys !== null && keys.keys.length > 0) return keys;
    weak ??= keys;
  }
  return weak;
}

/** Fields most variants have an indexable gate item on (ties by name), at most `levels`. */
function chooseFields(entries: readonly RouteEntry[], levels: number): string[] {
  const counts = new Map<string, number>();
  // Rules of one log source share variant objects: each variant's fields are found once.
  const fieldsOf = new Map<IrVariant, readonly string[]>();
  for (const { variant } of entries) {
    let fields = fieldsOf.get(variant);
    if (fields === undefined) fieldsOf.set(variant, (fields = [...new Set(variant.gate.filter((i) => gateItemKeys(i) !== null).map((i) => i.field as string))]));
    for (const f of fields) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, levels).map(([f]) => f);
}

export interface RouterOptions {
  /** Number of routing fields (tree depth); 0 = one leaf holding every entry. */
  readonly levels: number;
}

export class Router {
  readonly fields: readonly string[];
  /** The entries of each leaf, by leaf id. */
  readonly leaves: readonly (readonly RouteEntry[])[];
  private readonly paths: readonly (readonly string[] | null)[];
  private readonly slots: readonly number[];
  private readonly root = newNode();
  private readonly leafStamps: Float64Array;
  private out: Int32Array = new Int32Array(0);
  private count = 0;
  private epoch = 0;

  constructor(entries: readonly RouteEntry[], options: RouterOptions) {
    this.fields = chooseFields(entries, options.levels);
    this.paths = this.fields.map(fieldPath);
    this.slots = this.fields.map(fieldSlot);
    const leaves: RouteEntry[][] = [];
    // The leaves a variant reaches (in insertion order): inserting the same variant again creates no node and
    // reaches the same leaves, so later entries of a shared variant object go straight to them.
    const reached = new Map<IrVariant, number[]>();
    for (const entry of entries) {
      let ids = reached.get(entry.variant);
      if (ids === undefined) {
        const keys = this.fields.map((f) => variantKeys(entry.variant, f));
        reached.set(entry.variant, (ids = []));
        this.insert(this.root, 0, keys, leaves, ids);
      }
      for (const id of ids) (leaves[id] as RouteEntry[]).push(entry);
    }
    this.leaves = leaves;
    this.leafStamps = new Float64Array(leaves.length).fill(-1);
  }

  /** Creates the path(s) of a variant with gate keys `keys` (by level); appends the leaves reached to `reached`. */
  private insert(node: RouteNode, level: number, keys: readonly (GateKeys | null)[], leaves: RouteEntry[][], reached: number[]): void {
    if (level === this.fields.length) {
      if (node.leaf < 0) node.leaf = leaves.push([]) - 1;
      reached.push(node.leaf);
      return;
    }
    const gateKeys = keys[level] ?? null;
    if (gateKeys === null) {
      this.insert((node.wild ??= newNode()), level + 1, keys, leaves, reached);
      return;
    }
    if (gateKeys.present) this.insert((node.present ??= newNode()), level + 1, keys, leaves, reached);
    if (gateKeys.absent) this.insert((node.absent ??= newNode()), level + 1, keys, leaves, reached);
    const levelKeys = gateKeys.keys;
    for (const { space, key } of new Map(levelKeys.map((k) => [`${k.space}:${k.key}`, k])).values()) {
      const branches = space === 'text' ? node.text : node.number;
      let child = branches.get(key);
      if (!child) branches.set(key, (child = newNode()));
      this.insert(child, level + 1, keys, leaves, reached);
    }
    for (const { space, key, exact } of levelKeys) {
      if (space === 'text' && exact !== undefined) node.exact.set(exact, node.text.get(key) as RouteNode);
    }
  }

  /**
   * The ids of the leaves the event may belong to, each once, in `out[0..count)`; `out` needs room for every
   * leaf (length ≥ leaves.length).
   */
  route(view: EventView, out: Int32Array): number {
    this.out = out;
    this.count = 0;
    this.epoch++;
    this.walk(this.root, 0, view);
    return this.count;
  }

  private walk(node: RouteNode, level: number, view: EventView): void {
    if (level === this.fields.length) {
      if (node.leaf >= 0 && this.leafStamps[node.leaf] !== this.epoch) {
        this.leafStamps[node.leaf] = this.epoch;
        this.out[this.count++] = node.leaf;
      }
      return;
    }
    if (node.wild !== null) this.walk(node.wild, level + 1, view);
    if (node.text.size === 0 && node.number.size === 0 && node.absent === null && node.present === null) return;
    const value = view.fieldAt(this.slots[level] as number, this.fields[level] as string, this.paths[level] ?? null);
    if (node.absent !== null && (value.raw === undefined || value.raw === null)) this.walk(node.absent, level + 1, view);
    if (node.present !== null && value.raw !== undefined) this.walk(node.present, level + 1, view);
    const views = value.views;
    for (let i = 0; i < views.length; i++) {
      const v = views[i] as ValueView;
      const exact = typeof v.raw === 'string' ? node.exact.get(v.raw) : undefined;
      const byText = exact ?? (node.text.size > 0 ? node.text.get(v.folded) : undefined);
      if (byText !== undefined) this.walk(byText, level + 1, view);
      if (node.number.size > 0) {
        const key = numberKeyOf(v);
        const byNumber = key === null ? undefined : node.number.get(key);
        if (byNumber !== undefined) this.walk(byNumber, level + 1, view);
      }
    }
  }
}
