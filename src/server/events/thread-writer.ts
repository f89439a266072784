import { errors } from '../http/errors';
import { errorOf, type ThreadFailure } from '../thread-failure';
import { ThreadPool } from '../thread-pool';
import { transferables, type CheckedBatch } from './checked-batch';
import type { EventWriter } from './event-writer';
import type { BatchOrigin, Stored } from './store-batch';
import type { WriteRequest } from './writer-thread';

/**
 * SQLite's event writer on a thread of its own, with its own connection: the event loop only hands it
 * checked batches and gets back their answers, so a long transaction holds neither the loop nor the
 * quick calls behind it (the server's connection waits for the write lock asynchronously). A thread that
 * dies fails the batches it held with a 500; the next batch starts a new one.
 */
export class ThreadWriter implements EventWriter {
  private readonly pool: ThreadPool<{ id: number; result?: Stored; error?: ThreadFailure }, Stored>;

  constructor(db: { dataDir: string; writeTurns?: SharedArrayBuffer }) {
    this.pool = new ThreadPool({
      entry: 'events/writer-thread',
      workerData: db,
      size: 1,
      answer: (m) => {
        if (m.error) throw errorOf(m.error);
        return m.result!;
      },
      stopped: (trouble) =>
        errors.internal(`The event writer thread stopped${trouble ? `: ${trouble.error.message}` : ''}; send the batch again`),
      // It commits the batches it holds first; one that does not end in time is stopped (its batches fail).
      closeGraceMs: 30_000,
    });
  }

  write(batch: CheckedBatch, origin: BatchOrigin): Promise<Stored> {
    return this.pool.send((id) => ({
      message: { id, batch, origin } satisfies WriteRequest,
      // The scalar columns move without a copy: the batch is not read here again.
      transfer: transferables(batch),
    }));
  }

  /** Batches sent and not answered yet (tests and metrics). */
  get pending(): number {
    return this.pool.load()[0]!;
  }

  /** Ends the thread at once, as a crash would (tests). */
  kill(): Promise<void> {
    return this.pool.kill(0);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
