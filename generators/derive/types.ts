/**
 * Shapes shared by the derivation generators (positives, near misses, independence pairs). Plain data in and
 * out: rules are IrRule, events are flat JSON objects, item positions are index paths in the detection tree.
 */
import type { IrVariant } from '../../framework/ir/types.js';
import type { Filler } from './filler.js';
import type { Rng } from './rng.js';

/** A derived event: a fresh, mutable JSON object. */
export type DerivedFields = Record<string, unknown>;

/** A realistic event of a variant's log source; derivation overwrites only the fields the rule constrains. */
export type BaseEvent = (variant: IrVariant) => DerivedFields;

/**
 * One detection item: its identifier and its index path in the detection tree (children indices of
 * allOf/anyOf nodes; `[]` when the identifier is a single item, e.g. keywords).
 */
export interface ItemRef {
  readonly identifier: string;
  readonly path: readonly number[];
}

/** Make an item take a truth value in the derived event; with `valueIndex`, through that value only. */
export interface ItemForce extends ItemRef {
  readonly truth: boolean;
  readonly valueIndex?: number;
}

export interface DeriveOptions {
  /** Seed of the built-in generator (default 1). Ignored when `random` is given. */
  readonly seed?: number;
  /** Any source of `nextInt(min, max)` (inclusive), e.g. a fast-check `Random`. */
  readonly random?: Rng;
  /** Text for `*` gaps (default: short context-aware words and paths). */
  readonly filler?: Filler;
  /** Randomise letter case of case-insensitive literals (default false: literals as written). */
  readonly mixCase?: boolean;
  /** Field that receives keyword samples (default: `Message`). */
  readonly keywordField?: string;
}

export interface DerivedEvent {
  readonly event: DerivedFields;
  /** Label of the log-source variant the event was built for. */
  readonly variant: string;
  /** The truth value the solver chose for each identifier it constrained. */
  readonly identifiers: Readonly<Record<string, boolean>>;
}
