import type { Model, Task } from '../../shared/api/records';
import type { Store } from '../store/store';

/** Deletes a model and adds its stored file to `urls`, for removal once the transaction is done. */
export async function deleteModel(store: Store, m: Model, urls: string[]): Promise<void> {
  await store.models.delete(m.id);
  if (m.uri) urls.push(m.uri.replace(/ /g, '%20'));
}

/**
 * Deletes a task's recorded outputs: events, output artifacts, draft output models.
 * Returns the URLs of the files they pointed to, for removal once the transaction is done.
 */
export async function clearOutputs(
  store: Store,
  t: Task,
): Promise<{ events: number; deletedModels: number; task: Task; urls: string[] }> {
  const urls = (t.execution.artifacts ?? []).filter((a) => a.mode !== 'input' && a.uri).map((a) => a.uri!);
  for (const e of await store.events.queryEvents({ tasks: [t.id], type: 'training_debug_image' })) {
    if (typeof e.body.url === 'string') urls.push(e.body.url);
  }
  const events = await store.events.deleteForTask(t.id);
  let deletedModels = 0;
  for (const ref of t.models.output) {
    const m = await store.models.get(ref.model);
    if (m && !m.ready && m.task === t.id) {
      await deleteModel(store, m, urls);
      deletedModels++;
    }
  }
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
  return { events, deletedModels, task, urls };
}
