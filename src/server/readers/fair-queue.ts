/**
 * Waiting jobs by owner, taken in turn: one owner's next job, then the next owner's, so that one caller's
 * many long reads (a script polling charts in a loop) wait behind each other, not in front of everyone else's.
 * Owners come in the order their first waiting job arrived; an owner served goes to the back.
 */
export class FairQueue<T> {
  private readonly byOwner = new Map<string, T[]>();
  private count = 0;

  push(owner: string, item: T): void {
    const waiting = this.byOwner.get(owner);
    if (waiting) waiting.push(item);
    else this.byOwner.set(owner, [item]);
    this.count++;
  }

  /** The next owner's oldest item, or undefined when nothing waits. */
  shift(): T | undefined {
    const first = this.byOwner.entries().next();
    if (first.done) return undefined;
    const [owner, waiting] = first.value;
    const item = waiting.shift()!;
    this.byOwner.delete(owner);
    if (waiting.length) this.byOwner.set(owner, waiting);
    this.count--;
    return item;
  }

  get size(): number {
    return this.count;
  }
}
