import type { Task } from '../../shared/api/records';
import { escapeRegex } from '../../shared/regex';
import { endpoint, type RequestContext } from '../http/endpoint';
import { cloneTask, readTaskOr400 } from '../tasks/clone';
import { enqueueTask, watched } from '../tasks/queueing';

/**
 * The run's name as clearml-server gives it (pipelines.py, _update_task_name, which counts after the clone is made
 * under the source's name): the pipeline's project basename, then " #n" with n the pipeline tasks so named.
 */
async function runName(ctx: RequestContext, src: Task): Promise<string> {
  const p = src.project ? await ctx.store.projects.get(src.project) : null;
  if (!p) return src.name;
  const prefix = p.basename;
  const named = new RegExp(`^${escapeRegex(prefix)}( #[0-9]+)?$`);
  const others = await ctx.store.tasks.count({
    projects: [p.id],
    includeHidden: true,
    systemTags: { all: ['pipeline'] },
    nameRegex: named.source,
  });
  const runs = others + (named.test(src.name) && src.system_tags.includes('pipeline') ? 1 : 0);
  return runs > 0 ? `${prefix} #${runs}` : prefix;
}

/** The controller's hyper-parameters with the given Args set (an existing parameter keeps its type and description). */
function withArgs(src: Task, args: { name: string; value: string }[]): Task['hyperparams'] {
  const hyperparams = structuredClone(src.hyperparams ?? {});
  const section = (hyperparams.Args ??= {});
  for (const { name, value } of args) section[name] = { ...section[name], section: 'Args', name, value };
  return hyperparams;
}

export const pipelineEndpoints = [
  endpoint('pipelines.start_pipeline', async (req, ctx) =>
    ctx.store
      .transaction(async () => {
        const src = await readTaskOr400(ctx, req.task);
        const { clone } = await cloneTask(
          ctx,
          {
            task: src.id,
            new_task_name: await runName(ctx, src),
            ...(req.args?.length ? { new_task_hyperparams: withArgs(src, req.args) } : {}),
          },
          'pipelines.start_pipeline',
        );
        const queued = await enqueueTask(ctx, {
          task: clone.id,
          queue: req.queue,
          status_message: 'Starting pipeline',
        });
        return { pipeline: clone.id, enqueued: queued.queued === 1, queue: queued.fields['execution.queue'] };
      })
      .then(async ({ queue, ...started }) =>
        req.verify_watched_queue ? { ...started, queue_watched: await watched(ctx, queue) } : started,
      ),
  ),
];
