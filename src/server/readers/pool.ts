import type { Worker } from 'node:worker_threads';
import { ApiError, errors } from '../http/errors';
import { JsonBytes } from '../http/json-bytes';
import { safeMessage } from '../http/safe-message';
import { startThread } from '../threads';
import type { JobArgs, JobError, JobName, JobResult } from './jobs';
import type { JobAnswer, JobRequest } from './reader-thread';

const CLOSE_GRACE_MS = 10_000;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Where the reader threads open their store: the server's own database. */
export interface ReaderDatabase {
  dataDir: string;
  databaseUrl?: string;
}

/**
 * Reader threads for the long reads (charts, console search, big lists), each with its own read-only
 * store, so that the event loop keeps answering the quick calls meanwhile. A job goes to the thread with
 * the fewest jobs waiting. A thread that dies fails the jobs it held; the next job starts a new one.
 */
export class ReaderPool {
  private readonly threads: (Thread | undefined)[];
  private next = 1;
  private closed = false;

  constructor(
    private readonly db: ReaderDatabase,
    readonly size: number,
  ) {
    this.threads = Array.from({ length: size }, () => undefined);
  }

  run<J extends JobName>(job: J, args: JobArgs<J>): Promise<JobResult<J>> {
    return this.send({ id: this.next++, job, args });
  }

  /**
   * Runs a job whose result is an endpoint's answer: the thread serialises it to JSON and hands the bytes
   * over without a copy, so the event loop neither rebuilds the object nor stringifies it.
   */
  runJson<J extends JobName>(job: J, args: JobArgs<J>): Promise<JsonBytes<JobResult<J>>> {
    return this.send({ id: this.next++, job, args, json: true });
  }

  private send<R>(req: JobRequest): Promise<R> {
    if (this.closed) return Promise.reject(errors.internal('The server is shutting down'));
    const i = this.leastBusy();
    const t = (this.threads[i] ??= this.start(i));
    return new Promise<R>((resolve, reject) => {
      t.pending.set(req.id, { resolve: resolve as (v: unknown) => void, reject });
      t.worker.postMessage(req);
    });
  }

  /** Jobs sent and not answered yet, per thread (for tests and metrics). */
  load(): number[] {
    return this.threads.map((t) => t?.pending.size ?? 0);
  }

  /** Ends thread `i` at once, as a crash would (tests). */
  async kill(i: number): Promise<void> {
    await this.threads[i]?.worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.threads.map(async (t) => {
        if (!t) return;
        const exited = new Promise((resolve) => t.worker.once('exit', resolve));
        t.worker.postMessage('close');
        // It finishes the jobs it holds first; one that does not end in time is stopped.
        const late = setTimeout(() => void t.worker.terminate(), CLOSE_GRACE_MS);
        await exited;
        clearTimeout(late);
      }),
    );
  }

  private leastBusy(): number {
    let best = 0;
    for (let i = 1; i < this.threads.length; i++) {
      if ((this.threads[i]?.pending.size ?? 0) < (this.threads[best]?.pending.size ?? 0)) best = i;
    }
    return best;
  }

  private start(i: number): Thread {
    const worker = startThread('readers/reader-thread', { workerData: this.db });
    worker.unref();
    const t: Thread = { worker, pending: new Map() };
    worker.on('message', (m: JobAnswer) => {
      const job = t.pending.get(m.id);
      t.pending.delete(m.id);
      if (!job) return;
      if (m.error) job.reject(toError(m.error));
      else if (m.json) job.resolve(new JsonBytes(m.json));
      else job.resolve(m.result);
    });
    let failure: Error | undefined;
    worker.on('error', (e) => (failure = e));
    worker.on('messageerror', (e) => {
      failure = e;
      void worker.terminate();
    });
    worker.on('exit', () => {
      if (this.threads[i] === t) this.threads[i] = undefined;
      const e = errors.internal(`A reader thread stopped${failure ? `: ${safeMessage(failure)}` : ''}; try again`);
      for (const job of t.pending.values()) job.reject(e);
      t.pending.clear();
    });
    return t;
  }
}

function toError(e: JobError): Error {
  return e.api ? new ApiError(e.api.code, e.api.subcode, e.message, e.api.data) : new Error(e.message);
}
