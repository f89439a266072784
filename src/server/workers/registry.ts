/**
 * Registered workers live in the server's memory, with a time to live, as ClearML keeps
 * them in Redis: a worker that neither registers nor reports within its timeout is gone.
 */
export interface WorkerEntry {
  id: string;
  user: string;
  company: string;
  ip: string;
  registerTime: number;
  lastActivity: number;
  timeoutSec: number;
  queues: string[];
  queue: string | null;
  task: string | null;
  machineStats?: Record<string, unknown>;
  tags: string[];
}

export class WorkerRegistry {
  private readonly workers = new Map<string, WorkerEntry>();

  constructor(readonly defaultTimeoutSec: number) {}

  private alive(now = Date.now()): WorkerEntry[] {
    for (const [k, w] of this.workers) if (now - w.lastActivity > w.timeoutSec * 1000) this.workers.delete(k);
    return [...this.workers.values()];
  }

  register(
    w: Omit<WorkerEntry, 'registerTime' | 'lastActivity' | 'timeoutSec' | 'queue' | 'task'> & { timeoutSec?: number },
  ): WorkerEntry {
    const now = Date.now();
    const prev = this.workers.get(w.id);
    const entry: WorkerEntry = {
      queue: prev?.queue ?? null,
      task: prev?.task ?? null,
      ...w,
      timeoutSec: w.timeoutSec ?? prev?.timeoutSec ?? this.defaultTimeoutSec,
      registerTime: prev?.registerTime ?? now,
      lastActivity: now,
    };
    this.workers.set(w.id, entry);
    return entry;
  }

  get(id: string): WorkerEntry | undefined {
    return this.alive().find((w) => w.id === id);
  }

  unregister(id: string): boolean {
    return this.workers.delete(id);
  }

  list(): WorkerEntry[] {
    return this.alive().sort((a, b) => a.id.localeCompare(b.id));
  }
}
