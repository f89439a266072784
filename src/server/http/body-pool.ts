import type { Worker } from 'node:worker_threads';
import type { EndpointName } from '../../shared/api/contract';
import type { RequestLimits } from '../config';
import { startThread } from '../threads';
import type { BodyRefusal, BodyRequest } from './body-thread';
import { ApiError, errors } from './errors';
import type { PreparedBody } from './prepared-body';

/**
 * Below this, a body is made ready on the event loop. Measured on tasks.edit bodies of hyperparameters (load ~10, medians
 * of 9): 64 KiB took 3.7 ms on the loop against 3.4 ms for the thread's whole round trip; 256 KiB took 37 ms on the loop.
 * From here on the hop costs no more than the work it moves, and the work grows with the body.
 */
export const BODY_THREAD_BYTES = 64 * 1024;

interface Job {
  resolve: (b: PreparedBody) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

/** Only the limits cross to a thread (the server's config also holds secrets). */
export function limitsOnly(l: RequestLimits): RequestLimits {
  return {
    maxNameBytes: l.maxNameBytes,
    maxTags: l.maxTags,
    maxTagBytes: l.maxTagBytes,
    maxTextBytes: l.maxTextBytes,
    maxValueBytes: l.maxValueBytes,
    maxIds: l.maxIds,
    maxJsonDepth: l.maxJsonDepth,
    defaultPageSize: l.defaultPageSize,
    maxPageSize: l.maxPageSize,
  };
}

/**
 * Threads that parse, limit-check and validate big JSON request bodies of any endpoint, so that the work that grows
 * with a body (and the garbage it leaves) is not done on the event loop; only the valid value comes back. A body goes
 * to the thread with the fewest bodies waiting; a thread that dies fails the bodies it held, and the next starts a new one.
 */
export class BodyPool {
  private readonly slots: (Slot | undefined)[];
  private next = 1;
  private closed = false;

  constructor(
    private readonly limits: RequestLimits,
    size: number,
    /** Bodies from this many bytes on go to a thread (see BODY_THREAD_BYTES). */
    readonly threadFrom = BODY_THREAD_BYTES,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => undefined);
  }

  prepare(
    endpoint: EndpointName,
    body: Buffer,
    contentType: string | undefined,
    query: Record<string, unknown>,
  ): Promise<PreparedBody> {
    if (this.closed) return Promise.reject(errors.internal('The server is shutting down'));
    const slot = this.leastBusy();
    const id = this.next++;
    // The body moves to the thread without a copy when it owns its memory (Buffer.concat of a large body does).
    const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const bytes = owned ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
    const req: BodyRequest = { id, endpoint, body: bytes, contentType, query };
    return new Promise((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      slot.worker.postMessage(req, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const running = this.slots.filter((s): s is Slot => !!s);
    this.slots.fill(undefined);
    await Promise.all(running.map((s) => s.worker.terminate()));
  }

  private leastBusy(): Slot {
    let best = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i];
      if (!s) return (this.slots[i] = this.start(i));
      if (best < 0 || s.jobs.size < this.slots[best]!.jobs.size) best = i;
    }
    return this.slots[best]!;
  }

  private start(i: number): Slot {
    const worker = startThread('http/body-thread', { workerData: { limits: limitsOnly(this.limits) } });
    worker.unref();
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (m: { id: number; prepared?: PreparedBody; refusal?: BodyRefusal }) => {
      const job = slot.jobs.get(m.id);
      slot.jobs.delete(m.id);
      if (!job) return;
      if (m.prepared) job.resolve(m.prepared);
      else {
        const r = m.refusal!;
        job.reject(r.code === 500 ? new Error(r.message) : new ApiError(r.code, r.subcode, r.message, r.data));
      }
    });
    const failAll = (e: Error) => {
      for (const job of slot.jobs.values()) job.reject(e);
      slot.jobs.clear();
      if (this.slots[i] === slot) this.slots[i] = undefined;
    };
    worker.on('error', () => failAll(errors.internal('A body thread stopped; try again')));
    worker.on('exit', () => failAll(errors.internal('A body thread stopped; try again')));
    // A reply that cannot be read back names no job: the thread's pending bodies would wait forever.
    worker.on('messageerror', () => {
      failAll(errors.internal('A body thread sent an answer that could not be read; try again'));
      void worker.terminate();
    });
    return slot;
  }
}
