import type { Store } from '../store/store';

interface Job<T> {
  write: () => Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

/**
 * The one writer of event batches: batches that arrive while a transaction runs are committed together
 * in the next one (group commit), each answered only after that commit. A job that throws inside a shared
 * transaction rolls it back, and then each of its batches is written again in a transaction of its own,
 * so that only the failing one fails. A job that refuses its batch as a whole must do so before writing
 * anything, by returning the refusal (not throwing), so that the others in its transaction stand.
 */
export class BatchWriter {
  private queue: Job<unknown>[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly store: Store,
    /**
     * Most batches in one transaction. It bounds how long a transaction holds the database's write lock
     * (other writers wait that long) and, when the writer runs on the event loop, the loop.
     */
    private readonly maxGroup = 8,
    /** A transaction takes no further batch once it has run this long (a batch is never split). */
    private readonly maxGroupMs = 50,
  ) {}

  submit<T>(write: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve, reject } as Job<unknown>);
      // Started a microtask later, so that batches submitted together start in one transaction.
      this.running ??= Promise.resolve().then(() => this.drain());
    });
  }

  /** Resolves once every batch submitted so far is answered. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain() {
    try {
      while (this.queue.length) {
        const group = this.queue.splice(0, this.maxGroup);
        await this.commit(group);
        // Between two transactions, one turn of the loop for the requests (or messages) that came meanwhile.
        if (this.queue.length) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = undefined;
    }
  }

  private async commit(group: Job<unknown>[]) {
    if (group.length > 1) {
      try {
        const results = await this.store.transaction(async () => {
          const out: unknown[] = [];
          const start = performance.now();
          for (const job of group) {
            if (out.length && performance.now() - start > this.maxGroupMs) break;
            out.push(await job.write());
          }
          return out;
        });
        results.forEach((r, i) => group[i].resolve(r));
        // Those the time bound left out go first in the next transaction.
        this.queue.unshift(...group.slice(results.length));
        return;
      } catch {
        // One of them failed: find which, each alone.
      }
    }
    for (const job of group) {
      try {
        job.resolve(await this.store.transaction(() => job.write()));
      } catch (e) {
        job.reject(e);
      }
    }
  }
}
