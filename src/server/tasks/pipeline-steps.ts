import type { Task } from '../../shared/api/records';
import type { Store } from '../store/store';

/**
 * The steps of the pipeline controllers among `tasks`: their child tasks, as clearml-server takes them for a call given
 * `include_pipeline_steps` (API 2.30). Tasks of any other type have none. A child that is itself a controller is left
 * out: pipelines.start_pipeline makes a new run the child of the run it was started from, and that run is no step
 * of this one (clearml-server takes it along).
 */
export async function pipelineSteps(store: Store, tasks: Pick<Task, 'id' | 'type'>[]): Promise<Task[]> {
  const controllers = tasks.filter((t) => t.type === 'controller').map((t) => t.id);
  if (!controllers.length) return [];
  const children = await store.tasks.query({ parents: controllers, includeHidden: true, withMetrics: false });
  return children.filter((t) => t.type !== 'controller');
}
