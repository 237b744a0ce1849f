/**
 * Events as the engine sees them: a JSON object, already flattened by an adapter (events/adapt.ts) when it
 * came in a nested vendor shape (evtx_dump). Field lookup rules (semantics §7) live in engine/field.ts.
 */
export type Event = Readonly<Record<string, unknown>>;
