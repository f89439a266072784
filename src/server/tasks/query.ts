import { z } from 'zod';
import { assertParamCaps } from './param-caps';
import { assertRecordBytes } from '../http/record-size';
import * as api from '../../shared/api/tasks';
import type { Task } from '../../shared/api/records';
import type { ValidRequestOf } from '../../shared/api/contract';
import { endpoint, type RequestContext } from '../http/endpoint';
import { newId } from '../ids';
import { expandProjects, holdProjectsOr400 } from '../projects/paths';
import { asList, paging, sortKeys, tagFilter } from '../projection';
import { assertPattern } from '../name-pattern';
import { offloadAnswer } from '../readers/offload';
import type { TaskQuery } from '../store/store';
import { blankTask, getTaskOr400, normalizeConfiguration, normalizeHyperParams } from './common';
import { paramValueFilters, rangeFilters } from './ranges';

type GetAll = z.infer<typeof api.tasksGetAll>;

const TEXT_FIELDS = new Set(['id', 'name', 'comment']);
const nonEmpty = <T>(list: T[]) => (list.length ? list : undefined);

async function toQuery(ctx: RequestContext, req: GetAll): Promise<TaskQuery> {
  assertPattern(ctx.store, 'name', req.name);
  const ids = asList(req.id);
  const projectIds = asList(req.project as string | string[] | undefined);
  const q: TaskQuery = {
    ids,
    projects: projectIds ? await expandProjects(ctx.store, projectIds, !!req.include_subprojects) : undefined,
    statuses: asList(req.status),
    types: asList(req.type),
    users: asList(req.user),
    // An empty parent filters nothing, as it did when it could only be one id.
    parents: req.parent === '' ? undefined : asList(req.parent),
    tags: tagFilter(req.tags),
    systemTags: tagFilter(req.system_tags),
    nameRegex: req.name,
    searchText: req.search_text,
    includeHidden: req.search_hidden || !!ids?.length,
    orderBy: sortKeys(req.order_by),
    ranges: rangeFilters(req),
    paramValues: nonEmpty(paramValueFilters(req)),
  };
  for (const key of ['tags', 'system_tags'] as const) {
    const list = req.filters?.[key];
    if (!list) continue;
    const target = key === 'tags' ? 'tags' : 'systemTags';
    q[target] = { ...q[target], list: { any: list.any, all: list.all, op: list.op } };
  }
  // `_any_`/`_all_` over id, name and comment (what the web app's search box sends) become a text search.
  const pattern = req._any_?.pattern ?? req._all_?.pattern;
  if (pattern && (req._any_?.fields ?? req._all_?.fields ?? ['name']).every((f) => TEXT_FIELDS.has(f))) {
    q.searchText = pattern.replace(/\\(.)/g, '$1');
  }
  return q;
}

/**
 * Pages this long are read on a reader thread (fetching and parsing them holds the loop for long): the
 * dashboard's CSV export and big scripted pages. Shorter ones are quicker inline than the trip to a thread.
 */
const LONG_PAGE = 1000;
/**
 * A page holding whole parts of its tasks that may be large (parameters, configuration, a diff, metrics) goes to a
 * reader thread from this many rows: 999 rows of full tasks held the loop for 3.7 s (the fourth QA pass).
 */
const HEAVY_PAGE = 100;
const LARGE_PARTS = new Set([
  'hyperparams',
  'configuration',
  'execution',
  'script',
  'models',
  'runtime',
  'last_metrics',
  'container',
]);

/** Whether `only_fields` asks for a large part of each task whole (none asked: all of them). */
function asksLargeParts(fields: string[] | undefined): boolean {
  if (!fields?.length) return true;
  return fields.some((f) => {
    const parts = f.split('.');
    // `hyperparams.Args.lr.value` is one value; `hyperparams` or `script.diff` may be megabytes.
    return f === '*' || (LARGE_PARTS.has(parts[0]) && parts.length <= 2);
  });
}

async function getAll(req: GetAll, ctx: RequestContext, projectNames = false) {
  const q = await toQuery(ctx, req);
  const { offset, limit, after, scrolling } = paging(req, ctx.config, { ids: q.ids });
  const page = { query: q, page: { offset, limit, after }, fields: req.only_fields, countTotal: !!req.count_total };
  const long = limit >= LONG_PAGE || (limit >= HEAVY_PAGE && asksLargeParts(req.only_fields));
  return offloadAnswer(ctx, 'taskList', { page, scrolling, projectNames }, long);
}

/**
 * The task tasks.create would store, checked as it checks it (project, parameter caps); inside the caller's
 * transaction, which holds the project until the task is stored.
 */
async function newTask(req: ValidRequestOf<'tasks.create'>, ctx: RequestContext): Promise<Task> {
  await holdProjectsOr400(ctx.store, [req.project]);
  const task = blankTask(ctx.identity, {
    id: newId(),
    name: req.name,
    type: req.type,
    comment: req.comment ?? '',
    project: req.project ?? null,
    parent: req.parent ?? null,
    tags: req.tags ?? [],
    system_tags: req.system_tags ?? [],
  });
  if (req.script) task.script = req.script;
  if (req.execution) task.execution = { artifacts: [], parameters: {}, ...req.execution } as Task['execution'];
  if (req.output_dest) task.output = { destination: req.output_dest };
  if (req.hyperparams) task.hyperparams = normalizeHyperParams(req.hyperparams);
  if (req.configuration) task.configuration = normalizeConfiguration(req.configuration);
  if (req.models) task.models = { input: req.models.input ?? [], output: req.models.output ?? [] };
  if (req.container) task.container = req.container as Record<string, string>;
  if (req.runtime) task.runtime = req.runtime;
  assertParamCaps('tasks.create', task, ctx.config);
  assertRecordBytes('tasks.create', task, ctx.config);
  return task;
}

export const queryEndpoints = [
  endpoint('tasks.create', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const task = await newTask(req, ctx);
      await ctx.store.tasks.insert(task);
      return { id: task.id };
    }),
  ),
  // As tasks.create, stopping short of storing the task: refusals are the same.
  endpoint('tasks.validate', async (req, ctx) =>
    ctx.store.transaction(async () => {
      await newTask(req, ctx);
      return {};
    }),
  ),
  endpoint('tasks.get_by_id', async (req, ctx) => ({ task: await getTaskOr400(ctx.store, req.task) }), {
    access: 'read',
  }),
  endpoint('tasks.get_all', (req, ctx) => getAll(req, ctx), { access: 'read' }),
  endpoint(
    'tasks.get_all_ex',
    async (req, ctx) => {
      const fields = req.only_fields?.map((f) => (f === 'project.name' ? 'project' : f));
      return getAll({ ...req, only_fields: fields }, ctx, !!req.only_fields?.includes('project.name'));
    },
    { access: 'read' },
  ),
];
