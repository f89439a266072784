import type { EndpointName } from '../../shared/api/contract';
import { limitsOnly, type RequestLimits } from '../config';
import { errorOf, type ThreadFailure } from '../thread-failure';
import { ThreadPool } from '../thread-pool';
import { transferOf } from '../transfer-bytes';
import type { BodyRequest } from './body-thread';
import { errors } from './errors';
import type { PreparedBody } from './prepared-body';

/**
 * Below this, a body is made ready on the event loop. Measured on tasks.edit bodies of hyperparameters (load ~10, medians
 * of 9): 64 KiB took 3.7 ms on the loop against 3.4 ms for the thread's whole round trip; 256 KiB took 37 ms on the loop.
 * From here on the hop costs no more than the work it moves, and the work grows with the body.
 */
export const BODY_THREAD_BYTES = 64 * 1024;

/**
 * Threads that parse, limit-check and validate big JSON request bodies of any endpoint, so that the work that grows
 * with a body (and the garbage it leaves) is not done on the event loop; only the valid value comes back. A body goes
 * to the thread with the fewest bodies waiting; a thread that dies fails the bodies it held, and the next starts a new one.
 */
export class BodyPool {
  private readonly pool: ThreadPool<{ id: number; prepared?: PreparedBody; refusal?: ThreadFailure }, PreparedBody>;

  constructor(
    limits: RequestLimits,
    size: number,
    /** Bodies from this many bytes on go to a thread (see BODY_THREAD_BYTES). */
    readonly threadFrom = BODY_THREAD_BYTES,
  ) {
    this.pool = new ThreadPool({
      entry: 'http/body-thread',
      workerData: { limits: limitsOnly(limits) },
      size: Math.max(1, size),
      answer: (m) => {
        if (m.prepared) return m.prepared;
        throw errorOf(m.refusal!);
      },
      stopped: (trouble) =>
        errors.internal(
          trouble?.event === 'messageerror'
            ? 'A body thread sent an answer that could not be read; try again'
            : 'A body thread stopped; try again',
        ),
    });
  }

  prepare(
    endpoint: EndpointName,
    body: Buffer,
    contentType: string | undefined,
    query: Record<string, unknown>,
  ): Promise<PreparedBody> {
    return this.pool.send((id) => {
      const bytes = transferOf(body);
      return {
        message: { id, endpoint, body: bytes, contentType, query } satisfies BodyRequest,
        transfer: [bytes.buffer as ArrayBuffer],
      };
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** The threads, as the failure tests reach them. */
  private get slots() {
    return this.pool.threads;
  }
}
