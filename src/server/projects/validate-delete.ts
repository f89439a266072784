import { endpoint } from '../http/endpoint';
import { offloadAnswer } from '../readers/offload';
import type { Store, TagFilter } from '../store/store';
import { descendants, getProjectOr400 } from './paths';

const REPORT = 'reports';

export interface ContentsArgs {
  /** The projects counted as they are: neither pipelines' nor datasets'. */
  plain: string[];
  pipelineProjects: string[];
  datasetProjects: string[];
}

/**
 * What deleting projects would delete, as clearml-server counts it (project_cleanup.py): the tasks, reports and
 * models, archived or not; pipeline projects count as the pipelines whose controller is not archived and dataset
 * projects as the datasets holding a task, both apart from the plain counts. Each count reads the kept totals or
 * an index (the reports from the tag index); the models are read, as there are few.
 */
export async function projectContents(store: Store, a: ContentsArgs) {
  const count = (projects: string[], systemTags?: TagFilter, types?: string[]) =>
    projects.length ? store.tasks.count({ projects, includeHidden: true, systemTags, types }) : Promise.resolve(0);
  const holding = async (ids: string[], types?: string[]) => {
    let n = 0;
    for (const id of ids) if (await count([id], { none: ['archived'] }, types)) n++;
    return n;
  };
  const models = async (archived: boolean) =>
    a.plain.length
      ? (await store.models.query({ projects: a.plain, systemTags: archived ? undefined : { none: ['archived'] } })).length
      : 0;
  const reports = await count(a.plain, { all: [REPORT] });
  const activeReports = await count(a.plain, { all: [REPORT], none: ['archived'] });
  return {
    tasks: (await count(a.plain)) - reports,
    non_archived_tasks: (await count(a.plain, { none: ['archived'] })) - activeReports,
    models: await models(true),
    non_archived_models: await models(false),
    reports,
    non_archived_reports: activeReports,
    pipelines: await holding(a.pipelineProjects, ['controller']),
    datasets: await holding(a.datasetProjects),
  };
}

export const validateDeleteEndpoints = [
  endpoint(
    'projects.validate_delete',
    async (req, ctx) => {
      const p = await getProjectOr400(ctx.store, req.project);
      const all = [p, ...(await descendants(ctx.store, p))];
      const tagged = (tag: string) => all.filter((x) => x.system_tags?.includes(tag)).map((x) => x.id);
      const pipelineProjects = tagged('pipeline');
      const datasetProjects = tagged('dataset');
      const apart = new Set([...pipelineProjects, ...datasetProjects]);
      const plain = all.map((x) => x.id).filter((id) => !apart.has(id));
      return offloadAnswer(ctx, 'projectContents', { plain, pipelineProjects, datasetProjects });
    },
    { access: 'read' },
  ),
];
