import { z } from 'zod';
import { id, idList, jsonObject, listRequest, patternFilter, statusChange, stringList, taskStatus } from './common';
import { artifactRecord, configurationItemRecord, paramsItemRecord, taskModelRefRecord, taskRecord } from './records';

/** A parameter or configuration item as a client sends it: any value (stored as a string), null metadata. */
const sentItem = { value: z.unknown().optional(), type: z.string().nullish(), description: z.string().nullish() };
export const paramsItem = paramsItemRecord.extend(sentItem).loose();
export const configurationItem = configurationItemRecord.extend(sentItem).loose();

export const hyperParamsMap = z.record(z.string(), z.record(z.string(), paramsItem.partial({ section: true, name: true })));
export const configurationMap = z.record(z.string(), configurationItem.partial({ name: true }));

/** An artifact as a client sends it: every optional field may also be null, the data fields any shape. */
export const artifact = artifactRecord
  .extend({
    uri: z.string().nullish(),
    content_size: z.number().nullish(),
    hash: z.string().nullish(),
    timestamp: z.number().nullish(),
    type_data: jsonObject.nullish(),
    display_data: z.array(z.array(z.unknown())).nullish(),
  })
  .loose();

const modelRef = taskModelRefRecord.pick({ name: true, model: true }).loose();
const taskModels = z.object({ input: z.array(modelRef).optional(), output: z.array(modelRef).optional() }).loose();

const task = taskRecord.shape;
/**
 * Fields a task can be created or edited with: the record's, where a client may send null for an empty
 * one; execution and script are merged key by key, so any object is taken.
 */
const taskFields = {
  name: task.name.min(1, 'must not be empty'),
  type: task.type,
  tags: task.tags,
  system_tags: task.system_tags,
  comment: task.comment.nullish(),
  parent: task.parent.optional(),
  project: task.project.optional(),
  output_dest: task.output.shape.destination,
  execution: jsonObject,
  script: jsonObject,
  hyperparams: hyperParamsMap,
  configuration: configurationMap,
  models: taskModels,
  container: z.record(z.string(), z.string().nullish()),
  runtime: task.runtime,
};

export const tasksCreate = z.object({
  ...taskFields,
  tags: taskFields.tags.optional(),
  system_tags: taskFields.system_tags.optional(),
  execution: taskFields.execution.optional(),
  script: taskFields.script.optional(),
  hyperparams: taskFields.hyperparams.optional(),
  configuration: taskFields.configuration.optional(),
  models: taskFields.models.optional(),
  container: taskFields.container.optional(),
  runtime: taskFields.runtime.optional(),
});

export const tasksEdit = z.object(taskFields).partial().extend({ task: id, force: z.boolean().optional() });

export const tasksGetAll = z
  .object({
    ...listRequest,
    id: z.union([idList, id]).optional(),
    name: z.string().optional(),
    user: z.union([stringList, z.string()]).optional(),
    project: z.union([stringList, z.string()]).nullish(),
    type: z.union([stringList, z.string()]).optional(),
    status: z.union([z.array(taskStatus), taskStatus]).optional(),
    parent: z.union([stringList, z.string()]).optional(),
    include_subprojects: z.boolean().optional(),
    _any_: patternFilter.optional(),
    _all_: patternFilter.optional(),
    /** ClearML 2.27 field filters, e.g. `{tags: {any: {include: [...], exclude: [...]}}}` (tags and system_tags). */
    filters: z
      .record(
        z.string(),
        z
          .object({
            any: z.object({ include: stringList.optional(), exclude: stringList.optional() }).optional(),
            all: z.object({ include: stringList.optional(), exclude: stringList.optional() }).optional(),
            op: z.enum(['and', 'or']).optional(),
          })
          .loose(),
      )
      .optional(),
    /** Taskdeck extension: also return `total`, the number of matching tasks. */
    count_total: z.boolean().optional(),
  })
  .loose();

export const taskId = z.object({ task: id });
export const tasksUpdate = tasksEdit.pick({
  task: true,
  name: true,
  tags: true,
  system_tags: true,
  comment: true,
  project: true,
});
/** tasks.update_batch: tasks.update requests, one a line (`application/json-lines`) or as a JSON array. */
export const tasksUpdateBatch = z.array(tasksUpdate);
export const tasksStatusChange = z.object(statusChange);
/** API 2.30: a pipeline controller's steps (its child tasks) go with it. */
const withSteps = { include_pipeline_steps: z.boolean().optional() };
export const tasksStop = z.object({ ...statusChange, ...withSteps });
export const tasksCompleted = z.object({ ...statusChange, publish: z.boolean().optional() });
export const tasksPublish = z.object({ ...statusChange, publish_model: z.boolean().optional() });
export const tasksReset = z.object({
  ...statusChange,
  clear_all: z.boolean().optional(),
  return_file_urls: z.boolean().optional(),
  delete_output_models: z.boolean().optional(),
});
export const tasksClone = z.object({
  task: id,
  new_task_name: z.string().optional(),
  new_task_comment: z.string().optional(),
  new_task_tags: stringList.optional(),
  new_task_system_tags: stringList.optional(),
  new_task_parent: z.string().optional(),
  new_task_project: z.string().optional(),
  new_project_name: z.string().optional(),
  new_task_hyperparams: hyperParamsMap.optional(),
  new_task_configuration: configurationMap.optional(),
  new_task_input_models: z.array(modelRef).optional(),
  new_task_container: z.record(z.string(), z.string().nullish()).optional(),
  execution_overrides: jsonObject.optional(),
  validate_references: z.boolean().optional(),
});
export const tasksEnqueue = z.object({
  ...statusChange,
  queue: z.string().nullish(),
  queue_name: z.string().optional(),
  verify_watched_queue: z.boolean().optional(),
});
export const tasksEnqueueMany = z.object({
  ids: idList,
  queue: z.string().nullish(),
  queue_name: z.string().optional(),
  status_reason: z.string().optional(),
  validate_tasks: z.boolean().optional(),
  verify_watched_queue: z.boolean().optional(),
});
export const tasksUpdateTags = z.object({ ids: idList, add_tags: stringList.optional(), remove_tags: stringList.optional() });
export const tasksDequeue = z.object({
  ...statusChange,
  remove_from_all_queues: z.boolean().optional(),
  new_status: taskStatus.optional(),
});
export const tasksArchive = z.object({
  tasks: idList,
  status_reason: z.string().optional(),
  status_message: z.string().optional(),
  ...withSteps,
});
export const tasksMany = z.object({
  ids: idList,
  status_reason: z.string().optional(),
  status_message: z.string().optional(),
  force: z.boolean().optional(),
});
export const tasksManyWithSteps = tasksMany.extend(withSteps);
const deleteOptions = {
  move_to_trash: z.boolean().optional(),
  return_file_urls: z.boolean().optional(),
  delete_output_models: z.boolean().optional(),
  ...withSteps,
};
export const tasksDelete = z.object({ ...statusChange, ...deleteOptions });
export const tasksResetMany = tasksMany.extend({
  clear_all: z.boolean().optional(),
  return_file_urls: z.boolean().optional(),
  delete_output_models: z.boolean().optional(),
});
export const tasksDeleteMany = tasksMany.extend(deleteOptions);
export const tasksMove = z.object({ ids: idList, project: z.string().nullish(), project_name: z.string().optional() });
export const tasksEditHyperParams = z.object({
  task: id,
  hyperparams: z.array(paramsItem),
  replace_hyperparams: z.enum(['none', 'section', 'all']).optional(),
  force: z.boolean().optional(),
});
export const tasksGetHyperParams = z.object({ tasks: idList });
export const tasksDeleteHyperParams = z.object({
  task: id,
  hyperparams: z.array(z.object({ section: z.string(), name: z.string().optional() })),
  force: z.boolean().optional(),
});
export const tasksEditConfiguration = z.object({
  task: id,
  configuration: z.array(configurationItem),
  replace_configuration: z.boolean().optional(),
  force: z.boolean().optional(),
});
export const tasksDeleteConfiguration = z.object({
  task: id,
  configuration: z.array(z.string()).max(1000),
  force: z.boolean().optional(),
});
export const tasksGetConfigurations = z.object({ tasks: idList, names: stringList.optional() });
export const tasksGetConfigurationNames = z.object({ tasks: idList, skip_empty: z.boolean().optional() });
export const tasksAddOrUpdateArtifacts = z.object({ task: id, artifacts: z.array(artifact), force: z.boolean().optional() });
export const tasksDeleteArtifacts = z.object({
  task: id,
  artifacts: z.array(z.object({ key: z.string(), mode: z.enum(['input', 'output']).optional() })),
  force: z.boolean().optional(),
});
export const tasksSetRequirements = z.object({ task: id, requirements: jsonObject, force: z.boolean().optional() });
export const tasksAddOrUpdateModel = z.object({
  task: id,
  name: z.string(),
  model: id,
  type: z.enum(['input', 'output']),
  iteration: z.number().int().optional(),
});
export const tasksDeleteModels = z.object({
  task: id,
  models: z.array(z.object({ name: z.string(), type: z.enum(['input', 'output']) })),
});
