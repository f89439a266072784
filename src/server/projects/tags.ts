import type { Store } from '../store/store';
import { endpoint, type RequestContext } from '../http/endpoint';
import type { ValidRequestOf } from '../../shared/api/contract';
import { offloadAnswer } from '../readers/offload';
import { expandProjects } from './paths';

/**
 * Tags listed at most, of each kind. ClearML lists all; a bound keeps a script that tags each run with a fresh
 * value from making an answer of any size.
 */
export const MAX_TAGS = 10_000;

export interface TagsArgs {
  entity: 'tasks' | 'models';
  /** Projects with their sub-projects; undefined: every project. */
  projects: string[] | undefined;
  includeSystem: boolean;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The tags (and system tags when asked) of the tasks or models under `projects`, each list sorted. */
export async function tagsInUse(store: Store, { entity, projects, includeSystem }: TagsArgs) {
  const repo = entity === 'tasks' ? store.tasks : store.models;
  // Sorted here too: the databases' collations order text differently, ClearML by code point.
  const tags = (await repo.tagsInUse(projects, false, MAX_TAGS)).sort(byCodeUnit);
  if (!includeSystem) return { tags };
  return { tags, system_tags: (await repo.tagsInUse(projects, true, MAX_TAGS)).sort(byCodeUnit) };
}

async function argsOf(
  ctx: RequestContext,
  entity: TagsArgs['entity'],
  req: ValidRequestOf<'projects.get_task_tags'>,
): Promise<TagsArgs> {
  const projects = req.projects?.length ? await expandProjects(ctx.store, req.projects, true) : undefined;
  return { entity, projects, includeSystem: !!req.include_system };
}

export const tagEndpoints = [
  endpoint('projects.get_task_tags', async (req, ctx) => offloadAnswer(ctx, 'tagsInUse', await argsOf(ctx, 'tasks', req)), {
    access: 'read',
  }),
  endpoint('projects.get_model_tags', async (req, ctx) => offloadAnswer(ctx, 'tagsInUse', await argsOf(ctx, 'models', req)), {
    access: 'read',
  }),
];
