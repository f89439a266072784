import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';
import type { ProjectStats, ProjectWithStats } from '../../../shared/api/results';

export type { ProjectStats, ProjectWithStats };

/** Every project with task counts (sub-projects included), refreshed more often while anything runs or waits to. */
export function useProjects() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['projects'],
    queryFn: async () =>
      (
        await client.call('projects.get_all_ex', {
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
    queryFn: async () => (await client.call('projects.get_by_id', { project: id })).project,
  });
}

function useProjectMutation<T>(fn: (vars: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ['projects'] }) });
}

/** Sets a project's description (its overview's text). */
export function useDescribeProject(id: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (description: string) => client.call('projects.update', { project: id, description }),
    onSettled: () =>
      Promise.all([qc.invalidateQueries({ queryKey: ['project', id] }), qc.invalidateQueries({ queryKey: ['projects'] })]),
  });
}

export function useCreateProject() {
  const client = useApiClient();
  return useProjectMutation((name: string) => client.call('projects.create', { name }));
}

export function useRenameProject() {
  const client = useApiClient();
  return useProjectMutation((v: { id: string; name: string }) => client.call('projects.update', { project: v.id, name: v.name }));
}

/** Deletes a project; with `contents`, what it holds too (the delete dialog offers that once all of it is archived). */
export function useDeleteProject() {
  const client = useApiClient();
  return useProjectMutation((v: { id: string; contents: boolean }) =>
    client.call('projects.delete', { project: v.id, ...(v.contents ? { force: true, delete_contents: true } : {}) }),
  );
}

/** Moves a project, its sub-projects following, under `location` (created when missing; empty: the top level). */
export function useMoveProject() {
  const client = useApiClient();
  return useProjectMutation((v: { id: string; location: string }) =>
    client.call('projects.move', { project: v.id, new_location: v.location }),
  );
}

/** What deleting the project would delete, sub-projects included: asked when the delete dialog opens. */
export function useProjectContents(id: string | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['project-contents', id],
    enabled: !!id,
    gcTime: 0,
    queryFn: () => client.call('projects.validate_delete', { project: id! }),
  });
}

/** Whether any task exists (hidden ones included); asked only when `enabled`. */
export function useHasTasks(enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['has-tasks'],
    enabled,
    queryFn: async () =>
      (
        await client.call('tasks.get_all', {
          page: 0,
          page_size: 1,
          only_fields: ['id'],
          search_hidden: true,
        })
      ).tasks.length > 0,
  });
}
