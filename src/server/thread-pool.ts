import type { TransferListItem, Worker } from 'node:worker_threads';
import { errors } from './http/errors';
import { startThread, type ThreadEntry } from './threads';

/** Why a thread went away before it was closed: the event that told, and its error. */
export interface ThreadTrouble {
  event: 'error' | 'messageerror';
  error: Error;
}

export interface ThreadPoolOptions<A, T> {
  entry: ThreadEntry;
  /** Given to every thread; only what the thread needs (the server's config also holds secrets). */
  workerData: unknown;
  size: number;
  /** Reads a thread's answer to a job: returns the job's value or throws its error. */
  answer: (m: A) => T;
  /** The error the jobs a thread held fail with when it stops (trouble is undefined for a plain exit). */
  stopped: (trouble: ThreadTrouble | undefined) => Error;
  /**
   * An idle thread takes the next job rather than a new thread being started for it (threads that are
   * costly to start, such as ones that open a store). Otherwise every thread is started before any is shared.
   */
  reuseIdle?: boolean;
  /**
   * Closing sends each thread 'close' and waits this long for it to finish its jobs and end before it is
   * stopped. Without it, closing stops the threads at once (their jobs fail).
   */
  closeGraceMs?: number;
}

interface Pending<T> {
  resolve: (v: T) => void;
  reject: (e: Error) => void;
}

export interface PoolThread<T> {
  worker: Worker;
  pending: Map<number, Pending<T>>;
}

/**
 * The bookkeeping the server's worker-thread pools share: threads started lazily, each job sent to the
 * thread with the fewest jobs waiting and answered by id, the jobs of a thread that dies (or sends an answer
 * that cannot be read, which names no job) failed rather than left waiting, a new thread started for the next
 * job, and no job taken once closing. What a job carries and how its answer reads are the user's.
 */
export class ThreadPool<A extends { id: number }, T> {
  /** The running threads by index (tests reach a worker through it). */
  readonly threads: (PoolThread<T> | undefined)[];
  private readonly live = new Set<Worker>();
  private next = 1;
  private closed = false;

  constructor(private readonly options: ThreadPoolOptions<A, T>) {
    this.threads = Array.from({ length: options.size }, () => undefined);
  }

  /** Sends the message `build` makes for a new job id (with what it transfers) to the least busy thread. */
  send(build: (id: number) => { message: unknown; transfer?: TransferListItem[] }): Promise<T> {
    if (this.closed) return Promise.reject(errors.internal('The server is shutting down'));
    const i = this.leastBusy();
    const t = (this.threads[i] ??= this.start(i));
    const id = this.next++;
    const { message, transfer } = build(id);
    return new Promise<T>((resolve, reject) => {
      t.pending.set(id, { resolve, reject });
      t.worker.postMessage(message, transfer);
    });
  }

  /**
   * Starts every thread not running yet, before any job needs it: the first job then finds its thread
   * loaded (and, for a reader, its store open) rather than waiting for that. Nothing once closing.
   */
  startAll(): void {
    if (this.closed) return;
    for (let i = 0; i < this.threads.length; i++) this.threads[i] ??= this.start(i);
  }

  /** Jobs sent and not answered yet, per thread. */
  load(): number[] {
    return this.threads.map((t) => t?.pending.size ?? 0);
  }

  /** Ends thread `i` at once, as a crash would (tests). */
  async kill(i: number): Promise<void> {
    await this.threads[i]?.worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    const grace = this.options.closeGraceMs;
    await Promise.all(
      [...this.live].map(async (worker) => {
        if (grace === undefined) return void (await worker.terminate());
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.postMessage('close');
        // It finishes the jobs it holds first; one that does not end in time is stopped (its jobs fail).
        const late = setTimeout(() => void worker.terminate(), grace);
        await exited;
        clearTimeout(late);
      }),
    );
  }

  private leastBusy(): number {
    let best = 0;
    for (let i = 0; i < this.threads.length; i++) {
      if (!this.threads[i] && !this.options.reuseIdle) return i;
      if ((this.threads[i]?.pending.size ?? 0) < (this.threads[best]?.pending.size ?? 0)) best = i;
    }
    return best;
  }

  private start(i: number): PoolThread<T> {
    const { entry, workerData, answer, stopped } = this.options;
    const worker = startThread(entry, { workerData });
    worker.unref();
    this.live.add(worker);
    const t: PoolThread<T> = { worker, pending: new Map() };
    worker.on('message', (m: A) => {
      const job = t.pending.get(m.id);
      t.pending.delete(m.id);
      if (!job) return;
      let value: T;
      try {
        value = answer(m);
      } catch (e) {
        return job.reject(e as Error);
      }
      job.resolve(value);
    });
    let trouble: ThreadTrouble | undefined;
    // A thread in trouble takes no more jobs; the ones it holds fail once it has stopped.
    const detach = () => {
      if (this.threads[i] === t) this.threads[i] = undefined;
    };
    worker.on('error', (error) => {
      trouble ??= { event: 'error', error };
      detach();
    });
    worker.on('messageerror', (error) => {
      trouble ??= { event: 'messageerror', error };
      detach();
      void worker.terminate();
    });
    worker.on('exit', () => {
      detach();
      this.live.delete(worker);
      const e = stopped(trouble);
      for (const job of t.pending.values()) job.reject(e);
      t.pending.clear();
    });
    return t;
  }
}
