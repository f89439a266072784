import { ApiCallError } from '../../../client';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';
import type { Task } from '../../../shared/api/records';

/** A view the server refused as asked (400: a bad pattern or filter), which the table says in place. */
const isRefusedView = (e: unknown) => e instanceof ApiCallError && e.code === 400;

export const PAGE_SIZE = 100;
const LIVE_MS = 10_000;

export type TaskRow = Pick<
  Task,
  'id' | 'name' | 'type' | 'status' | 'user' | 'tags' | 'system_tags' | 'started' | 'last_update' | 'last_iteration' | 'project'
> &
  Partial<Pick<Task, 'hyperparams' | 'last_metrics' | 'comment' | 'parent' | 'completed'>>;

/** How many tasks match the view. */
export function useTaskCount(query: Record<string, unknown>, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['tasks-count', query],
    enabled,
    queryFn: async () =>
      (
        await client.call('tasks.get_all_ex', {
          ...query,
          page: 0,
          page_size: 1,
          only_fields: ['id'],
          count_total: true,
        })
      ).total,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
    refetchIntervalInBackground: false,
    // A refused view (a pattern the server cannot run) is said under the search box and in the count line; anything
    // else (a session that ended, the server down) as any other call's.
    meta: { quiet: isRefusedView },
  });
}

/** The pages of rows a virtualized table shows right now; each page is fetched once and cached. */
export function useTaskPages(query: Record<string, unknown>, fields: string[], pages: number[]) {
  const client = useApiClient();
  return useQueries({
    queries: pages.map((page) => ({
      queryKey: ['tasks-page', query, fields, page],
      queryFn: async () =>
        (
          await client.call('tasks.get_all_ex', {
            ...query,
            page,
            page_size: PAGE_SIZE,
            only_fields: fields,
          })
        ).tasks,
      placeholderData: keepPreviousData,
      // Refused as the count is, which says why (useTaskCount).
      meta: { quiet: isRefusedView },
      // Pages with running or pending tasks refresh while the tab is visible.
      refetchInterval: (q: { state: { data?: TaskRow[] } }) =>
        q.state.data?.some((t) => t.status === 'in_progress' || t.status === 'queued') ? LIVE_MS : false,
      refetchIntervalInBackground: false,
    })),
  });
}

export function useColumnChoices(projectId: string, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['column-choices', projectId],
    enabled,
    queryFn: async () => {
      const project = projectId === '*' ? undefined : projectId;
      const [hp, m] = await Promise.all([
        client.call('projects.get_hyper_parameters', {
          project,
          page_size: 500,
        }),
        client.call('projects.get_unique_metric_variants', { project }),
      ]);
      return {
        params: hp.parameters.map((p) => ({ key: `hp:${p.section}.${p.name}`, label: `${p.section} / ${p.name}` })),
        metrics: m.metrics
          .filter((x) => !x.metric.startsWith(':monitor:'))
          .map((x) => ({ path: `${x.metric}/${x.variant}`, label: `${x.metric} / ${x.variant}` })),
      };
    },
  });
}

/** Project names by id, for the Project column. */
export function useProjectNames(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['project-names'],
    enabled,
    staleTime: 30_000,
    queryFn: async () => {
      const r = await client.call('projects.get_all', {
        only_fields: ['id', 'name'],
        search_hidden: true,
      });
      return new Map(r.projects.map((p) => [p.id, p.name]));
    },
  });
}

/**
 * What the Type, Tags and User filters offer: the types, tags and users of all the project's tasks, sub-projects
 * included (the server reads each from an index).
 */
export function useTaskChoices(projectId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['task-choices', projectId],
    enabled,
    queryFn: async () => {
      const projects = projectId !== '*' ? { projects: [projectId] } : {};
      const [tags, types, users] = await Promise.all([
        client.call('projects.get_task_tags', projects),
        client.call('tasks.get_types', { ...projects, include_subprojects: true }),
        client.call('projects.get_user_names', projects),
      ]);
      return { tags: tags.tags, types: types.types, users: users.users };
    },
  });
}

/** The parents of the project's tasks (sub-projects included), archived ones in the archive view: the Parent filter's choices. */
export function useTaskParents(projectId: string, archived: boolean, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['task-parents', projectId, archived],
    enabled,
    queryFn: async () =>
      (
        await client.call('projects.get_task_parents', {
          ...(projectId !== '*' ? { projects: [projectId] } : {}),
          tasks_state: archived ? 'archived' : 'active',
        })
      ).parents,
  });
}

/** The most rows a CSV export holds; the button says so when the view has more. */
export const EXPORT_LIMIT = 20_000;

/** Every row of the view (up to EXPORT_LIMIT), page by page, for an export. */
export function useFetchAllRows() {
  const client = useApiClient();
  return async (query: Record<string, unknown>, fields: string[]): Promise<TaskRow[]> => {
    const rows: TaskRow[] = [];
    const size = 1000;
    // Scrolling pages by the last row's sort keys: each page starts at its cursor, where an offset would
    // make the store skip every row before it (the last page of 20 would read 20,000 rows to drop 19,000).
    let scrollId: string | undefined;
    while (rows.length < EXPORT_LIMIT) {
      const { tasks, scroll_id } = await client.call('tasks.get_all_ex', {
        ...query,
        size,
        ...(scrollId ? { scroll_id: scrollId } : {}),
        only_fields: fields,
      });
      rows.push(...tasks);
      if (tasks.length < size || !scroll_id) break;
      scrollId = scroll_id;
    }
    return rows.slice(0, EXPORT_LIMIT);
  };
}

/** The values a hyperparameter takes among the view's tasks (500 at most), for its column's value filter. */
export function useParamValues(projectId: string, deep: boolean, key: { section: string; name: string } | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['param-values', projectId, deep, key?.section, key?.name],
    enabled: !!key,
    queryFn: async () =>
      (
        await client.call('projects.get_hyperparam_values', {
          ...(projectId !== '*' ? { projects: [projectId], include_subprojects: deep } : {}),
          section: key!.section,
          name: key!.name,
          page_size: 500,
        })
      ).values,
  });
}
