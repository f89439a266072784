import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';
import type { Project } from '../../../shared/entities';

export interface ProjectStats {
  total_tasks: number;
  last_task_run: string | null;
  status_count: Record<string, number>;
  /** Seconds its tasks ran, sub-projects included. */
  total_runtime?: number;
}

export type ProjectWithStats = Project & { stats?: { active?: ProjectStats }; own_tasks?: number };

/** Every project with task counts (sub-projects included), refreshed more often while anything runs or waits to. */
export function useProjects() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['projects'],
    queryFn: async () =>
      (
        await client.call<{ projects: ProjectWithStats[] }>('projects.get_all_ex', {
          include_stats: true,
          check_own_contents: true,
          order_by: ['name'],
        })
      ).projects,
    refetchInterval: (q) => {
      const busy = (q.state.data ?? []).some((p) => {
        const c = p.stats?.active?.status_count;
        return (c?.in_progress ?? 0) + (c?.queued ?? 0) > 0;
      });
      return busy ? 10_000 : 30_000;
    },
    refetchIntervalInBackground: false,
  });
}

/** One project by id, hidden ones included (the tree lists only visible projects). */
export function useProjectById(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['project', id],
    enabled: id !== '*',
    queryFn: async () => (await client.call<{ project: Project }>('projects.get_by_id', { project: id })).project,
  });
}

function useProjectMutation<T>(fn: (vars: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ['projects'] }) });
}

export function useCreateProject() {
  const client = useApiClient();
  return useProjectMutation((name: string) => client.call('projects.create', { name }));
}

export function useRenameProject() {
  const client = useApiClient();
  return useProjectMutation((v: { id: string; name: string }) => client.call('projects.update', { project: v.id, name: v.name }));
}

export function useDeleteProject() {
  const client = useApiClient();
  return useProjectMutation((id: string) => client.call('projects.delete', { project: id }));
}

export function useHasTasks() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['has-tasks'],
    queryFn: async () =>
      (
        await client.call<{ tasks: unknown[] }>('tasks.get_all', {
          page: 0,
          page_size: 1,
          only_fields: ['id'],
          search_hidden: true,
        })
      ).tasks.length > 0,
  });
}
