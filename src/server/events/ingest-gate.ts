/**
 * Backpressure for ingest: at most `capBytes` of add_batch bodies are held (read, parsed, not yet
 * stored) at once. A request over the cap waits, unread, for earlier ones to be stored: its client's
 * socket fills and its answer comes later, but it is never refused (the ClearML SDK drops events
 * after a non-200). One body larger than the cap is let in alone. At most `maxHolders` batches are
 * let in at once, so that the event loop runs at most that many batches' parse and store between
 * two turns of other requests (a quick call waits behind a few batches, not fifty).
 */
export class ByteGate {
  private pending = 0;
  private holders = 0;
  private peak = 0;
  private readonly waiting: { bytes: number; admit: () => void }[] = [];

  constructor(
    private readonly capBytes: number,
    private readonly maxHolders = Infinity,
  ) {}

  get pendingBytes(): number {
    return this.pending;
  }

  /** The most bytes ever held at once. */
  get peakBytes(): number {
    return this.peak;
  }

  /**
   * Waits for room for `bytes`. The returned function gives the room back (call it once); its `endTurn`
   * gives back only the turn (one of `maxHolders`) and keeps the bytes: for a batch answered once queued,
   * whose bytes stay held until it is stored.
   */
  async acquire(bytes: number): Promise<Admission> {
    if (this.waiting.length || !this.fits(bytes)) {
      await new Promise<void>((admit) => this.waiting.push({ bytes, admit }));
    } else this.take(bytes);
    let turnEnded = false;
    let released = false;
    const endTurn = () => {
      if (turnEnded) return;
      turnEnded = true;
      this.holders--;
      this.admitWaiting();
    };
    return Object.assign(
      () => {
        if (released) return;
        released = true;
        this.pending -= bytes;
        if (turnEnded) this.admitWaiting();
        else endTurn();
      },
      { endTurn },
    );
  }

  private fits(bytes: number): boolean {
    return this.pending === 0 || (this.holders < this.maxHolders && this.pending + bytes <= this.capBytes);
  }

  private take(bytes: number) {
    this.pending += bytes;
    this.holders++;
    this.peak = Math.max(this.peak, this.pending);
  }

  private admitWaiting() {
    while (this.waiting.length && this.fits(this.waiting[0].bytes)) {
      const next = this.waiting.shift()!;
      this.take(next.bytes);
      next.admit();
    }
  }
}

/** Room taken in a ByteGate: call it to give all of it back, or `endTurn` to give back the turn alone first. */
export type Admission = (() => void) & { endTurn: () => void };
