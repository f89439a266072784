/**
 * Event batches answered but not yet committed (the writer thread stores them moments later). A call
 * that may read what they hold waits until every batch answered before it came is committed, so that
 * every client sees what any other was told was added, as if it had been committed when answered. Few
 * batches are let wait at once (`maxQueued`; a further one waits for room before it is answered), so a
 * call waits for a few commits at most. Batches are numbered in the order they are queued; the writer
 * commits them in that order but they are settled one by one, so "done through n" is the lowest open one.
 */
export class IngestBacklog {
  private next = 1;
  private readonly open = new Set<number>();
  private waiters: { through: number; resolve: () => void }[] = [];
  private roomWaiters: (() => void)[] = [];
  /** Let in by settle() and not yet numbered. */
  private admitted = 0;

  /**
   * @param onLoss told of events answered as added that the writer did not store (it failed, or an owner
   *   was deleted or published in between): `why` is the writer's error or its refusals by reason.
   */
  constructor(
    readonly onLoss: (events: number, why: unknown) => void,
    private readonly maxQueued = 2,
  ) {}

  /** Batches queued and not settled. */
  get size(): number {
    return this.open.size;
  }

  /**
   * Numbers a batch to queue, once fewer than `maxQueued` are open (at once when they are: no turn of
   * the loop); settle it once it is committed or failed.
   */
  async add(): Promise<number> {
    if (this.open.size + this.admitted >= this.maxQueued || this.roomWaiters.length) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
      this.admitted--;
    }
    const n = this.next++;
    this.open.add(n);
    return n;
  }

  settle(n: number): void {
    if (!this.open.delete(n)) return;
    const low = this.lowestOpen();
    if (this.waiters.length) {
      const still: typeof this.waiters = [];
      for (const w of this.waiters) {
        if (w.through < low) w.resolve();
        else still.push(w);
      }
      this.waiters = still;
    }
    // Room for as many as settled: those let in count as open until they have taken their number.
    while (this.roomWaiters.length && this.open.size + this.admitted < this.maxQueued) {
      this.admitted++;
      this.roomWaiters.shift()!();
    }
  }

  /**
   * Resolves once every batch queued so far is settled; undefined when none is open (the common case:
   * no await, no turn of the loop).
   */
  caughtUp(): Promise<void> | undefined {
    if (!this.open.size) return undefined;
    return this.waitThrough(this.next - 1);
  }

  /** Resolves once every batch queued so far is settled. */
  drained(): Promise<void> {
    return this.caughtUp() ?? Promise.resolve();
  }

  private waitThrough(through: number): Promise<void> {
    if (through < this.lowestOpen()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ through, resolve }));
  }

  private lowestOpen(): number {
    for (const n of this.open) return n; // a Set iterates in insertion order, and batches are added in increasing order
    return Infinity;
  }
}
