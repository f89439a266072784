import type { ValidRequestOf } from '../../shared/api/contract';
import { endpoint, type RequestContext } from '../http/endpoint';
import { getProjectOr400, expandProjects } from './paths';

/** Series listed at most (ClearML pages none; a bound keeps a runaway logger from making an answer of any size). */
const MAX_SERIES = 10_000;
const DEFAULT_PAGE = 500;
const MAX_PAGE = 10_000;

/** The projects asked for (sub-projects included unless `include_subprojects` is false), or undefined: every project. */
async function projectsOf(ctx: RequestContext, req: ValidRequestOf<'projects.get_hyper_parameters'>) {
  if (!req.project) return undefined;
  await getProjectOr400(ctx.store, req.project);
  return expandProjects(ctx.store, [req.project], req.include_subprojects ?? true);
}

export const columnEndpoints = [
  endpoint(
    'projects.get_hyper_parameters',
    async (req, ctx) => {
      const size = Math.min(req.page_size ?? DEFAULT_PAGE, MAX_PAGE);
      const offset = (req.page ?? 0) * size;
      const { names, total } = await ctx.store.tasks.paramNames(await projectsOf(ctx, req), { offset, limit: size });
      return { parameters: names, remaining: Math.max(0, total - offset - names.length), total };
    },
    { access: 'read' },
  ),
  endpoint(
    'projects.get_unique_metric_variants',
    async (req, ctx) => ({ metrics: await ctx.store.tasks.metricSeries(await projectsOf(ctx, req), MAX_SERIES) }),
    { access: 'read' },
  ),
];
