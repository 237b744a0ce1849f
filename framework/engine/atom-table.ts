/**
 * The atoms of the ruleset prefilter (their meaning: prefilter-atoms.ts), interned. Contract: `AtomTable.sub /
 * eq / has` return one Term per distinct atom (`exact` included), the same object for equal atoms; a Term is the
 * atom itself plus `id`, numbering the terms 0, 1, 2…, and `kid`, numbering the atom keys (kind, field, then
 * needle or space and key): `eq` atoms that differ only in `exact` (the literal as written) are distinct terms
 * of one kid. Lookups go through nested maps, so no key string is built.
 */
import type { KeySpace } from './equality-keys.js';

export type Atom =
  | { readonly kind: 'sub'; readonly field: string | null; readonly needle: string }
  | { readonly kind: 'eq'; readonly field: string; readonly space: KeySpace; readonly key: string; readonly exact?: string }
  | { readonly kind: 'has'; readonly field: string };

export type Term = Atom & { readonly id: number; readonly kid: number };

/** The terms of one `eq` key: usually one (the same literal as written everywhere). */
interface EqKey {
  readonly kid: number;
  readonly terms: Term[];
}

export class AtomTable {
  private readonly subs = new Map<string | null, Map<string, Term>>();
  private readonly texts = new Map<string, Map<string, EqKey>>();
  private readonly numbers = new Map<string, Map<string, EqKey>>();
  private readonly presence = new Map<string, Term>();
  private terms = 0;
  private kids = 0;

  /** Number of kids so far. */
  get keys(): number {
    return this.kids;
  }

  /** Number of terms so far. */
  get size(): number {
    return this.terms;
  }

  sub(field: string | null, needle: string): Term {
    let byNeedle = this.subs.get(field);
    if (byNeedle === undefined) this.subs.set(field, (byNeedle = new Map()));
    let t = byNeedle.get(needle);
    if (t === undefined) byNeedle.set(needle, (t = { kind: 'sub', field, needle, id: this.terms++, kid: this.kids++ }));
    return t;
  }

  eq(field: string, space: KeySpace, key: string, exact: string | undefined): Term {
    const bySpace = space === 'text' ? this.texts : this.numbers;
    let byKey = bySpace.get(field);
    if (byKey === undefined) bySpace.set(field, (byKey = new Map()));
    let found = byKey.get(key);
    if (found === undefined) byKey.set(key, (found = { kid: this.kids++, terms: [] }));
    const terms = found.terms;
    for (let i = 0; i < terms.length; i++) if ((terms[i] as { exact?: string }).exact === exact) return terms[i] as Term;
    const id = this.terms++;
    const t: Term = exact !== undefined ? { kind: 'eq', field, space, key, exact, id, kid: found.kid } : { kind: 'eq', field, space, key, id, kid: found.kid };
    found.terms.push(t);
    return t;
  }

  has(field: string): Term {
    let t = this.presence.get(field);
    if (t === undefined) this.presence.set(field, (t = { kind: 'has', field, id: this.terms++, kid: this.kids++ }));
    return t;
  }

  /** The term of any atom. */
  of(a: Atom): Term {
    if (a.kind === 'sub') return this.sub(a.field, a.needle);
    return a.kind === 'eq' ? this.eq(a.field, a.space, a.key, a.exact) : this.has(a.field);
  }
}
