/**
 * Requirements → one event. In: a base event (kept wherever the rule does not constrain it), per-field
 * requirements and keyword requirements (constraints.ts). Each field is solved on its own (fields with a
 * `fieldref` after the fields they read), proposals checked with the reference's matchFieldValue; keyword
 * samples go into one text field; base fields whose leaves hit a keyword that must not appear are dropped.
 * Out: the event, or the reason no value was found. The caller still confirms the whole rule with
 * referenceDecide (this module only checks field by field).
 */
import type { IrMatcher, IrVariant } from '../../framework/ir/types.js';
import { matchFieldValue } from '../../framework/engine/reference.js';
import { collectLeaves, lookupField } from '../../framework/engine/field.js';
import type { FieldReqs, Requirements } from './constraints.js';
import { presentValue } from './filler.js';
import { chance, pick } from './rng.js';
import { satisfyAll, type SolveContext } from './solve.js';
import type { StringContext } from './solve-string.js';
import type { DerivedFields } from './types.js';

export interface AssembleContext extends StringContext {
  readonly variant: IrVariant;
  readonly keywordField: string;
  /** Proposals tried per field (default 10). */
  readonly tries?: number;
}

export type Assembled = { readonly event: DerivedFields } | { readonly reason: string };

function holds(fr: FieldReqs, value: unknown, event: DerivedFields, renames: Readonly<Record<string, string>>): boolean {
  const test = (m: IrMatcher): boolean => matchFieldValue(m, value, event, renames);
  return fr.must.every((r) => r.options.some((o) => o.some(test))) && !fr.mustNot.some((r) => r.matchers.some(test));
}

function chooseMatchers(fr: FieldReqs, ac: AssembleContext): IrMatcher[] {
  return fr.must.map((r) => pick(ac.rng, pick(ac.rng, r.options)));
}

function conflict(field: string, fr: FieldReqs): string {
  const labels = [...new Set([...fr.must, ...fr.mustNot].map((r) => r.label))];
  return labels.length > 1 ? `field ${field} constrained by conflicting items ${labels.join(' and ')}` : `field ${field}: no value found for ${labels[0] ?? 'it'}`;
}

function setField(event: DerivedFields, field: string, value: unknown): void {
  if (value === undefined) delete event[field];
  else event[field] = value;
}

function solveField(field: string, fr: FieldReqs, event: DerivedFields, ac: AssembleContext): string | null {
  const renames = ac.variant.renames;
  const current = lookupField(event, field);
  const currentHolds = current !== undefined && holds(fr, current, event, renames);
  if (currentHolds && fr.must.every((r) => r.label.startsWith('logsource'))) return null;
  if (fr.must.length === 0) {
    const present = presentValue(ac.rng);
    for (const v of chance(ac.rng, 50) ? [present, undefined, presentValue(ac.rng)] : [undefined, present, presentValue(ac.rng)]) {
      if (holds(fr, v, event, renames)) return setField(event, field, v), null;
    }
    return conflict(field, fr);
  }
  const ctx: SolveContext = { ...ac, lookup: (f) => lookupField(event, renames[f] ?? f) };
  let reason: string | null = null;
  for (let t = 0; t < (ac.tries ?? 10); t++) {
    const proposal = satisfyAll(chooseMatchers(fr, ac), ctx);
    if ('reason' in proposal) reason = proposal.reason;
    else if (holds(fr, proposal.value, event, renames)) return setField(event, field, proposal.value), null;
  }
  if (currentHolds) return null;
  return reason ?? conflict(field, fr);
}

function referencedFields(fr: FieldReqs): string[] {
  const matchers = [...fr.must.flatMap((r) => r.options.flat()), ...fr.mustNot.flatMap((r) => r.matchers)];
  return matchers.flatMap((m) => (m.kind === 'fieldref' ? [m.field] : []));
}

/** Fields read by a fieldref get a value first (any value, when nothing else constrains them). */
function orderFields(reqs: Requirements, event: DerivedFields, ac: AssembleContext): string[] {
  const plain: string[] = [];
  const dependent: string[] = [];
  for (const [field, fr] of reqs.fields) {
    const refs = referencedFields(fr);
    (refs.length > 0 ? dependent : plain).push(field);
    for (const r of refs) {
      const target = ac.variant.renames[r] ?? r;
      if (!reqs.fields.has(target) && lookupField(event, target) === undefined) event[target] = presentValue(ac.rng);
    }
  }
  return [...plain, ...dependent];
}

function keywordHits(matchers: readonly IrMatcher[], value: unknown, event: DerivedFields): boolean {
  return collectLeaves(value).some((leaf) => matchers.some((m) => matchFieldValue(m, leaf, event)));
}

function placeKeywords(kw: FieldReqs, event: DerivedFields, ac: AssembleContext): void {
  if (kw.must.length === 0) return;
  const ctx: SolveContext = { ...ac, lookup: (f) => lookupField(event, f) };
  const samples = chooseMatchers(kw, ac).map((m) => satisfyAll([m], ctx)).flatMap((p) => ('value' in p && p.value !== undefined && p.value !== null ? [String(p.value)] : []));
  const existing = event[ac.keywordField];
  event[ac.keywordField] = [...(typeof existing === 'string' && existing !== '' ? [existing] : []), ...samples].join(' ');
}

function solveKeywords(kw: FieldReqs, reqs: Requirements, event: DerivedFields, ac: AssembleContext): string | null {
  if (kw.must.length === 0 && kw.mustNot.length === 0) return null;
  const before = event[ac.keywordField];
  for (let t = 0; t < (ac.tries ?? 6); t++) {
    setField(event, ac.keywordField, before);
    placeKeywords(kw, event, ac);
    const avoid = kw.mustNot.flatMap((r) => r.matchers);
    for (const key of Object.keys(event)) {
      if (avoid.length > 0 && keywordHits(avoid, event[key], event) && !reqs.fields.has(key) && key !== ac.keywordField) delete event[key];
    }
    const leaves = collectLeaves(event);
    const found = kw.must.every((r) => r.options.some((o) => o.some((m) => leaves.some((l) => matchFieldValue(m, l, event)))));
    if (found && !keywordHits(avoid, event, event)) return null;
  }
  return `keywords: ${conflict('(keywords)', kw)}`;
}

export function assemble(base: DerivedFields, reqs: Requirements, ac: AssembleContext): Assembled {
  const event: DerivedFields = { ...base };
  for (const field of orderFields(reqs, event, ac)) {
    const reason = solveField(field, reqs.fields.get(field) as FieldReqs, event, ac);
    if (reason) return { reason };
  }
  const reason = solveKeywords(reqs.keywords, reqs, event, ac);
  return reason ? { reason } : { event };
}
