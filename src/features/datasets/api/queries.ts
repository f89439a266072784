import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';
import type { Task } from '../../../shared/api/records';
import { splitDatasetProject } from '../lib/dataset-state';

/** What the SDK's Dataset.get asks for: dataset tasks that are not archived. */
const DATASET_TAGS = ['__$all', 'dataset', '__$not', 'archived'];
const LIVE_MS = 5000;
/** Most versions read for one dataset, and most dataset tasks read for the list. */
export const MAX_VERSIONS = 500;
const MAX_TASKS = 2000;

export type VersionRow = Pick<Task, 'id' | 'name' | 'status' | 'runtime' | 'last_update' | 'created' | 'user' | 'project'> & {
  configuration?: Task['configuration'];
};

export interface DatasetRow {
  projectId: string;
  parent: string;
  name: string;
  versions: number;
  latest: VersionRow;
}

/** Every dataset (a hidden `<project>/.datasets/<name>` project holding its version tasks), newest first. */
export function useDatasets() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['datasets'],
    queryFn: async (): Promise<DatasetRow[]> => {
      const { tasks } = await client.call('tasks.get_all', {
        system_tags: DATASET_TAGS,
        type: ['data_processing'],
        search_hidden: true,
        order_by: ['-last_update'],
        page: 0,
        page_size: MAX_TASKS,
        only_fields: ['id', 'name', 'status', 'runtime', 'last_update', 'created', 'user', 'project'],
      });
      const projectIds = [...new Set(tasks.map((t) => t.project).filter((p): p is string => !!p))];
      const names = new Map<string, string>();
      if (projectIds.length) {
        const { projects } = await client.call('projects.get_all', {
          id: projectIds,
          search_hidden: true,
          only_fields: ['id', 'name'],
        });
        for (const p of projects) names.set(p.id, p.name);
      }
      const rows = new Map<string, DatasetRow>();
      for (const t of tasks) {
        if (!t.project) continue;
        const row = rows.get(t.project);
        if (row) row.versions++;
        else
          rows.set(t.project, {
            projectId: t.project,
            ...splitDatasetProject(names.get(t.project) ?? t.name),
            versions: 1,
            latest: t,
          });
      }
      return [...rows.values()];
    },
    refetchInterval: LIVE_MS * 2,
    refetchIntervalInBackground: false,
  });
}

/** The versions of one dataset, with each one's genealogy ("Dataset Struct"). */
export function useVersions(projectId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['dataset-versions', projectId],
    queryFn: async () =>
      (
        await client.call('tasks.get_all', {
          project: [projectId],
          system_tags: DATASET_TAGS,
          type: ['data_processing'],
          search_hidden: true,
          order_by: ['-last_update'],
          page: 0,
          page_size: MAX_VERSIONS,
          only_fields: [
            'id',
            'name',
            'status',
            'runtime',
            'last_update',
            'created',
            'user',
            'project',
            'configuration.Dataset Struct',
          ],
        })
      ).tasks,
    refetchInterval: (q) => (q.state.data?.some((t) => t.status === 'in_progress' || t.status === 'queued') ? LIVE_MS : false),
    refetchIntervalInBackground: false,
  });
}

export function useVersion(id: string | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['dataset-version', id],
    enabled: !!id,
    queryFn: async () => (await client.call('tasks.get_by_id', { task: id! })).task,
    refetchInterval: (q) => (q.state.data?.status === 'in_progress' ? LIVE_MS : false),
  });
}

/** The last lines of a version's console (datasets log little; the task page shows all of it). */
export function useConsoleTail(id: string, live: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['dataset-console', id],
    // Without from_line the server answers the last page.
    queryFn: () => client.call('events.get_task_log_lines', { task: id, count: 500 }),
    refetchInterval: live ? LIVE_MS : false,
  });
}
