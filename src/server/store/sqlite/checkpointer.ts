import type { Worker } from 'node:worker_threads';
import { startThread } from '../../threads';
import type { CheckpointReport } from './checkpoint-thread';

/** How often the thread folds the WAL into the database file. */
export const CHECKPOINT_EVERY_MS = 100;

/**
 * WAL pages past which a connection checkpoints after its own commit (SQLite's default is 1,000): only when
 * the thread has fallen behind, or its checkpoints never found the WAL idle enough for a writer to start it over.
 */
export const BACKSTOP_PAGES = 4096;

/**
 * Folds the WAL into the database file on a thread of its own, so that no connection does it after its
 * commit: SQLite's automatic checkpoint runs in whichever connection commits past 1,000 pages, copying
 * them and syncing the file there, which on the event loop stalls every request and on the event
 * writer's thread stalls ingest. `fallback` runs if the thread stops before close: it gives the
 * checkpoints back to the connections.
 */
export class Checkpointer {
  private worker?: Worker;
  private closing = false;
  /** The last report, and how many reports came (tests and the operator's view). */
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
