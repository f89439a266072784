import type { Change, ChangeKind } from './hub';

const ID_FIELDS = ['task', 'id', 'ids', 'tasks', 'model', 'models', 'project', 'projects', 'queue'] as const;

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
  const kind: ChangeKind | undefined =
    service === 'tasks'
      ? 'task'
      : service === 'models'
        ? 'model'
        : service === 'projects'
          ? 'project'
          : service === 'queues'
            ? 'queue'
            : undefined;
  if (!kind) return [];
  const ids = new Set<string>();
  for (const src of [body, data]) {
    if (!src || typeof src !== 'object' || Array.isArray(src)) continue;
    for (const f of ID_FIELDS) idsIn((src as Record<string, unknown>)[f], ids);
  }
  const out: Change[] = [...ids].map((id) => ({ kind, id }));
  // Creating, cloning, moving or deleting changes which tasks a table lists.
  if (kind === 'task' && /create|clone|delete|move|archive|enqueue|dequeue|reset/.test(endpoint)) out.push({ kind: 'tasks' });
  return out;
}
