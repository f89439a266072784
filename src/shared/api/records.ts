/**
 * The records the API returns, shaped as the ClearML API shapes them: each defined once here as a zod
 * schema, its type derived from it. Dates are ISO-8601 strings; hyper-parameter values are always strings.
 * The request schemas (tasks.ts, models.ts, …) build on these, loosening what a client may send.
 */
import { z } from 'zod';
import { jsonObject, stringList, taskStatus, taskType } from './common';

export const paramsItemRecord = z.object({
  section: z.string(),
  name: z.string(),
  value: z.string(),
  type: z.string().optional(),
  description: z.string().optional(),
});
export type ParamsItem = z.output<typeof paramsItemRecord>;

export const configurationItemRecord = paramsItemRecord.omit({ section: true });
export type ConfigurationItem = z.output<typeof configurationItemRecord>;

/** section -> name -> item */
export const hyperParamsRecord = z.record(z.string(), z.record(z.string(), paramsItemRecord));
export type HyperParams = z.output<typeof hyperParamsRecord>;
export const configurationRecord = z.record(z.string(), configurationItemRecord);
export type Configuration = z.output<typeof configurationRecord>;

export const artifactRecord = z.object({
  key: z.string(),
  type: z.string(),
  mode: z.enum(['input', 'output']).optional(),
  uri: z.string().optional(),
  content_size: z.number().optional(),
  hash: z.string().optional(),
  timestamp: z.number().optional(),
  type_data: z.object({ preview: z.string(), content_type: z.string(), data_hash: z.string() }).partial().optional(),
  display_data: z.array(z.tuple([z.string(), z.string()])).optional(),
});
export type Artifact = z.output<typeof artifactRecord>;

export const taskModelRefRecord = z.object({ name: z.string(), model: z.string(), updated: z.string().optional() });
export type TaskModelRef = z.output<typeof taskModelRefRecord>;

export const scriptRecord = z
  .object({
    binary: z.string(),
    repository: z.string(),
    tag: z.string(),
    branch: z.string(),
    version_num: z.string(),
    entry_point: z.string(),
    working_dir: z.string(),
    requirements: jsonObject,
    diff: z.string(),
  })
  .partial();
export type Script = z.output<typeof scriptRecord>;

export const lastMetricsEventRecord = z.object({
  metric: z.string(),
  variant: z.string(),
  value: z.number(),
  min_value: z.number(),
  min_value_iteration: z.number().optional(),
  max_value: z.number(),
  max_value_iteration: z.number().optional(),
  first_value: z.number().optional(),
  first_value_iteration: z.number().optional(),
  count: z.number().optional(),
  mean_value: z.number().optional(),
  iter: z.number(),
  timestamp: z.number(),
});
export type LastMetricsEvent = z.output<typeof lastMetricsEventRecord>;
/** md5(metric) -> md5(variant) -> event, as ClearML keys them. */
export const lastMetricsRecord = z.record(z.string(), z.record(z.string(), lastMetricsEventRecord));
export type LastMetrics = z.output<typeof lastMetricsRecord>;

/** What every named, owned record carries. */
export const ownedRecord = z.object({
  id: z.string(),
  name: z.string(),
  user: z.string(),
  company: z.string(),
  created: z.string(),
  last_update: z.string(),
  tags: stringList,
  system_tags: stringList,
});
export type OwnedRecord = z.output<typeof ownedRecord>;

export const taskRecord = ownedRecord.extend({
  type: taskType,
  status: taskStatus,
  status_reason: z.string(),
  status_message: z.string(),
  status_changed: z.string().optional(),
  comment: z.string(),
  started: z.string().nullish(),
  completed: z.string().nullish(),
  published: z.string().nullish(),
  active_duration: z.number().nullish(),
  last_change: z.string().optional(),
  last_changed_by: z.string().optional(),
  last_worker: z.string().optional(),
  last_iteration: z.number(),
  last_metrics: lastMetricsRecord,
  project: z.string().nullable(),
  parent: z.string().nullable(),
  script: scriptRecord,
  execution: z.looseObject({
    queue: z.string().nullish(),
    artifacts: z.array(artifactRecord),
    parameters: z.record(z.string(), z.string()),
    model_labels: z.record(z.string(), z.number()).optional(),
    docker_cmd: z.string().optional(),
  }),
  output: z.looseObject({ destination: z.string().nullish(), error: z.string().optional(), result: z.string().optional() }),
  models: z.object({ input: z.array(taskModelRefRecord), output: z.array(taskModelRefRecord) }),
  hyperparams: hyperParamsRecord,
  configuration: configurationRecord,
  container: z.record(z.string(), z.string()),
  runtime: jsonObject,
});
export type Task = z.output<typeof taskRecord>;

export const projectRecord = ownedRecord.extend({
  basename: z.string(),
  description: z.string(),
  default_output_destination: z.string().nullish(),
  parent: z.string().nullish(),
});
export type Project = z.output<typeof projectRecord>;

export const modelMetadataItemRecord = z.object({ key: z.string(), type: z.string().optional(), value: z.string().optional() });
export type ModelMetadataItem = z.output<typeof modelMetadataItemRecord>;

export const modelRecord = ownedRecord.extend({
  task: z.string().nullable(),
  parent: z.string().nullable(),
  project: z.string().nullable(),
  comment: z.string(),
  framework: z.string().nullable(),
  design: jsonObject,
  labels: z.record(z.string(), z.number()),
  uri: z.string().nullable(),
  ready: z.boolean(),
  public: z.boolean().optional(),
  /** key -> item */
  metadata: z.record(z.string(), modelMetadataItemRecord).optional(),
  last_change: z.string().optional(),
  /** From model events (`events.add_batch` with `model_event: true`), as for tasks. */
  last_iteration: z.number().optional(),
  last_metrics: lastMetricsRecord.optional(),
});
export type Model = z.output<typeof modelRecord>;

export const queueEntryRecord = z.object({ task: z.string(), added: z.string() });
export type QueueEntry = z.output<typeof queueEntryRecord>;

export const queueRecord = ownedRecord.extend({
  display_name: z.string().optional(),
  entries: z.array(queueEntryRecord),
  /** key -> item, as a model's */
  metadata: z.record(z.string(), modelMetadataItemRecord).optional(),
});
export type Queue = z.output<typeof queueRecord>;
