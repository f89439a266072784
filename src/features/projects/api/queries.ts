import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiCallError } from '../../../client';
import { useApiClient } from '../../../client/react';
import type { ProjectStats, ProjectWithStats } from '../../../shared/api/results';
import type { SnapshotTask } from '../metric-snapshot';

export type { ProjectStats, ProjectWithStats };

/**
 * Every project with task counts (sub-projects included), refreshed more often while anything runs or waits to. With
 * `user` (My work), only the projects holding that user's work, counted over their tasks alone.
 */
export function useProjects(user?: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: user ? ['projects', 'work-of', user] : ['projects'],
    queryFn: async () =>
      (
        await client.call('projects.get_all_ex', {
          include_stats: true,
          check_own_contents: true,
          order_by: ['name'],
          ...(user ? { active_users: [user] } : {}),
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

export { useProjectById } from '../../../components/queries/project';

function useProjectMutation<T>(fn: (vars: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ['projects'] }) });
}

/** The metric series the project's tasks hold (sub-projects included), for its overview's snapshot. */
export function useProjectMetrics(projectId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['project-metrics', projectId],
    queryFn: async () =>
      (
        await client.call('projects.get_unique_metric_variants', { project: projectId, include_subprojects: true })
      ).metrics.filter((m) => !m.metric.startsWith(':monitor:')),
  });
}

/** Tasks the snapshot draws, at most. */
export const SNAPSHOT_TASKS = 500;

/** The latest tasks of the project (not archived) holding a metric series, with its values alone. */
export function useMetricSnapshot(projectId: string, series: { metric_hash: string; variant_hash: string } | undefined) {
  const client = useApiClient();
  const field = series ? `last_metrics.${series.metric_hash}.${series.variant_hash}` : '';
  return useQuery({
    queryKey: ['metric-snapshot', projectId, field],
    enabled: !!series,
    queryFn: async () =>
      (
        await client.call('tasks.get_all_ex', {
          project: [projectId],
          include_subprojects: true,
          system_tags: ['-archived'],
          // Holding the series: a task without the field matches no range on it.
          [`${field}.value`]: [-Number.MAX_VALUE, null],
          order_by: ['-last_update'],
          page: 0,
          page_size: SNAPSHOT_TASKS,
          only_fields: ['id', 'name', 'status', 'project', 'last_update', 'completed', field],
        } as never)
      ).tasks as unknown as SnapshotTask[],
  });
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

/** Sets where the project's tasks put models and artifacts when a script names no place ('' clears it). */
export function useSetOutputDestination(id: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (destination: string) => client.call('projects.update', { project: id, default_output_destination: destination }),
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

/** The server's refusal of a delete without `force`: the project holds tasks or models. */
const isNotEmpty = (e: unknown) => e instanceof ApiCallError && e.code === 400 && e.subcode === 403;

/**
 * Deletes a project; with `contents`, what it holds too (the delete dialog offers that once all of it is archived).
 * A project found empty when the dialog opened that someone filled since is said in the dashboard's words, not the
 * API's ("pass force").
 */
export function useDeleteProject() {
  const client = useApiClient();
  return useProjectMutation((v: { id: string; contents: boolean }) =>
    client
      .call('projects.delete', { project: v.id, ...(v.contents ? { force: true, delete_contents: true } : {}) })
      .catch((e: unknown) => {
        if (!isNotEmpty(e)) throw e;
        const { endpoint, code, subcode } = e as ApiCallError;
        throw new ApiCallError(
          endpoint,
          code,
          subcode,
          'Not deleted: tasks or models were put in the project since this dialog opened. Open Delete again to see what it holds.',
        );
      }),
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
    // Named after the task lists, so that a task made anywhere refreshes it through the live stream.
    queryKey: ['tasks-exist'],
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
    // While none exists the first-run card shows: asked again, so it goes once a script logs its first run.
    refetchInterval: (q) => (q.state.data === false ? 10_000 : false),
  });
}
