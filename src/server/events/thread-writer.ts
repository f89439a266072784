import type { Worker } from 'node:worker_threads';
import { ApiError, errors } from '../http/errors';
import { startThread } from '../threads';
import { transferables, type CheckedBatch } from './checked-batch';
import type { EventWriter } from './event-writer';
import type { BatchOrigin, Stored } from './store-batch';
import type { WriteFailure, WriteRequest } from './writer-thread';

const CLOSE_GRACE_MS = 30_000;

interface Pending {
  resolve: (s: Stored) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * SQLite's event writer on a thread of its own, with its own connection: the event loop only hands it
 * checked batches and gets back their answers, so a long transaction holds neither the loop nor the
 * quick calls behind it (the server's connection waits for the write lock asynchronously). A thread that
 * dies fails the batches it held with a 500; the next batch starts a new one.
 */
export class ThreadWriter implements EventWriter {
  private thread?: Thread;
  private next = 1;
  private closed = false;

  constructor(private readonly db: { dataDir: string; writeTurns?: SharedArrayBuffer }) {}

  write(batch: CheckedBatch, origin: BatchOrigin): Promise<Stored> {
    if (this.closed) return Promise.reject(errors.internal('The server is shutting down'));
    const t = (this.thread ??= this.start());
    const req: WriteRequest = { id: this.next++, batch, origin };
    return new Promise<Stored>((resolve, reject) => {
      t.pending.set(req.id, { resolve, reject });
      // The scalar columns move without a copy: the batch is not read here again.
      t.worker.postMessage(req, transferables(batch));
    });
  }

  /** Batches sent and not answered yet (tests and metrics). */
  get pending(): number {
    return this.thread?.pending.size ?? 0;
  }

  /** Ends the thread at once, as a crash would (tests). */
  async kill(): Promise<void> {
    await this.thread?.worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    const t = this.thread;
    if (!t) return;
    const exited = new Promise((resolve) => t.worker.once('exit', resolve));
    t.worker.postMessage('close');
    // It commits the batches it holds first; one that does not end in time is stopped (its batches fail).
    const late = setTimeout(() => void t.worker.terminate(), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(late);
  }

  private start(): Thread {
    const worker = startThread('events/writer-thread', { workerData: this.db });
    worker.unref();
    const t: Thread = { worker, pending: new Map() };
    worker.on('message', (m: { id: number; result?: Stored; error?: WriteFailure }) => {
      const job = t.pending.get(m.id);
      t.pending.delete(m.id);
      if (!job) return;
      if (m.error) job.reject(toError(m.error));
      else job.resolve(m.result!);
    });
    let failure: Error | undefined;
    worker.on('error', (e) => (failure = e));
    worker.on('exit', () => {
      if (this.thread === t) this.thread = undefined;
      const e = errors.internal(`The event writer thread stopped${failure ? `: ${failure.message}` : ''}; send the batch again`);
      for (const job of t.pending.values()) job.reject(e);
      t.pending.clear();
    });
    return t;
  }
}

function toError(e: WriteFailure): Error {
  return e.api ? new ApiError(e.api.code, e.api.subcode, e.message, e.api.data) : new Error(e.message);
}
