import type { z } from 'zod';
import type * as api from '../../shared/api/projects';
import type { Project } from '../../shared/api/records';
import type { ProjectWithStats } from '../../shared/api/results';
import { escapeRegex, ignoringCase } from '../../shared/regex';
import { TASK_STATUSES } from '../../shared/task-state';
import { assertPattern } from '../name-pattern';
import { asList, listed, nextScrollId, paging, sortKeys, type PageLimits } from '../projection';
import type { StatusCount, Store } from '../store/store';
import { byCodeUnits } from '../../shared/code-units';

type GetAll = z.infer<typeof api.projectsGetAll>;

const DAY_MS = 24 * 3600 * 1000;

async function getAll(store: Store, req: GetAll, limits: PageLimits) {
  assertPattern(store, 'name', req.name);
  const ids = asList(req.id);
  const parents = asList(req.parent ?? undefined);
  let nameRegex = req.name;
  if (req.basename) nameRegex = `(^|/)${escapeRegex(req.basename)}$`;
  // The web app's search box and breadcrumbs send `_any_: {pattern, fields: [name|basename, ...]}`.
  const any = req._any_ ?? req._all_;
  if (any?.pattern && (any.fields ?? ['name']).some((f) => f === 'name' || f === 'basename')) {
    assertPattern(store, '_any_.pattern', any.pattern);
    // Case ignored, as clearml-server's _any_/_all_ searches are (a name filter keeps case).
    nameRegex = ignoringCase(any.pattern);
  }
  const page = paging(req, limits, { ids, unpaged: limits.maxPageSize });
  let parent: string | null | undefined;
  if (req.shallow_search) parent = parents?.[0] ?? null;
  let list = await store.projects.query({
    ids,
    nameRegex,
    parent,
    includeHidden: req.search_hidden || !!ids?.length,
    orderBy: sortKeys(req.order_by),
  });
  // An empty list filters nothing, as clearml-server reads it.
  if (req.active_users?.length) {
    const active = await activeProjects(store, req.active_users);
    list = list.filter((p) => active.has(p.id));
  }
  if (parents?.length && !req.shallow_search) {
    const roots = await store.projects.query({ ids: parents, includeHidden: true });
    list = list.filter((p) => roots.some((r) => p.name.startsWith(r.name + '/')));
  }
  if (req.search_text) {
    const needle = req.search_text.toLowerCase();
    list = list.filter((p) => p.name.toLowerCase().includes(needle) || p.id === req.search_text);
  }
  const slice = page.limit === undefined ? list.slice(page.offset) : list.slice(page.offset, page.offset + page.limit);
  return { list: slice, scroll: page.scrolling ? nextScrollId(page.offset, slice.length) : undefined };
}

/**
 * The projects where any of `users` created the project, a task or a model, and every project above those (so that
 * the tree leads to them), as clearml-server's active_users selects them. Tasks are read off the kept totals,
 * models off their user index.
 */
async function activeProjects(store: Store, users: string[]): Promise<Set<string>> {
  const all = await store.projects.query({ includeHidden: true });
  const [counts, models] = await Promise.all([
    store.tasks.countByProjectAndStatus(undefined, true, users),
    store.models.projectsOf(users),
  ]);
  const own = new Set([...counts.map((c) => c.project), ...models]);
  const mine = new Set(users);
  const names = all.filter((p) => own.has(p.id) || mine.has(p.user)).map((p) => p.name);
  const above = new Set(names.flatMap((n) => n.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  return new Set(all.filter((p) => above.has(p.name)).map((p) => p.id));
}

function statusCounts(rows: Map<string, StatusCount[]>, ids: string[]) {
  const status_count = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  let last: string | null = null;
  let runtime = 0;
  for (const id of ids) {
    for (const r of rows.get(id) ?? []) {
      status_count[r.status] += r.count;
      runtime += r.runtime ?? 0;
      if (!last || r.lastUpdate > last) last = r.lastUpdate;
    }
  }
  const total = Object.values(status_count).reduce((a, b) => a + b, 0);
  return { status_count, total_tasks: total, last_task_run: last, total_runtime: Math.round(runtime), completed_tasks_24h: 0 };
}

/** The count rows of each project. */
function byProject(rows: StatusCount[]): Map<string, StatusCount[]> {
  const out = new Map<string, StatusCount[]>();
  for (const r of rows) {
    const list = out.get(r.project);
    if (list) list.push(r);
    else out.set(r.project, [r]);
  }
  return out;
}

/** The first index of `sorted` (by name, code unit order) whose name is not below `name`. */
function lowerBound(sorted: Project[], name: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].name < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each listed project with its counts, sub-projects included. The sub-projects of one are a stretch of the projects
 * sorted by name (from "name/" up to "name0", '0' following '/'), and the count rows are grouped by project once:
 * the cost grows with projects and their depth, not with their square (2,000 projects took 0.7-1.3 s of the event
 * loop, every load of the projects page).
 */
async function withStats(store: Store, list: Project[], req: GetAll) {
  const all = (await store.projects.query({ includeHidden: true })).sort(byCodeUnits((p: Project) => p.name));
  // Own tasks count those of the state the stats are for, as ClearML's do: the active ones unless told.
  const ownState = req.stats_for_state === undefined ? 'active' : req.stats_for_state;
  const own = req.check_own_contents;
  const users = req.active_users?.length ? req.active_users : undefined;
  const active = byProject(req.include_stats || own ? await store.tasks.countByProjectAndStatus(undefined, false, users) : []);
  const withArchived = byProject(
    (req.include_stats && req.stats_for_state !== 'active') || (own && ownState !== 'active')
      ? await store.tasks.countByProjectAndStatus(undefined, true, users)
      : [],
  );
  const ownOf = (rows: Map<string, StatusCount[]>, id: string) => (rows.get(id) ?? []).reduce((n, r) => n + r.count, 0);
  // Completed in the last 24 hours (the projects page's COMPLETED (24 h)), per project and archived flag.
  const recent = new Map<string, number>();
  if (req.include_stats)
    for (const r of await store.tasks.completedSince(new Date(Date.now() - DAY_MS).toISOString().replace('Z', '+00:00'), users))
      recent.set(`${r.archived ? 'a' : 'v'}:${r.project}`, r.count);
  const recentIn = (ids: string[], archived: boolean) =>
    ids.reduce((n, id) => n + (recent.get(`${archived ? 'a' : 'v'}:${id}`) ?? 0), 0);
  return list.map((p) => {
    const subs = all
      .slice(lowerBound(all, p.name + '/'), lowerBound(all, p.name + '0'))
      .sort((a, b) => a.name.localeCompare(b.name));
    const ids = [p.id, ...subs.map((s) => s.id)];
    const item: ProjectWithStats = { ...p };
    if (req.include_stats) {
      const stats: NonNullable<ProjectWithStats['stats']> = {};
      if (req.stats_for_state !== 'archived')
        stats.active = { ...statusCounts(active, ids), completed_tasks_24h: recentIn(ids, false) };
      if (req.stats_for_state !== 'active') {
        const a = statusCounts(withArchived, ids);
        const act = statusCounts(active, ids);
        for (const s of Object.keys(a.status_count)) a.status_count[s] -= act.status_count[s];
        a.total_tasks -= act.total_tasks;
        a.total_runtime -= act.total_runtime;
        a.completed_tasks_24h = recentIn(ids, true);
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

export interface ProjectListArgs {
  req: GetAll;
  limits: PageLimits;
  /** projects.get_all_ex: each project with its counts and sub-projects, as asked. */
  withStats: boolean;
}

/**
 * projects.get_all and get_all_ex's answer, read on a reader thread: every project is read and, with stats, every
 * project's counts, which grow with the projects a team has (2,000 took 130 ms even after the grouping above).
 */
export async function projectList(store: Store, { req, limits, withStats: ex }: ProjectListArgs) {
  const { list, scroll } = await getAll(store, req, limits);
  const scrollId = scroll ? { scroll_id: scroll } : {};
  if (!ex) return { projects: list.map((p) => listed(p, req.only_fields)), ...scrollId };
  const items = await withStats(store, list, req);
  return {
    projects: items.map((p) =>
      req.only_fields
        ? { ...listed(p, req.only_fields), stats: p.stats, sub_projects: p.sub_projects, own_tasks: p.own_tasks }
        : p,
    ),
    ...scrollId,
  };
}
