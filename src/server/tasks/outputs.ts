import type { Model, Task } from '../../shared/api/records';
import type { Store } from '../store/store';
import { removeFromAllQueues } from '../queues/entries';

/** Deletes a model and adds its stored file to `urls`, for removal once the transaction is done. */
export async function deleteModel(store: Store, m: Model, urls: string[]): Promise<void> {
  await store.models.delete(m.id);
  if (m.uri) urls.push(m.uri.replace(/ /g, '%20'));
}

/** What deleting tasks' outputs removed, and the URLs of the files they pointed to (to remove after the transaction). */
interface Dropped {
  events: number;
  deletedModels: number;
  urls: string[];
  /** The same per task (events only in all). */
  byTask: Map<string, { deletedModels: number; urls: string[] }>;
}

/** What a delete or reset keeps: `models`, the tasks' output models (ClearML's `delete_output_models: false`). */
export interface Keep {
  models?: boolean;
}

/** Deletes the recorded outputs of the tasks: events, output artifacts' files, draft output models (unless kept). */
async function dropOutputs(store: Store, tasks: Task[], keep: Keep): Promise<Dropped> {
  const ids = tasks.map((t) => t.id);
  const byTask = new Map(
    tasks.map((t) => [
      t.id,
      { deletedModels: 0, urls: (t.execution.artifacts ?? []).filter((a) => a.mode !== 'input' && a.uri).map((a) => a.uri!) },
    ]),
  );
  for (const e of await store.events.queryEvents({ tasks: ids, type: 'training_debug_image' })) {
    if (typeof e.body.url === 'string') byTask.get(e.task)?.urls.push(e.body.url);
  }
  const events = await store.events.deleteForTasks(ids);
  const outputs = keep.models ? [] : tasks.flatMap((t) => t.models.output.map((ref) => ref.model));
  // Locked first (in a PostgreSQL transaction), as a single model read for a change is.
  if (outputs.length) await store.models.readiness(outputs);
  for (const m of outputs.length ? await store.models.query({ ids: outputs }) : []) {
    const owner = m.task === null ? undefined : byTask.get(m.task);
    if (!m.ready && owner) {
      await deleteModel(store, m, owner.urls);
      owner.deletedModels++;
    }
  }
  const all = [...byTask.values()];
  return { events, deletedModels: all.reduce((n, o) => n + o.deletedModels, 0), urls: all.flatMap((o) => o.urls), byTask };
}

/**
 * Deletes the tasks with what they recorded (a batch at once, in the caller's transaction): out of every queue,
 * their outputs (see dropOutputs), the tasks.
 */
export async function deleteTasks(store: Store, tasks: Task[], keep: Keep = {}): Promise<Dropped> {
  if (!tasks.length) return { events: 0, deletedModels: 0, urls: [], byTask: new Map() };
  const ids = tasks.map((t) => t.id);
  await removeFromAllQueues(store, ids);
  const dropped = await dropOutputs(store, tasks, keep);
  await store.tasks.deleteMany(ids);
  return dropped;
}

/**
 * Deletes a task's recorded outputs (see dropOutputs) and returns the task without them, for the caller to store.
 */
export async function clearOutputs(store: Store, t: Task, keep: Keep = {}): Promise<Dropped & { task: Task }> {
  const dropped = await dropOutputs(store, [t], keep);
  await store.tasks.clearMetrics(t.id);
  const task: Task = {
    ...t,
    last_iteration: 0,
    last_metrics: {},
    models: { ...t.models, output: [] },
    runtime: {},
    started: null,
    completed: null,
    published: null,
    active_duration: null,
    output: { destination: t.output?.destination ?? null },
    execution: {
      ...t.execution,
      queue: null,
      artifacts: (t.execution.artifacts ?? []).filter((a) => a.mode === 'input'),
    },
  };
  delete task.last_worker;
  return { ...dropped, task };
}
