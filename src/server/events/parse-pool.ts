import type { Worker } from 'node:worker_threads';
import type { RequestLimits } from '../config';
import { ApiError, errors } from '../http/errors';
import { startThread } from '../threads';
import { checkBatchBody, type CheckedBatch } from './checked-batch';
import type { ParseRefusal, ParseRequest } from './parse-thread';

interface Job {
  resolve: (b: CheckedBatch) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * Parses and checks add_batch bodies on a few worker threads, so that the event loop only routes
 * requests and stores batches. A body smaller than `inlineBelow` bytes is parsed where it is: posting
 * it to a thread and back costs more than parsing it.
 */
export class ParsePool {
  private readonly slots: (Slot | undefined)[];
  private next = 1;
  private closed = false;

  constructor(
    private readonly limits: RequestLimits,
    size: number,
    private readonly inlineBelow = 16 * 1024,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => undefined);
  }

  parse(body: Buffer, contentType: string | undefined): Promise<CheckedBatch> {
    if (this.closed) return Promise.reject(errors.internal('The server is shutting down'));
    if (body.length < this.inlineBelow) return Promise.resolve().then(() => checkBatchBody(body, contentType, this.limits));
    const slot = this.leastBusy();
    const id = this.next++;
    // The body moves to the thread without a copy when it owns its memory (Buffer.concat of a large body does).
    const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const bytes = owned ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
    const req: ParseRequest = { id, body: bytes, contentType };
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
    const l = this.limits;
    // Only the limits cross over (the server's config also holds secrets).
    const limits: RequestLimits = {
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
    const worker = startThread('events/parse-thread', { workerData: { limits } });
    worker.unref();
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (m: { id: number; batch?: CheckedBatch; refusal?: ParseRefusal }) => {
      const job = slot.jobs.get(m.id);
      slot.jobs.delete(m.id);
      if (!job) return;
      if (m.batch) job.resolve(m.batch);
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
    worker.on('error', failAll);
    worker.on('exit', () => failAll(new Error('The parse thread stopped')));
    // An answer that cannot be read back names no job: fail them all rather than leave them waiting forever.
    worker.on('messageerror', () => {
      failAll(errors.internal('A parse thread sent an answer that could not be read; try again'));
      void worker.terminate();
    });
    return slot;
  }
}
