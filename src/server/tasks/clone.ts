/** Cloning a task into a new Draft. */
import type { Task } from '../../shared/api/records';
import type { ValidRequestOf } from '../../shared/api/contract';
import { endpoint, type RequestContext } from '../http/endpoint';
import { newId } from '../ids';
import { ensureProject, getProjectOr400 } from '../projects/paths';
import { assertParamCaps } from './param-caps';
import { assertRecordBytes } from '../http/record-size';
import { blankTask, normalizeConfiguration, normalizeHyperParams } from './common';
import { errors } from '../http/errors';

type CloneRequest = ValidRequestOf<'tasks.clone'>;

/** The task as stored, without locking it; an unknown id is refused. */
export async function readTaskOr400(ctx: RequestContext, id: string): Promise<Task> {
  const [t] = await ctx.store.tasks.getMany([id]);
  if (!t) throw errors.invalidTaskId(id);
  return t;
}

/** A new Draft from the task, as tasks.clone makes it; inside the caller's transaction. */
export async function cloneTask(ctx: RequestContext, req: CloneRequest, endpointName = 'tasks.clone') {
  // Read, not locked: a clone only reads its source, and the project is held before any task is locked (see
  // ProjectRepo.hold).
  const src = await readTaskOr400(ctx, req.task);
  let project = src.project;
  let newProject: { id: string; name: string } | undefined;
  if (req.new_project_name) {
    const p = (await ensureProject(ctx.store, ctx.identity, req.new_project_name)).project;
    project = p.id;
    newProject = { id: p.id, name: p.name };
  } else if (req.new_task_project) project = (await getProjectOr400(ctx.store, req.new_task_project)).id;
  // Held until the clone is stored (a delete of the project on another server waits, or went first). A source left
  // in a project deleted before that was held has its clone made outside any project.
  else if (project && !(await ctx.store.projects.hold([project])).has(project)) project = null;
  const parentOk = src.parent && !src.parent.startsWith('__DELETED__');
  const execution = {
    ...structuredClone(src.execution),
    ...req.execution_overrides,
    queue: null,
    artifacts: (src.execution.artifacts ?? []).filter((a) => a.mode === 'input'),
  } as Task['execution'];
  const clone = blankTask(ctx.identity, {
    id: newId(),
    // As clearml-server: a clone not named keeps its source's name (the SDK's Task.clone sends none unless given).
    name: req.new_task_name ?? src.name,
    type: src.type,
    comment: req.new_task_comment ?? src.comment,
    project,
    // An empty new_task_parent asks for no parent at all.
    parent: req.new_task_parent !== undefined ? req.new_task_parent || null : parentOk ? src.parent : src.id,
    tags: req.new_task_tags ?? [...src.tags],
    system_tags: req.new_task_system_tags ?? src.system_tags.filter((s) => s !== 'development' && s !== 'archived'),
    script: structuredClone(src.script),
    execution,
    output: { destination: src.output?.destination ?? null },
    models: { input: req.new_task_input_models ?? structuredClone(src.models.input), output: [] },
    hyperparams: req.new_task_hyperparams ? normalizeHyperParams(req.new_task_hyperparams) : structuredClone(src.hyperparams),
    configuration: req.new_task_configuration
      ? normalizeConfiguration(req.new_task_configuration)
      : structuredClone(src.configuration),
    container: (req.new_task_container as Record<string, string>) ?? { ...src.container },
  });
  // New hyperparameters or configuration given (tasks.clone's, or a pipeline run's Args) are capped as on create.
  assertParamCaps(endpointName, clone, ctx.config);
  assertRecordBytes(endpointName, clone, ctx.config);
  await ctx.store.tasks.insert(clone);
  return { clone, newProject };
}

export const cloneEndpoints = [
  endpoint('tasks.clone', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const { clone, newProject } = await cloneTask(ctx, req);
      return newProject ? { id: clone.id, new_project: newProject } : { id: clone.id };
    }),
  ),
];
