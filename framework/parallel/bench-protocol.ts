/**
 * The start barrier shared by `bench --workers N` (bench-w2.ts, main thread) and its workers (bench-worker.ts):
 * an Int32Array over a SharedArrayBuffer. Workers load, compile and warm up, then count themselves READY and
 * wait for commands; a command is a MODE written before GENERATION is bumped (Atomics.notify wakes them); each
 * worker runs its part (SINGLE: worker 0 alone on every event; MANY: every worker takes blocks of BLOCK events
 * from the shared counter NEXT, which the main thread zeroes before each command, until none is left, and
 * writes how many events it matched at TAKEN + its id) and counts itself DONE. The main thread takes the time
 * from the bump to the last DONE, so loading, compiling, messaging and warm-up are outside the measurement.
 * Blocks are taken as threads get free, not cut in advance: events differ a lot in cost (an attack sample reaches
 * far more candidate rules than a benign one), and a thread slowed by the machine's other work takes fewer blocks,
 * so the threads finish within about one block of each other.
 */
export const SLOT = { ready: 0, generation: 1, mode: 2, done: 3, failed: 4, next: 5, taken: 8 } as const;
export const MODE = { single: 1, many: 2, stop: 3 } as const;
/** Events per block taken from NEXT: ≈ 1–2 ms of matching, so one atomic add per block costs nothing. */
export const BLOCK = 256;

export function slotCount(workers: number): number {
  return SLOT.taken + workers;
}

/**
 * Takes blocks [start, start + BLOCK) of `total` items from the shared counter NEXT until none is left, calling
 * `run(start, end)` on each; returns the number of items this thread ran. Every item is run by exactly one of
 * the threads sharing the counter.
 */
export function takeBlocks(s: Int32Array, total: number, run: (start: number, end: number) => void): number {
  let taken = 0;
  for (let start = Atomics.add(s, SLOT.next, BLOCK); start < total; start = Atomics.add(s, SLOT.next, BLOCK)) {
    const end = Math.min(total, start + BLOCK);
    run(start, end);
    taken += end - start;
  }
  return taken;
}
