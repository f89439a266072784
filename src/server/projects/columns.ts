import type { ValidRequestOf } from '../../shared/api/contract';
import { endpoint } from '../http/endpoint';
import { offloadAnswer } from '../readers/offload';
import type { Store } from '../store/store';
import { md5 } from '../events/ingest';
import { getProjectOr400, expandProjects } from './paths';

/** Column choosers look at this many of a project's most recently updated tasks. */
const SAMPLE = 2000;

async function sampleTasks(store: Store, req: ValidRequestOf<'projects.get_hyper_parameters'>) {
  let projects: string[] | undefined;
  if (req.project) {
    await getProjectOr400(store, req.project);
    projects = await expandProjects(store, [req.project], req.include_subprojects ?? true);
  }
  return store.tasks.query({ projects, orderBy: [{ field: 'last_update', desc: true }], limit: SAMPLE });
}

/** projects.get_hyper_parameters's answer (a reader job: it reads a sample of whole tasks). */
export async function hyperParameterColumns(store: Store, req: ValidRequestOf<'projects.get_hyper_parameters'>) {
  const seen = new Map<string, { section: string; name: string }>();
  for (const t of await sampleTasks(store, req)) {
    for (const [section, params] of Object.entries(t.hyperparams)) {
      for (const name of Object.keys(params)) seen.set(`${section}\u0000${name}`, { section, name });
    }
  }
  const all = [...seen.values()].sort((a, b) => a.section.localeCompare(b.section) || a.name.localeCompare(b.name));
  const size = req.page_size ?? 500;
  const from = (req.page ?? 0) * size;
  const parameters = all.slice(from, from + size);
  return { parameters, remaining: Math.max(0, all.length - from - parameters.length), total: all.length };
}

/** projects.get_unique_metric_variants's answer (a reader job: it reads a sample of whole tasks). */
export async function metricColumns(store: Store, req: ValidRequestOf<'projects.get_unique_metric_variants'>) {
  const seen = new Map<string, { metric: string; metric_hash: string; variant: string; variant_hash: string }>();
  for (const t of await sampleTasks(store, req)) {
    for (const variants of Object.values(t.last_metrics)) {
      for (const m of Object.values(variants)) {
        seen.set(`${m.metric}\u0000${m.variant}`, {
          metric: m.metric,
          metric_hash: md5(m.metric),
          variant: m.variant,
          variant_hash: md5(m.variant),
        });
      }
    }
  }
  return {
    metrics: [...seen.values()].sort((a, b) => a.metric.localeCompare(b.metric) || a.variant.localeCompare(b.variant)),
  };
}

export const columnEndpoints = [
  endpoint('projects.get_hyper_parameters', (req, ctx) => offloadAnswer(ctx, 'hyperParameterColumns', req), { access: 'read' }),
  endpoint('projects.get_unique_metric_variants', (req, ctx) => offloadAnswer(ctx, 'metricColumns', req), { access: 'read' }),
];
