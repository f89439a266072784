import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';
import type { Task } from '../../../shared/api/records';
import { isLiveRun, parsePipeline, resolveSteps } from '../lib/pipeline-state';

const LIVE_MS = 3000;
const MAX_RUNS = 1000;

export type RunRow = Pick<Task, 'id' | 'name' | 'status' | 'runtime' | 'last_update' | 'started' | 'user' | 'project' | 'tags'>;

/** Pipeline runs: controller tasks, which live in hidden `<project>/.pipelines/<name>` projects. */
export function usePipelineRuns() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['pipeline-runs'],
    queryFn: async () => {
      const { tasks } = await client.call('tasks.get_all', {
        type: ['controller'],
        system_tags: ['__$not', 'archived'],
        search_hidden: true,
        order_by: ['-last_update'],
        page: 0,
        page_size: MAX_RUNS,
        only_fields: ['id', 'name', 'status', 'runtime', 'last_update', 'started', 'user', 'project', 'tags'],
      });
      const ids = [...new Set(tasks.map((t) => t.project).filter((p): p is string => !!p))];
      const names = new Map<string, string>();
      if (ids.length) {
        const { projects } = await client.call('projects.get_all', {
          id: ids,
          search_hidden: true,
          only_fields: ['id', 'name'],
        });
        for (const p of projects) names.set(p.id, p.name);
      }
      return tasks.map((t) => ({ ...t, projectName: (t.project && names.get(t.project)) || '' }));
    },
    refetchInterval: (q) => (q.state.data?.some((t) => t.status === 'in_progress' || t.status === 'queued') ? LIVE_MS : 15_000),
    refetchIntervalInBackground: false,
  });
}

/** A run: the controller, its recorded steps, and each step's task (status refetched while anything runs). */
export function usePipelineRun(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['pipeline-run', id],
    queryFn: async () => {
      const { task } = await client.call('tasks.get_by_id', { task: id });
      const { tasks } = await client.call('tasks.get_all', {
        parent: id,
        search_hidden: true,
        page: 0,
        page_size: 500,
        only_fields: ['id', 'name', 'status', 'project'],
      });
      const steps = resolveSteps(parsePipeline(task.configuration?.Pipeline?.value), tasks);
      return { controller: task, steps };
    },
    refetchInterval: (q) => (!q.state.data || isLiveRun(q.state.data.controller.status, q.state.data.steps) ? LIVE_MS : false),
    refetchIntervalInBackground: false,
  });
}

/** A new run of the pipeline from this run's controller, with the Args given, put in the queue (pipelines.start_pipeline). */
export function useStartPipeline() {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { controller: string; queue: string; args: { name: string; value: string }[] }) =>
      client.call('pipelines.start_pipeline', { task: v.controller, queue: v.queue, args: v.args }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['pipeline-runs'] }),
  });
}

/** Aborts a run: the controller and its pending and running steps (tasks.stop_many with include_pipeline_steps). */
export function useAbortRun() {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (controller: string) => {
      const r = await client.call('tasks.stop_many', { ids: [controller], include_pipeline_steps: true });
      if (r.failed.length) throw new Error(r.failed[0].error.msg);
    },
    onSettled: (_, __, controller) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['pipeline-run', controller] }),
        qc.invalidateQueries({ queryKey: ['pipeline-runs'] }),
      ]),
  });
}
