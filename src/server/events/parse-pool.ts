import { limitsOnly, type RequestLimits } from '../config';
import { errors } from '../http/errors';
import { errorOf, type ThreadFailure } from '../thread-failure';
import { ThreadPool } from '../thread-pool';
import { transferOf } from '../transfer-bytes';
import { checkBatchBody, type CheckedBatch } from './checked-batch';
import type { ParseRequest } from './parse-thread';

/**
 * Parses and checks add_batch bodies on a few worker threads, so that the event loop only routes
 * requests and stores batches. A body smaller than `inlineBelow` bytes is parsed where it is: posting
 * it to a thread and back costs more than parsing it.
 */
export class ParsePool {
  private readonly pool: ThreadPool<{ id: number; batch?: CheckedBatch; refusal?: ThreadFailure }, CheckedBatch>;
  private closed = false;

  constructor(
    private readonly limits: RequestLimits,
    size: number,
    private readonly inlineBelow = 16 * 1024,
  ) {
    this.pool = new ThreadPool({
      entry: 'events/parse-thread',
      workerData: { limits: limitsOnly(limits) },
      size: Math.max(1, size),
      answer: (m) => {
        if (m.batch) return m.batch;
        throw errorOf(m.refusal!);
      },
      stopped: (trouble) =>
        trouble?.event === 'messageerror'
          ? errors.internal('A parse thread sent an answer that could not be read; try again')
          : (trouble?.error ?? new Error('The parse thread stopped')),
    });
  }

  parse(body: Buffer, contentType: string | undefined): Promise<CheckedBatch> {
    if (this.closed) return Promise.reject(errors.internal('The server is shutting down'));
    if (body.length < this.inlineBelow) return Promise.resolve().then(() => checkBatchBody(body, contentType, this.limits));
    return this.pool.send((id) => {
      const bytes = transferOf(body);
      return { message: { id, body: bytes, contentType } satisfies ParseRequest, transfer: [bytes.buffer as ArrayBuffer] };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }

  /** The threads, as the failure tests reach them. */
  private get slots() {
    return this.pool.threads;
  }
}
