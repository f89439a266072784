import { JsonBytes } from '../http/json-bytes';
import { errors } from '../http/errors';
import { safeMessage } from '../http/safe-message';
import { errorOf } from '../thread-failure';
import { ThreadPool } from '../thread-pool';
import type { JobArgs, JobName, JobResult } from './jobs';
import type { JobAnswer, JobRequest } from './reader-thread';
import { FairQueue } from './fair-queue';

/**
 * Jobs each thread is handed at once: a second one waits in its port, so that the thread starts it as soon as the
 * first ends. The rest wait here, where they can be taken in turn by caller.
 */
const HANDED_PER_THREAD = 2;

interface Waiting {
  req: Omit<JobRequest, 'id'>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
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
 * Each thread holds at most HANDED_PER_THREAD jobs; the others wait by caller (the user who asked), taken
 * in turn: a caller with many long reads waits for their own, not a colleague for them.
 */
export class ReaderPool {
  private readonly pool: ThreadPool<JobAnswer, unknown>;
  private readonly waiting = new FairQueue<Waiting>();
  private handed = 0;

  constructor(
    db: ReaderDatabase,
    readonly size: number,
  ) {
    this.pool = new ThreadPool({
      entry: 'readers/reader-thread',
      workerData: db,
      size,
      answer: (m) => {
        if (m.error) throw errorOf(m.error);
        return m.json ? new JsonBytes(m.json) : m.result;
      },
      stopped: (trouble) =>
        errors.internal(`A reader thread stopped${trouble ? `: ${safeMessage(trouble.error)}` : ''}; try again`),
      // Each thread opens a store of its own: one that is idle takes the next job.
      reuseIdle: true,
      closeGraceMs: 10_000,
    });
  }

  /** Runs a job for `caller` (a user id; '' for the server's own reads), in turn with other callers' jobs. */
  run<J extends JobName>(job: J, args: JobArgs<J>, caller = ''): Promise<JobResult<J>> {
    return this.send({ job, args }, caller);
  }

  /**
   * Runs a job whose result is an endpoint's answer: the thread serialises it to JSON and hands the bytes
   * over without a copy, so the event loop neither rebuilds the object nor stringifies it.
   */
  runJson<J extends JobName>(job: J, args: JobArgs<J>, caller = ''): Promise<JsonBytes<JobResult<J>>> {
    return this.send({ job, args, json: true }, caller);
  }

  private send<R>(req: Omit<JobRequest, 'id'>, caller: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push(caller, { req, resolve: resolve as (v: unknown) => void, reject });
      this.handOn();
    });
  }

  /** Hands waiting jobs to the threads while they hold fewer than their share. */
  private handOn(): void {
    while (this.handed < this.size * HANDED_PER_THREAD) {
      const next = this.waiting.shift();
      if (!next) return;
      this.handed++;
      let sent: Promise<unknown>;
      try {
        sent = this.pool.send((id) => ({ message: { ...next.req, id } satisfies JobRequest }));
      } catch (e) {
        // A thread that could not start: this job fails, and the next one tries a new thread.
        sent = Promise.reject(e);
      }
      void sent.then(next.resolve, next.reject).finally(() => {
        this.handed--;
        this.handOn();
      });
    }
  }

  /** Starts the threads (each opens its store) ahead of the first long read. */
  warm(): void {
    this.pool.startAll();
  }

  /** Jobs sent and not answered yet, per thread (for tests and metrics). */
  load(): number[] {
    return this.pool.load();
  }

  /** Jobs waiting for a thread (for tests and metrics). */
  get queued(): number {
    return this.waiting.size;
  }

  /** Ends thread `i` at once, as a crash would (tests). */
  kill(i: number): Promise<void> {
    return this.pool.kill(i);
  }

  /** Each thread finishes the jobs it holds first; one that does not end in time is stopped. */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** The threads, as the failure tests reach them. */
  private get threads() {
    return this.pool.threads;
  }
}
