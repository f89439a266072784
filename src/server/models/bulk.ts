import type { EndpointName, ResponseOf, ValidRequestOf } from '../../shared/api/contract';
import { endpoint, type RequestContext } from '../http/endpoint';
import { many } from '../http/many';
import { errors } from '../http/errors';
import { eachBatch } from '../batches';
import { checkTagUpdate, retagged } from '../tag-updates';
import { isoNow } from '../ids';
import { ensureProject, expandProjects, getProjectOr400, holdProjectsOr400 } from '../projects/paths';
import { offload } from '../readers/offload';
import type { FacetArgs } from './facets';
import { modelEndpoints } from '.';

/** The single-model handlers the batch forms repeat, one model at a time. */
function single<E extends EndpointName>(name: E) {
  const ep = modelEndpoints.find((e) => e.name === name)!;
  return (body: ValidRequestOf<E>, ctx: RequestContext) => ep.handler(body as never, ctx) as Promise<ResponseOf<E>>;
}

async function setArchived(ctx: RequestContext, id: string, archived: boolean) {
  return ctx.store.transaction(async () => {
    const m = await ctx.store.models.get(id);
    if (!m) throw errors.invalidModelId(id);
    const has = m.system_tags.includes('archived');
    if (has === archived) return { [archived ? 'archived' : 'unarchived']: false };
    const system_tags = archived ? [...m.system_tags, 'archived'] : m.system_tags.filter((t) => t !== 'archived');
    await ctx.store.models.update({ ...m, system_tags, last_update: isoNow() });
    return { [archived ? 'archived' : 'unarchived']: true };
  });
}

/**
 * The distinct values of a facet of the models of these projects (sub-projects included unless told not), or of
 * all: on a reader thread.
 */
async function facetOf(
  ctx: RequestContext,
  projects: string[] | undefined,
  facet: FacetArgs['facet'],
  opts: { withSubprojects?: boolean; key?: string } = {},
): Promise<string[]> {
  const ids = projects?.length ? await expandProjects(ctx.store, projects, opts.withSubprojects ?? true) : undefined;
  return offload(ctx, 'modelFacet', { projects: ids, facet, key: opts.key });
}

function pageOf<T>(items: T[], page = 0, size = 500) {
  const slice = items.slice(page * size, page * size + size);
  return { slice, total: items.length, remaining: Math.max(0, items.length - (page + 1) * size) };
}

export const modelBulkEndpoints = [
  endpoint('models.get_all_ex', (req, ctx) => single('models.get_all')(req, ctx), { access: 'read' }),
  endpoint('models.publish_many', async (req, ctx) =>
    many(req.ids, (model) => single('models.set_ready')({ model, publish_task: req.publish_tasks }, ctx)),
  ),
  endpoint('models.archive_many', async (req, ctx) => many(req.ids, (id) => setArchived(ctx, id, true))),
  endpoint('models.unarchive_many', async (req, ctx) => many(req.ids, (id) => setArchived(ctx, id, false))),
  endpoint('models.delete_many', async (req, ctx) =>
    many(req.ids, (model) => single('models.delete')({ model, force: req.force }, ctx)),
  ),

  endpoint(
    'models.get_frameworks',
    async (req, ctx) => {
      return { frameworks: await facetOf(ctx, req.projects, 'frameworks') };
    },
    { access: 'read' },
  ),

  endpoint(
    'models.get_by_task_id',
    async (req, ctx) => {
      const t = await ctx.store.tasks.get(req.task);
      if (!t) throw errors.invalidTaskId(req.task);
      const ref = t.models.output[t.models.output.length - 1];
      const model = ref ? await ctx.store.models.get(ref.model) : null;
      if (!model) throw errors.invalidModelId(ref?.model ?? req.task);
      return { model };
    },
    { access: 'read' },
  ),

  endpoint('models.move', async (req, ctx) => {
    if (req.project === undefined && !req.project_name)
      throw errors.validation('Give "project" or "project_name" to move models to');
    // Every model checked before anything changes; then a batch at a time (see eachBatch).
    const found = await ctx.store.models.readiness(req.ids);
    const missing = req.ids.find((id) => !found.has(id));
    if (missing !== undefined) throw errors.invalidModelId(missing);
    if (!req.project_name && req.project) await getProjectOr400(ctx.store, req.project);
    const project = req.project_name
      ? (await ctx.store.transaction(() => ensureProject(ctx.store, ctx.identity, req.project_name!))).project.id
      : req.project || null;
    await eachBatch(ctx, [...new Set(req.ids)], async (batch) => {
      await holdProjectsOr400(ctx.store, [project]);
      for (const m of await ctx.store.models.query({ ids: batch }))
        await ctx.store.models.update({ ...m, project, last_update: isoNow() });
    });
    return { project_id: project };
  }),

  endpoint('models.update_tags', async (req, ctx) => {
    // As tasks.update_tags: every model checked before anything changes; then a batch at a time.
    const unique = [...new Set(req.ids)];
    const read = (ids: string[]) => ctx.store.models.query({ ids });
    await checkTagUpdate('models.update_tags', unique, read, errors.invalidModelId, req, ctx.config);
    await eachBatch(ctx, unique, async (batch) => {
      for (const m of await read(batch))
        await ctx.store.models.update({ ...m, tags: retagged(m.tags, req), last_update: isoNow() });
    });
    return { updated: req.ids.length };
  }),

  endpoint(
    'projects.get_model_metadata_keys',
    async (req, ctx) => {
      const keys = await facetOf(ctx, req.project ? [req.project] : undefined, 'metadataKeys', {
        withSubprojects: req.include_subprojects ?? true,
      });
      const { slice, total, remaining } = pageOf(keys, req.page, req.page_size);
      return { keys: slice, total, remaining };
    },
    { access: 'read' },
  ),

  endpoint(
    'projects.get_model_metadata_values',
    async (req, ctx) => {
      const values = await facetOf(ctx, req.projects, 'metadataValues', { key: req.key });
      const { slice, total, remaining } = pageOf(values, req.page, req.page_size);
      return { values: slice, total, remaining };
    },
    { access: 'read' },
  ),
];
