import { z } from 'zod';
import { id, listRequest, MAX_METADATA_KEYS, metadataItem, metadataString, stringList } from './common';
import { modelRecord } from './records';

const model = modelRecord.shape;
/** Fields a model can be created or edited with: the record's, where a client may send null for an empty one. */
const modelFields = {
  uri: model.uri.optional(),
  name: model.name.min(1),
  comment: model.comment.nullish(),
  tags: model.tags,
  system_tags: model.system_tags,
  framework: model.framework.optional(),
  design: model.design.nullish(),
  labels: model.labels.nullish(),
  ready: model.ready,
  public: model.public,
  project: model.project.optional(),
  parent: model.parent.optional(),
  task: model.task.optional(),
  /** ClearML sends a list of `{key, type, value}`; a map keyed by key is taken as well. */
  metadata: z
    .union([
      z.array(z.lazy(() => metadataItem)),
      z.record(
        z.string(),
        z.lazy(() => metadataItem),
      ),
    ])
    .nullish(),
  iteration: z.number().int().optional(),
};

export const modelsCreate = z.object(modelFields).partial().extend({ name: modelFields.name, uri: z.string() });
export const modelsEdit = z.object(modelFields).partial().extend({ model: id });
export const modelId = z.object({ model: id });
export const modelsGetAll = z
  .object({
    ...listRequest,
    id: z.union([z.array(id), id]).optional(),
    name: z.string().optional(),
    task: z.union([z.array(z.string()), z.string()]).optional(),
    project: z.union([z.array(z.string()), z.string()]).optional(),
    framework: z.union([z.array(z.string()), z.string()]).optional(),
    ready: z.boolean().optional(),
    user: z.union([z.array(z.string()), z.string()]).optional(),
    /** The web app's search box: a text over name, id and comment. */
    _any_: z
      .object({ pattern: z.string().max(1000).optional(), fields: z.array(z.string()).optional() })
      .loose()
      .optional(),
  })
  .loose();
export const modelsUpdateForTask = z.object({
  task: id,
  uri: z.string().optional(),
  name: z.string().optional(),
  comment: z.string().optional(),
  tags: stringList.optional(),
  system_tags: stringList.optional(),
  override_model_id: z.string().optional(),
  iteration: z.number().int().optional(),
});
export const modelsSetReady = z.object({
  model: id,
  force_publish_task: z.boolean().optional(),
  publish_task: z.boolean().optional(),
});
export const modelsDelete = z.object({ model: id, force: z.boolean().optional() });

export const modelsAddOrUpdateMetadata = z.object({
  model: id,
  metadata: z.array(metadataItem).max(MAX_METADATA_KEYS),
  replace_metadata: z.boolean().optional(),
});
export const modelsDeleteMetadata = z.object({ model: id, keys: z.array(metadataString).max(MAX_METADATA_KEYS) });

export const modelsMany = z.object({
  ids: z.array(id).min(1).max(1000),
  force: z.boolean().optional(),
  publish_tasks: z.boolean().optional(),
});
export const modelsGetFrameworks = z.object({ projects: z.array(z.string()).optional() });
export const modelsByTask = z.object({ task: id });
/** models.update_tags (API 2.27): user tags added to and removed from several models. */
export const modelsUpdateTags = z.object({
  ids: z.array(z.string().min(1)),
  add_tags: z.array(z.string()).optional(),
  remove_tags: z.array(z.string()).optional(),
});
export const modelsMove = z.object({
  ids: z.array(id).min(1).max(1000),
  project: z.string().optional(),
  project_name: z.string().optional(),
});
export const projectMetadataKeys = z.object({
  project: z.string().optional(),
  include_subprojects: z.boolean().optional(),
  page: z.number().int().min(0).optional(),
  page_size: z.number().int().min(1).max(10_000).optional(),
});
export const projectMetadataValues = z.object({
  projects: z.array(z.string()).optional(),
  key: z.string(),
  allow_public: z.boolean().optional(),
  page: z.number().int().min(0).optional(),
  page_size: z.number().int().min(1).max(10_000).optional(),
});
