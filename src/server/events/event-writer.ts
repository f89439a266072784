import { ApiError } from '../http/errors';
import type { Store } from '../store/store';
import { BatchWriter } from './batch-writer';
import type { CheckedBatch } from './checked-batch';
import { storeBatch, type BatchOrigin, type Stored } from './store-batch';

/** Where checked event batches are stored: every event write of the server goes through one of these. */
export interface EventWriter {
  /** Stores the batch once committed, or throws its refusal (an ApiError) or the store's failure. */
  write(batch: CheckedBatch, origin: BatchOrigin): Promise<Stored>;
  /** Finishes the batches it holds, then lets go of what it opened. */
  close(): Promise<void>;
}

/** Runs a batch's writes through a group-committing writer on `store`: the writer thread's, or the server's own. */
export function writeThrough(writer: BatchWriter, store: Store, batch: CheckedBatch, origin: BatchOrigin): Promise<Stored> {
  return writer
    .submit(() => storeBatch(store, batch, origin))
    .then((r) => {
      if (r instanceof ApiError) throw r;
      return r;
    });
}

/** The writer on the event loop, over the server's store: PostgreSQL (whose I/O is asynchronous anyway), or SQLite without a writer thread. */
export class InProcessWriter implements EventWriter {
  private readonly writer: BatchWriter;

  constructor(private readonly store: Store) {
    this.writer = new BatchWriter(store);
  }

  write(batch: CheckedBatch, origin: BatchOrigin): Promise<Stored> {
    return writeThrough(this.writer, this.store, batch, origin);
  }

  async close() {
    await this.writer.idle();
  }
}
