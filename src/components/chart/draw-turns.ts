/**
 * Charts that draw one after another. A chart of 200 tasks holds the main thread for a long while; when a second
 * chart's data arrives during the first one's drawing, the browser ran the second's drawing before painting the first,
 * and nothing showed until both were done. Here a chart draws only on its turn, and hands the turn on once the frame
 * after its drawing has been painted.
 */
export class DrawTurns {
  private current: string | null = null;
  private waiting: { key: string; start: () => void }[] = [];

  /** Calls `start` when it is `key`'s turn (at once when nobody draws); returns a cancel for an unmount. */
  request(key: string, start: () => void): () => void {
    if (this.current === null) {
      this.current = key;
      start();
    } else this.waiting.push({ key, start });
    return () => {
      this.waiting = this.waiting.filter((w) => w.key !== key);
      this.done(key);
    };
  }

  /** `key` has drawn (or gave up): the next waiting chart draws. */
  done(key: string): void {
    if (this.current !== key) return;
    const next = this.waiting.shift();
    this.current = next?.key ?? null;
    next?.start();
  }
}

/** Resolves once the browser has painted the frame following this call (the drawing just committed is on screen). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
