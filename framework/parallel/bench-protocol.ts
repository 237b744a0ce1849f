/**
 * The start barrier shared by `bench --workers N` (bench-w2.ts, main thread) and its workers (bench-worker.ts):
 * an Int32Array over a SharedArrayBuffer. Workers load, compile and warm up, then count themselves READY and
 * wait for commands; a command is a MODE written before GENERATION is bumped (Atomics.notify wakes them); each
 * worker runs its part (SINGLE: worker 0 alone on every event; MANY: each worker on its contiguous chunk) and
 * counts itself DONE. The main thread takes the time from the bump to the last DONE, so loading, compiling,
 * messaging and warm-up are outside the measurement.
 * Chunks are contiguous and of equal cost, not of equal size (events differ a lot in cost: an attack sample
 * reaches far more candidate rules than a benign one): worker 0 times blocks of BLOCK events during its warm-up
 * and writes the N+1 cut points at CUTS before counting itself ready.
 */
export const SLOT = { ready: 0, generation: 1, mode: 2, done: 3, failed: 4, cuts: 8 } as const;
export const MODE = { single: 1, many: 2, stop: 3 } as const;
export const BLOCK = 256;

export function slotCount(workers: number): number {
  return SLOT.cuts + workers + 1;
}

/**
 * Cut points [0, c1, …, total] of `workers` contiguous chunks whose summed block costs are as equal as blocks
 * allow; `costs[b]` is the cost of events [b·BLOCK, (b+1)·BLOCK).
 */
export function equalCostCuts(costs: readonly number[], total: number, workers: number): number[] {
  const sum = costs.reduce((a, b) => a + b, 0);
  const cuts = [0];
  let acc = 0;
  for (let b = 0; b < costs.length && cuts.length < workers; b++) {
    acc += costs[b] as number;
    while (cuts.length < workers && acc >= (sum * cuts.length) / workers) cuts.push(Math.min(total, (b + 1) * BLOCK));
  }
  while (cuts.length < workers) cuts.push(total);
  cuts.push(total);
  return cuts;
}
