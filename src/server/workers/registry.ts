/**
 * Registered workers, with a time to live, as ClearML keeps them in Redis: a worker that
 * neither registers nor reports within its timeout is gone. They live in the store, so every
 * server on one database lists the same workers.
 */
import type { Store, WorkerEntry } from '../store/store';

export type { WorkerEntry };

export class WorkerRegistry {
  constructor(
    private readonly store: Store,
    readonly defaultTimeoutSec: number,
  ) {}

  /** Registers the worker or refreshes it; `task`/`queue` given here replace the current ones. */
  async register(
    w: Omit<WorkerEntry, 'registerTime' | 'lastActivity' | 'timeoutSec' | 'queue' | 'task'> &
      Partial<Pick<WorkerEntry, 'queue' | 'task'>> & { timeoutSec?: number },
  ): Promise<WorkerEntry> {
    const now = Date.now();
    const prev = await this.store.workers.get(w.id, now);
    const entry: WorkerEntry = {
      queue: prev?.queue ?? null,
      task: prev?.task ?? null,
      ...w,
      timeoutSec: w.timeoutSec ?? prev?.timeoutSec ?? this.defaultTimeoutSec,
      registerTime: prev?.registerTime ?? now,
      lastActivity: now,
    };
    await this.store.workers.put(entry);
    return entry;
  }

  async get(id: string): Promise<WorkerEntry | undefined> {
    return (await this.store.workers.get(id, Date.now())) ?? undefined;
  }

  unregister(id: string): Promise<boolean> {
    return this.store.workers.delete(id);
  }

  list(): Promise<WorkerEntry[]> {
    return this.store.workers.listAlive(Date.now());
  }
}
