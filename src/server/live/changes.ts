import type { Change, ChangeKind } from './hub';

/** Where a request or its answer names the objects of each kind (a task's request also names its queue or project: not the task). */
const ID_FIELDS: Record<string, string[]> = {
  task: ['task', 'tasks', 'id', 'ids'],
  model: ['model', 'models', 'id', 'ids'],
  project: ['project', 'projects', 'id', 'ids'],
  queue: ['queue', 'queues', 'id', 'ids'],
};

function idsIn(v: unknown, out: Set<string>) {
  if (typeof v === 'string' && v) out.add(v);
  else if (Array.isArray(v)) for (const x of v.slice(0, 10_000)) if (typeof x === 'string' && x) out.add(x);
}

const SERVICE_KINDS: Record<string, ChangeKind | undefined> = {
  tasks: 'task',
  models: 'model',
  projects: 'project',
  queues: 'queue',
};

/**
 * What a successful write changed, read from the endpoint, its request and its answer. One place
 * for every service, so the writes themselves (store, ingest) stay as they are.
 */
export function changesOf(endpoint: string, body: unknown, data: unknown): Change[] {
  const service = endpoint.slice(0, endpoint.indexOf('.'));
  if (service === 'events') {
    // Ingest announces the tasks and models it stored events for itself (events/ingest.ts): no second walk of the batch.
    if (endpoint === 'events.add_batch' || endpoint === 'events.add') return [];
    const ids = new Set<string>();
    if (body && typeof body === 'object') idsIn((body as Record<string, unknown>).task, ids);
    return [...ids].flatMap((id) => (['log', 'scalars', 'plots', 'samples'] as const).map((kind) => ({ kind, id })));
  }
  // A worker's status report moves what the Workers & Queues page shows.
  if (service === 'workers') return [{ kind: 'queue' }];
  const kind = SERVICE_KINDS[service];
  if (!kind) return [];
  const ids = new Set<string>();
  for (const src of [body, data]) {
    if (!src || typeof src !== 'object' || Array.isArray(src)) continue;
    for (const f of ID_FIELDS[kind]) idsIn((src as Record<string, unknown>)[f], ids);
  }
  const out: Change[] = [...ids].map((id) => ({ kind, id }));
  // Creating, cloning, moving or deleting changes which tasks a table lists.
  if (kind === 'task' && /create|clone|delete|move|archive|enqueue|dequeue|reset/.test(endpoint)) out.push({ kind: 'tasks' });
  // Queue entries follow a task's status.
  if (kind === 'task' && /enqueue|dequeue|start|stop|reset|delete/.test(endpoint)) out.push({ kind: 'queue' });
  return out;
}
