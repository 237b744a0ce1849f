/**
 * From wanted truth values to field requirements (semantics §8). In: an identifier's detection and whether it
 * must hold. Out: per event field (renames applied), matchers that must hold (`must`: one option of each entry)
 * and matchers that must not (`mustNot`); keyword items go to `keywords` (any leaf / no leaf). Choices: an
 * allOf made false falsifies one child, an anyOf made true satisfies one child; in `tight` mode the other
 * children take the opposite value, so every chosen item is decisive (MC/DC); a forced item's ancestors are
 * always tight. An OR item made true needs one
 * of its values, made false none; `all` (AND) items the reverse; `neq` flips the item. Returns false when
 * a forced item cannot take its forced value on this path (the caller retries with other choices).
 */
import type { IrDetection, IrItem, IrMatcher, IrVariant } from '../../framework/ir/types.js';
import { eventField, itemLabel, within } from './items.js';
import { shuffled, type Rng } from './rng.js';
import type { ItemForce } from './types.js';

/** One entry: some alternative of some option (a value's alternatives) must hold. */
export interface MustReq {
  readonly options: readonly (readonly IrMatcher[])[];
  readonly label: string;
}

/** No matcher of the entry may hold. */
export interface NotReq {
  readonly matchers: readonly IrMatcher[];
  readonly label: string;
}

export interface FieldReqs {
  readonly must: MustReq[];
  readonly mustNot: NotReq[];
}

export interface Requirements {
  readonly fields: Map<string, FieldReqs>;
  readonly keywords: FieldReqs;
}

export interface CollectContext {
  readonly rng: Rng;
  readonly tight: boolean;
  readonly force?: ItemForce;
  readonly variant: IrVariant;
  readonly reqs: Requirements;
}

export function newRequirements(): Requirements {
  return { fields: new Map(), keywords: { must: [], mustNot: [] } };
}

export function fieldReqs(reqs: Requirements, field: string): FieldReqs {
  let r = reqs.fields.get(field);
  if (!r) reqs.fields.set(field, (r = { must: [], mustNot: [] }));
  return r;
}

function addItem(target: FieldReqs, item: IrItem, inner: boolean, label: string, rng: Rng, valueIndex?: number): void {
  const values = item.values.map((v) => v.alternatives);
  if (values.length === 0) return;
  const chosen = valueIndex !== undefined && values[valueIndex] ? valueIndex : undefined;
  if (inner && item.linking === 'and') values.forEach((v) => target.must.push({ options: [v], label }));
  else if (inner && chosen !== undefined) {
    target.must.push({ options: [values[chosen] ?? []], label });
    const others = values.filter((_, i) => i !== chosen).flat();
    if (others.length > 0) target.mustNot.push({ matchers: others, label });
  } else if (inner) target.must.push({ options: values, label });
  else if (item.linking === 'or') target.mustNot.push({ matchers: values.flat(), label });
  else target.mustNot.push({ matchers: values[chosen ?? rng.nextInt(0, values.length - 1)] ?? [], label });
}

function requireItem(identifier: string, path: readonly number[], item: IrItem, want: boolean, cc: CollectContext): boolean {
  const forced = cc.force && within(cc.force, identifier, path) && cc.force.path.length === path.length ? cc.force : undefined;
  if (forced && forced.truth !== want) return false;
  const target = item.field === null ? cc.reqs.keywords : fieldReqs(cc.reqs, eventField(cc.variant, item.field));
  addItem(target, item, item.negated ? !want : want, itemLabel(identifier, item), cc.rng, forced?.valueIndex);
  return true;
}

const key = (m: IrMatcher): string => JSON.stringify(m);

/**
 * How badly a child clashes with the requirements collected so far when it takes `want`: 0 = its fields are
 * free, 1 = they are constrained, 2 = a matcher it must avoid is one some field must satisfy (sure conflict).
 */
function clashCost(child: IrDetection, want: boolean, cc: CollectContext): number {
  if (child.kind !== 'item') return Math.max(0, ...child.children.map((c) => clashCost(c, want, cc)));
  const item = child.item;
  const r = item.field === null ? undefined : cc.reqs.fields.get(eventField(cc.variant, item.field));
  if (!r || (r.must.length === 0 && r.mustNot.length === 0)) return 0;
  const avoided = new Set((want === item.negated ? item.values.flatMap((v) => v.alternatives) : []).map(key));
  const sure = r.must.some((req) => req.options.every((o) => o.every((m) => avoided.has(key(m)))));
  return sure ? 2 : r.must.length > 0 || want ? 1 : 0;
}

/**
 * Child order for a node where one child decides: the forced item's child first when it should decide (last
 * when it should not), then children on fields without requirements yet (fewer clashes), then at random.
 */
function deciderOrder(identifier: string, path: readonly number[], children: readonly IrDetection[], want: boolean, cc: CollectContext): number[] {
  const rank = (i: number): number => {
    if (!within(cc.force, identifier, [...path, i])) return 10 + clashCost(children[i] as IrDetection, want, cc);
    return cc.force?.truth === want ? 0 : 20;
  };
  const ranks = children.map((_, i) => rank(i));
  return shuffled(cc.rng, Array.from({ length: children.length }, (_, i) => i)).sort((a, b) => (ranks[a] ?? 0) - (ranks[b] ?? 0));
}

export function requireDetection(identifier: string, d: IrDetection, want: boolean, cc: CollectContext, path: readonly number[] = []): boolean {
  if (d.kind === 'item') return requireItem(identifier, path, d.item, want, cc);
  const everyChild = d.kind === 'allOf' ? want : !want;
  if (everyChild) return d.children.every((c, i) => requireDetection(identifier, c, want, cc, [...path, i]));
  const [decider, ...others] = deciderOrder(identifier, path, d.children, want, cc);
  if (decider === undefined) return !want;
  if (!requireDetection(identifier, d.children[decider] as IrDetection, want, cc, [...path, decider])) return false;
  const local = cc.tight || within(cc.force, identifier, path);
  const constrained = local ? others : others.filter((i) => within(cc.force, identifier, [...path, i]));
  return constrained.every((i) => requireDetection(identifier, d.children[i] as IrDetection, !want, cc, [...path, i]));
}

/** The variant's gate items (AND-ed, no renames) as requirements. */
export function requireGate(variant: IrVariant, reqs: Requirements, rng: Rng): void {
  for (const item of variant.gate) {
    if (item.field === null) addItem(reqs.keywords, item, !item.negated, 'logsource', rng);
    else addItem(fieldReqs(reqs, item.field), item, !item.negated, `logsource: ${item.field}`, rng);
  }
}
