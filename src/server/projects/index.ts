import type { Project } from '../../shared/api/records';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import { offloadAnswer } from '../readers/offload';
import { relocate } from './move';
import { ensureProject, getProjectOr400, normalizeName } from './paths';

/** The page sizes the server's configuration sets, for a list read on a reader thread. */
const pageLimits = (ctx: RequestContext) => ({
  maxPageSize: ctx.config.maxPageSize,
  defaultPageSize: ctx.config.defaultPageSize,
});

export const projectEndpoints = [
  endpoint('projects.create', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const name = normalizeName(req.name);
      if (await ctx.store.projects.getByName(name)) throw errors.projectExists(name);
      const { project: p } = await ensureProject(ctx.store, ctx.identity, name, {
        description: req.description ?? '',
        tags: req.tags ?? [],
        system_tags: req.system_tags ?? [],
        default_output_destination: req.default_output_destination ?? null,
      });
      return { id: p.id };
    }),
  ),
  endpoint('projects.get_by_id', async (req, ctx) => ({ project: await getProjectOr400(ctx.store, req.project) }), {
    access: 'read',
  }),
  endpoint(
    'projects.get_all',
    async (req, ctx) => offloadAnswer(ctx, 'projectList', { req, limits: pageLimits(ctx), withStats: false }),
    { access: 'read' },
  ),
  endpoint(
    'projects.get_all_ex',
    async (req, ctx) => offloadAnswer(ctx, 'projectList', { req, limits: pageLimits(ctx), withStats: true }),
    { access: 'read' },
  ),
  endpoint('projects.update', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const p = await getProjectOr400(ctx.store, req.project);
      const fields: Record<string, unknown> = {};
      const next: Project = { ...p, last_update: isoNow() };
      for (const k of ['description', 'tags', 'system_tags', 'default_output_destination'] as const) {
        if (req[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = fields[k] = req[k];
      }
      const name = req.name === undefined ? p.name : normalizeName(req.name);
      if (!name) throw errors.validation('Project name must not be empty');
      if (name !== p.name) {
        // A new path moves it, its sub-projects following (ClearML refuses a new location here; we take it).
        fields.name = name;
        await relocate(ctx, p, name, next);
      } else await ctx.store.projects.update(next);
      return { updated: 1, fields };
    }),
  ),
];
