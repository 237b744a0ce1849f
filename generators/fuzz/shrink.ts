/**
 * Event shrinking for fuzz failures: the smallest event (fewest fields, shortest strings) on which `fails`
 * still holds, by greedy delta debugging — drop whole fields, then cut chunks out of string values (halves,
 * quarters, … single characters) and shrink array elements away. Deterministic; `fails(event)` must hold for
 * the input. Bounded by `maxSteps` evaluations.
 */
type Fields = Record<string, unknown>;

export function shrinkEvent(event: Fields, fails: (e: Fields) => boolean, maxSteps = 5_000): Fields {
  let current = { ...event };
  let steps = 0;
  const attempt = (candidate: Fields): boolean => {
    steps++;
    if (steps > maxSteps || !fails(candidate)) return false;
    current = candidate;
    return true;
  };
  let progress = true;
  while (progress && steps < maxSteps) {
    progress = false;
    for (const key of Object.keys(current)) {
      const { [key]: _dropped, ...rest } = current;
      if (attempt(rest)) progress = true;
    }
    for (const key of Object.keys(current)) {
      const value = current[key];
      if (typeof value === 'string' && shrinkString(value, (s) => attempt({ ...current, [key]: s }))) progress = true;
      if (Array.isArray(value) && shrinkArray(value, (a) => attempt({ ...current, [key]: a }))) progress = true;
    }
  }
  return current;
}

/** Cut chunks of decreasing size out of `text` while `accept` takes the shorter text. */
function shrinkString(text: string, accept: (s: string) => boolean): boolean {
  let current = text;
  let changed = false;
  for (let size = Math.max(1, Math.floor(current.length / 2)); size >= 1; size = size === 1 ? 0 : Math.max(1, Math.floor(size / 2))) {
    for (let at = 0; at + size <= current.length; ) {
      const candidate = current.slice(0, at) + current.slice(at + size);
      if (accept(candidate)) {
        current = candidate;
        changed = true;
      } else {
        at += size;
      }
    }
  }
  return changed;
}

function shrinkArray(values: readonly unknown[], accept: (a: unknown[]) => boolean): boolean {
  let current = [...values];
  let changed = false;
  for (let i = current.length - 1; i >= 0; i--) {
    const candidate = current.filter((_, j) => j !== i);
    if (accept(candidate)) {
      current = candidate;
      changed = true;
    }
  }
  return changed;
}
