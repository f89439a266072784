// Node has had Atomics.waitAsync since 16; the project's TypeScript lib predates its declaration.
const waitAsync = (
  Atomics as unknown as {
    waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

const WAITING = 0;
const COMMITS = 1;

/**
 * Turns at SQLite's write lock between the server's connection and the event writer thread's. SQLite
 * hands the lock to whichever connection asks at the right moment, and the writer thread asks again at
 * once after each commit: the server's connection, which polls, could wait behind it for seconds. So the
 * server counts itself waiting in memory both threads share, the writer gives way before its next
 * transaction while anyone waits, and it announces each commit (the server tries again then, not later).
 */
export class WriteTurns {
  private readonly cells: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.cells = new Int32Array(buffer);
  }

  /** The server's side: counts it waiting for the lock until `leave`. */
  enter() {
    Atomics.add(this.cells, WAITING, 1);
  }

  leave() {
    Atomics.sub(this.cells, WAITING, 1);
    Atomics.notify(this.cells, WAITING);
  }

  /** Commits announced so far (read before trying, so that `nextCommit` misses none). */
  commits(): number {
    return Atomics.load(this.cells, COMMITS);
  }

  /** Resolves at the first commit after `seen`, or after `ms`, without holding the event loop. */
  async nextCommit(seen: number, ms: number): Promise<void> {
    const r = waitAsync(this.cells, COMMITS, seen, ms);
    if (r.async) await r.value;
  }

  /** The writer's side, after a transaction ends. */
  committed() {
    Atomics.add(this.cells, COMMITS, 1);
    Atomics.notify(this.cells, COMMITS);
  }

  /** The writer's side, before a transaction: blocks its thread while the server waits, at most `maxMs`. */
  giveWay(maxMs: number) {
    const deadline = performance.now() + maxMs;
    for (let n = Atomics.load(this.cells, WAITING); n > 0; n = Atomics.load(this.cells, WAITING)) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      Atomics.wait(this.cells, WAITING, n, left);
    }
  }
}
