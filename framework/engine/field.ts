/**
 * Field lookup (semantics §7 "Field lookup"): the exact key first (a flat key containing dots wins), then, for
 * dotted names, a walk through nested objects in which arrays on the path are flattened. `undefined` = absent.
 */
import type { Event } from './event.js';

const hasOwn = Object.prototype.hasOwnProperty;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Walk {
  readonly found: unknown[];
  crossedArray: boolean;
}

function walk(value: unknown, parts: readonly string[], index: number, w: Walk): void {
  if (index === parts.length) {
    w.found.push(value);
    return;
  }
  if (Array.isArray(value)) {
    w.crossedArray = true;
    for (const element of value) walk(element, parts, index, w);
    return;
  }
  if (!isObject(value)) return;
  const rest = index > 0 ? parts.slice(index).join('.') : null;
  if (rest !== null && hasOwn.call(value, rest)) {
    w.found.push(value[rest]);
    return;
  }
  const key = parts[index] ?? '';
  if (hasOwn.call(value, key)) walk(value[key], parts, index + 1, w);
}

/** Split once per field name; callers on a hot path precompute this. */
export function fieldPath(name: string): readonly string[] | null {
  return name.includes('.') ? name.split('.') : null;
}

/**
 * The value of a field, `undefined` when absent. A dotted path that crosses arrays yields the array of the
 * values found (so "any element" semantics apply).
 */
export function lookupField(event: Event, name: string, path: readonly string[] | null = fieldPath(name)): unknown {
  const direct = event[name];
  if (direct !== undefined) {
    if (hasOwn.call(event, name)) return direct;
  } else if (!path || hasOwn.call(event, name)) {
    return undefined;
  }
  if (!path) return undefined;
  const w: Walk = { found: [], crossedArray: false };
  walk(event, path, 0, w);
  if (w.found.length === 0) return undefined;
  return w.crossedArray ? w.found : w.found[0];
}

/** Every primitive leaf of the event (keys excluded, nulls skipped), for keyword search (§3.3). */
export function collectLeaves(value: unknown, out: unknown[] = []): unknown[] {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) {
    for (const v of value) collectLeaves(v, out);
  } else if (typeof value === 'object') {
    for (const key in value as Record<string, unknown>) collectLeaves((value as Record<string, unknown>)[key], out);
  } else {
    out.push(value);
  }
  return out;
}
