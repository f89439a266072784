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

const EVENT_KINDS: Record<string, ChangeKind> = {
  training_stats_scalar: 'scalars',
  log: 'log',
  plot: 'plots',
  training_debug_image: 'samples',
};

/** The tasks (or models) each event of a batch touched, and how. */
function eventChanges(events: unknown[]): Change[] {
  const seen = new Map<string, Change>();
  for (const e of events) {
    if (!e || typeof e !== 'object') continue;
    const ev = e as Record<string, unknown>;
    const owner = ev.model_event && typeof ev.model === 'string' ? ev.model : ev.task;
    if (typeof owner !== 'string' || !owner) continue;
    const kind: ChangeKind = ev.model_event ? 'model' : (EVENT_KINDS[String(ev.type)] ?? 'plots');
    seen.set(`${kind}:${owner}`, { kind, id: owner });
  }
  return [...seen.values()];
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
    if (endpoint === 'events.add_batch' && Array.isArray(body)) return eventChanges(body);
    if (endpoint === 'events.add') return eventChanges([body]);
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
