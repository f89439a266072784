/**
 * Event batches answered but not yet committed (the writer thread stores them moments later), by owner.
 * A request that names an owner with such batches waits for them first, so that a client reads what it
 * was told was added, and so does anybody it tells (the id is what they share). Batches are numbered in
 * the order they are queued; the writer commits them in that order, but they are settled one by one, so
 * "done through n" is the lowest batch still open.
 */
export class IngestBacklog {
  /**
   * @param onLoss told of events answered as added that the writer did not store (it failed, or an owner
   *   was deleted or published in between): `why` is the writer's error or its refusals by reason.
   */
  constructor(readonly onLoss: (events: number, why: unknown) => void) {}

  private next = 1;
  private readonly open = new Set<number>();
  /** Owner id → the last batch queued for it that may still be open. */
  private readonly lastOf = new Map<string, number>();
  private waiters: { through: number; resolve: () => void }[] = [];

  /** Batches queued and not settled. */
  get size(): number {
    return this.open.size;
  }

  /** Numbers a batch for `owners` queued now; settle it once it is committed or failed. */
  add(owners: readonly string[]): number {
    const n = this.next++;
    this.open.add(n);
    for (const o of owners) this.lastOf.set(o, n);
    return n;
  }

  settle(n: number): void {
    if (!this.open.delete(n)) return;
    const low = this.lowestOpen();
    for (const [owner, last] of this.lastOf) if (last < low) this.lastOf.delete(owner);
    if (!this.waiters.length) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.through < low) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  /**
   * Resolves once every batch queued so far for an owner whose id occurs in `texts` is settled; undefined
   * when there is nothing to wait for (the common case: no await, no turn of the loop).
   */
  until(texts: readonly (Buffer | string)[]): Promise<void> | undefined {
    if (!this.lastOf.size) return undefined;
    let through = 0;
    for (const [owner, last] of this.lastOf) {
      if (last > through && texts.some((t) => t.includes(owner))) through = last;
    }
    return through ? this.waitThrough(through) : undefined;
  }

  /** Resolves once every batch queued so far is settled. */
  drained(): Promise<void> {
    return this.waitThrough(this.next - 1);
  }

  private waitThrough(through: number): Promise<void> {
    if (through < this.lowestOpen()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ through, resolve }));
  }

  private lowestOpen(): number {
    let low = Infinity;
    for (const n of this.open) {
      low = n;
      break; // a Set iterates in insertion order, and batches are added in increasing order
    }
    return low;
  }
}
