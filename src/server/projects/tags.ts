import type { Store, TagsWhere } from '../store/store';
import { endpoint, type RequestContext } from '../http/endpoint';
import type { ValidRequestOf } from '../../shared/api/contract';
import { tagFilter } from '../projection';
import { offloadAnswer } from '../readers/offload';
import { namedProjects } from './paths';
import { compareCodeUnits } from '../../shared/code-units';

/**
 * Tags listed at most, of each kind. ClearML lists all; a bound keeps a script that tags each run with a fresh
 * value from making an answer of any size.
 */
export const MAX_TAGS = 10_000;

export interface TagsArgs {
  /** Whose tags: tasks', models', or both (organization.get_tags). */
  entities: ('tasks' | 'models')[];
  /** Projects with their sub-projects; undefined: every project. */
  projects: string[] | undefined;
  includeSystem: boolean;
  /** Only the tags of the tasks or models that meet this (ClearML's `filter`). */
  where?: TagsWhere;
}

/** The tags (and system tags when asked) of the tasks or models under `projects`, each list sorted. */
export async function tagsInUse(store: Store, { entities, projects, includeSystem, where }: TagsArgs) {
  const list = async (system: boolean) => {
    const found = new Set<string>();
    for (const entity of entities) {
      const repo = entity === 'tasks' ? store.tasks : store.models;
      for (const tag of await repo.tagsInUse(projects, system, MAX_TAGS, where)) found.add(tag);
    }
    // Sorted here: the databases' collations order text differently, ClearML by code point.
    return [...found].sort(compareCodeUnits).slice(0, MAX_TAGS);
  };
  const tags = await list(false);
  return includeSystem ? { tags, system_tags: await list(true) } : { tags };
}

/** ClearML's `filter` ({tags, system_tags} in the list syntax of tasks.get_all) as store conditions. */
function whereOf(filter: { tags?: string[]; system_tags?: string[] } | undefined): TagsWhere | undefined {
  const tags = tagFilter(filter?.tags);
  const systemTags = tagFilter(filter?.system_tags);
  return tags || systemTags ? { tags, systemTags } : undefined;
}

async function argsOf(
  ctx: RequestContext,
  entities: TagsArgs['entities'],
  req: ValidRequestOf<'projects.get_task_tags'>,
): Promise<TagsArgs> {
  const projects = await namedProjects(ctx.store, req.projects, true);
  return { entities, projects, includeSystem: !!req.include_system, where: whereOf(req.filter) };
}

/** Whether a tag list meets a filter of `tagFilter`'s shape. */
function meets(tags: readonly string[] | undefined, f: ReturnType<typeof tagFilter>): boolean {
  if (!f) return true;
  const has = (t: string) => !!tags?.includes(t);
  return (f.all ?? []).every(has) && (!f.any?.length || f.any.some(has)) && !(f.none ?? []).some(has);
}

/**
 * projects.get_project_tags: the tags of the given projects and their sub-projects (of every project: none given),
 * of those the filter keeps. Read from the projects themselves: a store holds thousands of them, not millions.
 */
async function projectTags(req: ValidRequestOf<'projects.get_project_tags'>, ctx: RequestContext) {
  const named = await namedProjects(ctx.store, req.projects, true);
  const ids = named && new Set(named);
  const [tags, systemTags] = [tagFilter(req.filter?.tags), tagFilter(req.filter?.system_tags)];
  const kept = (await ctx.store.projects.query({ includeHidden: true })).filter(
    (p) => (!ids || ids.has(p.id)) && meets(p.tags, tags) && meets(p.system_tags, systemTags),
  );
  const list = (pick: (p: (typeof kept)[number]) => readonly string[] | undefined) =>
    [...new Set(kept.flatMap((p) => pick(p) ?? []))].sort(compareCodeUnits).slice(0, MAX_TAGS);
  const out = list((p) => p.tags);
  return req.include_system ? { tags: out, system_tags: list((p) => p.system_tags) } : { tags: out };
}

export const tagEndpoints = [
  endpoint('projects.get_project_tags', projectTags, { access: 'read' }),
  endpoint('projects.get_task_tags', async (req, ctx) => offloadAnswer(ctx, 'tagsInUse', await argsOf(ctx, ['tasks'], req)), {
    access: 'read',
  }),
  endpoint('projects.get_model_tags', async (req, ctx) => offloadAnswer(ctx, 'tagsInUse', await argsOf(ctx, ['models'], req)), {
    access: 'read',
  }),
  endpoint(
    'organization.get_tags',
    async (req, ctx) =>
      offloadAnswer(ctx, 'tagsInUse', {
        entities: ['tasks', 'models'],
        projects: undefined,
        includeSystem: !!req.include_system,
        where: whereOf(req.filter),
      }),
    { access: 'read' },
  ),
];
