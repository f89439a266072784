import type { Worker } from 'node:worker_threads';
import { startThread } from '../../threads';
import type { CheckpointReport } from './checkpoint-thread';

/** How often the thread folds the WAL into the database file. */
export const CHECKPOINT_EVERY_MS = 250;

/**
 * WAL pages past which the server's own connection checkpoints after its commit (SQLite's default is 1,000):
 * only when the thread has fallen behind, or never found the WAL quiet enough for a writer to start it over.
 */
export const BACKSTOP_PAGES = 4096;

/**
 * Folds the WAL into the database file on a thread of its own, so that the server's connection, on the
 * event loop, does not: SQLite's automatic checkpoint runs in whichever connection commits past 1,000
 * pages, copying them and syncing the file there, and on the event loop every request waits for it (a
 * small commit that lands on one took 6.6-8.7 ms here against at most 1.1 ms without; a slower disk's
 * sync takes longer). The event writer thread keeps SQLite's own checkpoints: it commits most of the
 * pages, and a thread doing them beside it made four clients' ingest no faster and one run 8% slower.
 * `fallback` runs if the thread stops before close: it gives the checkpoints back to the connection.
 */
export class Checkpointer {
  private worker?: Worker;
  private closing = false;
  /** The last report, and how many reports came: what the tests wait on. */
  last?: CheckpointReport;
  reports = 0;

  constructor(file: string, fallback: () => void, everyMs = CHECKPOINT_EVERY_MS) {
    const w = startThread('store/sqlite/checkpoint-thread', { workerData: { file, everyMs } });
    w.unref();
    w.on('message', (r: CheckpointReport) => {
      this.last = r;
      this.reports++;
    });
    const stopped = () => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (!this.closing) fallback();
    };
    w.on('error', stopped);
    w.on('exit', stopped);
    this.worker = w;
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  async close(): Promise<void> {
    this.closing = true;
    const w = this.worker;
    this.worker = undefined;
    if (!w) return;
    const exited = new Promise((r) => w.once('exit', r));
    w.postMessage('close');
    // A thread in the middle of a checkpoint finishes it; one that cannot end in time is stopped.
    const timer = setTimeout(() => void w.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
