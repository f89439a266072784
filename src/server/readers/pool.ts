import { JsonBytes } from '../http/json-bytes';
import { errors } from '../http/errors';
import { safeMessage } from '../http/safe-message';
import { errorOf } from '../thread-failure';
import { ThreadPool } from '../thread-pool';
import type { JobArgs, JobName, JobResult } from './jobs';
import type { JobAnswer, JobRequest } from './reader-thread';

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
  private readonly pool: ThreadPool<JobAnswer, unknown>;

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

  run<J extends JobName>(job: J, args: JobArgs<J>): Promise<JobResult<J>> {
    return this.send({ job, args });
  }

  /**
   * Runs a job whose result is an endpoint's answer: the thread serialises it to JSON and hands the bytes
   * over without a copy, so the event loop neither rebuilds the object nor stringifies it.
   */
  runJson<J extends JobName>(job: J, args: JobArgs<J>): Promise<JsonBytes<JobResult<J>>> {
    return this.send({ job, args, json: true });
  }

  private send<R>(req: Omit<JobRequest, 'id'>): Promise<R> {
    return this.pool.send((id) => ({ message: { ...req, id } satisfies JobRequest })) as Promise<R>;
  }

  /** Starts the threads (each opens its store) ahead of the first long read. */
  warm(): void {
    this.pool.startAll();
  }

  /** Jobs sent and not answered yet, per thread (for tests and metrics). */
  load(): number[] {
    return this.pool.load();
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
