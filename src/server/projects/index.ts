import type { z } from 'zod';
import * as api from '../../shared/api/projects';
import type { Project } from '../../shared/api/records';
import { TASK_STATUSES } from '../../shared/task-state';
import type { ProjectWithStats } from '../../shared/api/results';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import { asList, nextScrollId, paging, listed, sortKeys } from '../projection';
import { assertPattern } from '../name-pattern';
import type { StatusCount } from '../store/store';
import { escapeRegex } from '../../shared/regex';
import { ensureProject, getProjectOr400, normalizeName } from './paths';
import { relocate } from './move';

type GetAll = z.infer<typeof api.projectsGetAll>;

async function getAll(req: GetAll, ctx: RequestContext) {
  assertPattern(ctx.store, 'name', req.name);
  const ids = asList(req.id);
  const parents = asList(req.parent ?? undefined);
  let nameRegex = req.name;
  if (req.basename) nameRegex = `(^|/)${escapeRegex(req.basename)}$`;
  // The web app's search box and breadcrumbs send `_any_: {pattern, fields: [name|basename, ...]}`.
  const any = req._any_ ?? req._all_;
  if (any?.pattern && (any.fields ?? ['name']).some((f) => f === 'name' || f === 'basename')) {
    assertPattern(ctx.store, '_any_.pattern', any.pattern);
    nameRegex = any.pattern;
  }
  const page = paging(req, ctx.config, { ids, unpaged: ctx.config.maxPageSize });
  let parent: string | null | undefined;
  if (req.shallow_search) parent = parents?.[0] ?? null;
  let list = await ctx.store.projects.query({
    ids,
    nameRegex,
    parent,
    includeHidden: req.search_hidden || !!ids?.length,
    orderBy: sortKeys(req.order_by),
  });
  if (parents?.length && !req.shallow_search) {
    const roots = await ctx.store.projects.query({ ids: parents, includeHidden: true });
    list = list.filter((p) => roots.some((r) => p.name.startsWith(r.name + '/')));
  }
  if (req.search_text) {
    const needle = req.search_text.toLowerCase();
    list = list.filter((p) => p.name.toLowerCase().includes(needle) || p.id === req.search_text);
  }
  const slice = page.limit === undefined ? list.slice(page.offset) : list.slice(page.offset, page.offset + page.limit);
  return { list: slice, scroll: page.scrolling ? nextScrollId(page.offset, slice.length) : undefined };
}

function statusCounts(rows: StatusCount[], ids: Set<string>) {
  const status_count = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  let last: string | null = null;
  let runtime = 0;
  for (const r of rows) {
    if (!ids.has(r.project)) continue;
    status_count[r.status] += r.count;
    runtime += r.runtime ?? 0;
    if (!last || r.lastUpdate > last) last = r.lastUpdate;
  }
  const total = Object.values(status_count).reduce((a, b) => a + b, 0);
  return { status_count, total_tasks: total, last_task_run: last, total_runtime: Math.round(runtime), completed_tasks_24h: 0 };
}

async function withStats(ctx: RequestContext, list: Project[], req: GetAll) {
  const all = await ctx.store.projects.query({ includeHidden: true });
  // Own tasks count those of the state the stats are for, as ClearML's do: the active ones unless told.
  const ownState = req.stats_for_state === undefined ? 'active' : req.stats_for_state;
  const own = req.check_own_contents;
  const active = req.include_stats || own ? await ctx.store.tasks.countByProjectAndStatus(undefined, false) : [];
  const withArchived =
    (req.include_stats && req.stats_for_state !== 'active') || (own && ownState !== 'active')
      ? await ctx.store.tasks.countByProjectAndStatus(undefined, true)
      : [];
  const ownOf = (rows: StatusCount[], id: string) => rows.filter((r) => r.project === id).reduce((n, r) => n + r.count, 0);
  return list.map((p) => {
    const subs = all.filter((s) => s.name.startsWith(p.name + '/')).sort((a, b) => a.name.localeCompare(b.name));
    const ids = new Set([p.id, ...subs.map((s) => s.id)]);
    const item: ProjectWithStats = { ...p };
    if (req.include_stats) {
      const stats: NonNullable<ProjectWithStats['stats']> = {};
      if (req.stats_for_state !== 'archived') stats.active = statusCounts(active, ids);
      if (req.stats_for_state !== 'active') {
        const a = statusCounts(withArchived, ids);
        const act = statusCounts(active, ids);
        for (const s of Object.keys(a.status_count)) a.status_count[s] -= act.status_count[s];
        a.total_tasks -= act.total_tasks;
        a.total_runtime -= act.total_runtime;
        stats.archived = a;
      }
      item.stats = stats;
      item.sub_projects = subs.map((s) => ({ id: s.id, name: s.name }));
    }
    if (own) {
      const activeOwn = ownOf(active, p.id);
      const allOwn = ownState === 'active' ? activeOwn : ownOf(withArchived, p.id);
      item.own_tasks = ownState === 'active' ? activeOwn : ownState === 'archived' ? allOwn - activeOwn : allOwn;
    }
    return item;
  });
}

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
    async (req, ctx) => {
      const { list, scroll } = await getAll(req, ctx);
      return { projects: list.map((p) => listed(p, req.only_fields)), ...(scroll ? { scroll_id: scroll } : {}) };
    },
    { access: 'read' },
  ),
  endpoint(
    'projects.get_all_ex',
    async (req, ctx) => {
      const { list, scroll } = await getAll(req, ctx);
      const items = await withStats(ctx, list, req);
      return {
        projects: items.map((p) =>
          req.only_fields
            ? { ...listed(p, req.only_fields), stats: p.stats, sub_projects: p.sub_projects, own_tasks: p.own_tasks }
            : p,
        ),
        ...(scroll ? { scroll_id: scroll } : {}),
      };
    },
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
