/**
 * A fixed pool of worker threads (tinypool) running one worker module, plus an ordered window for pipelines.
 *  - WorkerPool(name, threads): `name` is a worker module of this folder (`scan-worker.js`…). Run from the
 *    TypeScript sources (vitest), the module is taken from dist/ (built by the test setup), since worker threads
 *    load JavaScript. `run` resolves to the worker's plain-data result; `warm` gives every thread one task at
 *    once (each thread loads its rule set while the main thread does its own work).
 *  - OrderedWindow: results emitted in submission order whatever order the workers finish in, with at most
 *    `limit` tasks in flight (bounded memory, back-pressure on the reader).
 */
import { Tinypool } from 'tinypool';

export function workerModuleUrl(name: string): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL(`../../dist/framework/parallel/${name}`, here);
  return new URL(`./${name}`, here);
}

/**
 * Young-generation limit of each worker's heap (MB). Workers parse and drop thousands of events per batch; V8's
 * default (48 MB: 16 MB semi-spaces, 32 MB of new space) collects them about twice as often as this one (64 MB of
 * new space), which measured 5–10 % of a scan worker's time (bench W3 on 2 workers went from ≈ 1.55× to ≈ 1.41× the
 * parse-only pass). V8 grows the young generation only as far as the allocation rate needs.
 */
export const WORKER_YOUNG_GENERATION_MB = 128;

export class WorkerPool {
  private readonly pool: Tinypool;

  constructor(
    name: string,
    readonly threads: number,
  ) {
    this.pool = new Tinypool({
      filename: workerModuleUrl(name).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
  }

  /** `transferList`: buffers of the task moved to the worker (unusable here afterwards) instead of copied. */
  run<T>(task: unknown, transferList?: ArrayBuffer[]): Promise<T> {
    return (transferList ? this.pool.run(task, { transferList }) : this.pool.run(task)) as Promise<T>;
  }

  /** One task per thread, all at once; resolves when every thread has run it. */
  async warm<T>(task: unknown): Promise<T[]> {
    return Promise.all(Array.from({ length: this.threads }, () => this.run<T>(task)));
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

export class OrderedWindow<T> {
  private readonly queue: Promise<T>[] = [];

  constructor(
    private readonly limit: number,
    private readonly emit: (result: T) => void,
  ) {}

  /** Queues `result`; when `limit` are in flight, waits for the oldest and emits it. */
  async push(result: Promise<T>): Promise<void> {
    result.catch(() => undefined); // rejections surface when awaited in order, not as unhandled ones
    this.queue.push(result);
    while (this.queue.length >= this.limit) this.emit(await (this.queue.shift() as Promise<T>));
  }

  async drain(): Promise<void> {
    while (this.queue.length > 0) this.emit(await (this.queue.shift() as Promise<T>));
  }
}
