/**
 * What changed, for open dashboards: ids and kinds only, never the data itself (the browser
 * refetches through the normal endpoints, which check what the user may read).
 */
export const CHANGE_KINDS = ['task', 'tasks', 'scalars', 'log', 'plots', 'samples', 'model', 'project', 'queue'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Change {
  kind: ChangeKind;
  /** The task, model, project or queue; absent for "the list changed" (a task was created or deleted). */
  id?: string;
}

export type Listener = (c: Change) => void;

/**
 * Where writes announce changes and streams listen. In-process now; several server processes on one
 * database would put a shared channel (PostgreSQL LISTEN/NOTIFY, Redis) behind this same interface.
 */
export interface Publisher {
  publish(changes: Change[]): void;
  subscribe(listener: Listener): () => void;
}

export function createInProcessPublisher(): Publisher {
  const listeners = new Set<Listener>();
  return {
    publish(changes) {
      if (!listeners.size) return;
      for (const c of changes)
        for (const l of listeners) {
          try {
            l(c);
          } catch {
            // An announcement must never fail the write that made it; that stream's client resyncs by polling.
          }
        }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
