import { z } from 'zod';
import { id, listRequest, patternFilter } from './common';
import { projectRecord } from './records';

const project = projectRecord.shape;
export const projectsCreate = z.object({
  name: project.name.trim().min(1, 'must not be empty'),
  description: project.description.optional(),
  tags: project.tags.optional(),
  system_tags: project.system_tags.optional(),
  default_output_destination: project.default_output_destination,
});

export const projectsGetAll = z
  .object({
    ...listRequest,
    id: z.union([z.array(id), id]).optional(),
    name: z.string().optional(),
    basename: z.string().optional(),
    parent: z.union([z.array(z.string()), z.string()]).nullish(),
    shallow_search: z.boolean().optional(),
    include_stats: z.boolean().optional(),
    stats_for_state: z.enum(['active', 'archived']).nullish(),
    check_own_contents: z.boolean().optional(),
    // The projects where these users created the project, a task or a model (and the projects above them), each with
    // the counts of their tasks alone: the web app's "My work".
    active_users: z.array(id).max(100).optional(),
    _any_: patternFilter.optional(),
    _all_: patternFilter.optional(),
  })
  .loose();

export const projectId = z.object({ project: id });
export const projectsUpdate = z.object({
  project: id,
  name: project.name.trim().min(1).optional(),
  description: project.description.optional(),
  tags: project.tags.optional(),
  system_tags: project.system_tags.optional(),
  default_output_destination: project.default_output_destination,
});
export const projectsDelete = z.object({ project: id, force: z.boolean().optional(), delete_contents: z.boolean().optional() });

/** projects.get_task_tags and projects.get_model_tags: the tags in use under `projects` (all: none given). */
/** The tasks or models whose tags are listed: tags and system tags in tasks.get_all's list syntax. */
const tagsFilter = z.object({
  tags: z.array(z.string()).max(100).optional(),
  system_tags: z.array(z.string()).max(100).optional(),
});
export const projectTags = z.object({
  projects: z.array(z.string()).max(1000).optional(),
  include_system: z.boolean().optional(),
  filter: tagsFilter.optional(),
});
export const projectTaskParents = z.object({
  projects: z.array(z.string()).max(1000).optional(),
  tasks_state: z.enum(['active', 'archived']).nullish(),
  include_subprojects: z.boolean().optional(),
  task_name: z.string().max(1000).optional(),
});

/** projects.move: the project and its sub-projects under another (created when missing), or to the top: none. */
export const projectsMove = z.object({ project: id, new_location: z.string().max(1000).nullish() });
export const projectsValidateDelete = z.object({ project: id });
/** projects.merge: the project's tasks, models and sub-projects into another (none: out of any project), then it goes. */
export const projectsMerge = z.object({ project: id, destination_project: z.string().nullish() });

/** projects.get_user_names: who made the tasks (or models) under `projects` (all: none given). */
export const projectUserNames = z.object({
  projects: z.array(z.string()).max(1000).optional(),
  include_subprojects: z.boolean().optional(),
  entity: z.enum(['task', 'model']).optional(),
});

/** tasks.get_types: the types of the tasks under `projects` (all: none given). */
export const taskTypesInUse = z.object({
  projects: z.array(z.string()).max(1000).optional(),
  /** Taskdeck's: their sub-projects' tasks too (ClearML takes the projects as given, as the default here does). */
  include_subprojects: z.boolean().optional(),
});

/** projects.get_hyperparam_values (2.13-2.27): one hyperparameter's distinct values, a page of them. */
export const projectHyperparamValues = z.object({
  projects: z.array(z.string()).max(1000).optional(),
  section: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  allow_public: z.boolean().optional(),
  include_subprojects: z.boolean().optional(),
  page: z.number().int().min(0).max(1_000_000).optional(),
  page_size: z.number().int().min(1).max(500).optional(),
  pattern: z.string().max(1000).optional(),
});

/** organization.get_tags: the tags of every task and model. */
export const organizationTags = projectTags.omit({ projects: true });

/** projects.get_hyper_parameters and projects.get_unique_metric_variants. */
export const projectColumns = z.object({
  project: z.string().nullish(),
  include_subprojects: z.boolean().optional(),
  page: z.number().int().min(0).optional(),
  page_size: z.number().int().min(1).optional(),
});
