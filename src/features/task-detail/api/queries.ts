import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ApiClient } from '../../../client';
import { chartable } from '../../../components/chart/scalar-chart';
import type { RangeFetcher } from '../../../components/chart/use-zoom-detail';
import type { Task } from '../../../shared/api/records';
import { useApiClient } from '../../../client/react';
import type { ConsoleLine } from '../../../shared/api/events';
import type { Histogram, ImageEvent, MetricList, PlotEvent, SingleValue } from '../../../shared/api/results';

export type { Histogram, ImageEvent, MetricList, PlotEvent, SingleValue };

export type { ConsoleLine };

/** How often a running task's views refresh (ClearML's web app ticks every 10 s). */
export const LIVE_REFRESH_MS = 5000;

/**
 * How long the Scalars tab's data counts as fresh: what the tab prefetched (on the task page, on a press of its tab)
 * is taken as it is when the tab mounts a moment later, instead of asked for again. Live tasks refresh on their interval.
 */
const SCALARS_FRESH_MS = 5000;

const isLive = (t: Task | undefined) => t?.status === 'in_progress' || t?.status === 'queued';

export function useTask(id: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['task', id],
    enabled: enabled && !!id,
    queryFn: async () => (await client.call('tasks.get_by_id', { task: id })).task,
    refetchInterval: (q) => (isLive(q.state.data) ? LIVE_REFRESH_MS : false),
    refetchIntervalInBackground: false,
  });
}

export function useProject(id: string | null | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['project', id],
    enabled: !!id,
    queryFn: async () => (await client.call('projects.get_by_id', { project: id! })).project,
  });
}

export function useTaskName(id: string | null | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['task-name', id],
    enabled: !!id && !id.startsWith('__DELETED__'),
    queryFn: async () => {
      const r = await client.call('tasks.get_all', {
        id: [id!],
        only_fields: ['name', 'project'],
      });
      return r.tasks[0] ?? null;
    },
  });
}

export function useModels(ids: string[]) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['models', ids],
    enabled: ids.length > 0,
    queryFn: async () => (await client.call('models.get_all', { id: ids })).models,
  });
}

export type ScalarKey = 'iter' | 'timestamp';

/** Which metrics and variants a task reported (cheap: no points); the tab's query and its prefetch share it. */
export const scalarMetricsQuery = (client: ApiClient, taskId: string) =>
  queryOptions({
    queryKey: ['scalar-metrics', taskId],
    staleTime: SCALARS_FRESH_MS,
    queryFn: async () => (await client.call('events.get_scalar_metrics_and_variants', { task: taskId })).metrics,
  });

/** Which metrics and variants the task reported (cheap: no points). */
export function useScalarMetrics(task: Task) {
  const client = useApiClient();
  return useQuery({ ...scalarMetricsQuery(client, task.id), refetchInterval: isLive(task) ? LIVE_REFRESH_MS : false });
}

/** Points per series for a chart card: a min and a max per pixel column of a wide card. */
const CARD_SAMPLES = 2000;

/** One metric's chart data (the whole x range); its card's query and the tab's prefetch share it. */
export const metricScalarsQuery = (client: ApiClient, taskId: string, metric: string, key: ScalarKey) =>
  queryOptions({
    queryKey: ['scalars', taskId, key, metric],
    staleTime: SCALARS_FRESH_MS,
    queryFn: () => fetchMetricScalars(client, taskId, metric, key),
  });

/** One metric's series, downsampled by the server with each bucket's extremes; fetched only once its chart is on screen. */
export function useMetricScalars(task: Task, metric: string, key: ScalarKey) {
  const client = useApiClient();
  return useQuery({
    ...metricScalarsQuery(client, task.id, metric, key),
    refetchInterval: isLive(task) ? LIVE_REFRESH_MS : false,
    placeholderData: keepPreviousData,
  });
}

/** One metric's series over an x range (all of it without one), at most CARD_SAMPLES points each. */
export async function fetchMetricScalars(
  client: ApiClient,
  task: string,
  metric: string,
  key: ScalarKey,
  range?: [number, number],
): Promise<Histogram[string]> {
  const h = await client.call('events.scalar_metrics_iter_histogram', {
    task,
    key,
    samples: CARD_SAMPLES,
    metrics: [{ metric }],
    band: true,
    ...(range ? { x_min: range[0], x_max: range[1] } : {}),
  });
  return h[metric] ?? {};
}

/** Fetches a zoomed range of a metric's chart (its query key extends the metric's, so a refresh covers both). */
export function useMetricRangeFetcher(task: Task, metric: string, key: ScalarKey): RangeFetcher {
  const client = useApiClient();
  return useMemo(
    () => ({
      key: ['scalars', task.id, key, metric],
      fetch: async (lo: number, hi: number) =>
        Object.values(await fetchMetricScalars(client, task.id, metric, key, [lo, hi])).map(chartable),
    }),
    [client, task.id, metric, key],
  );
}

/** A task's single values (report_single_value); the tab's query and its prefetch share it. */
export const singleValuesQuery = (client: ApiClient, taskId: string) =>
  queryOptions({
    queryKey: ['single-values', taskId],
    staleTime: SCALARS_FRESH_MS,
    queryFn: async () => {
      const r = await client.call('events.get_task_single_value_metrics', {
        tasks: [taskId],
      });
      return r.tasks[0]?.values ?? [];
    },
  });

export function useSingleValues(task: Task) {
  const client = useApiClient();
  return useQuery({ ...singleValuesQuery(client, task.id), refetchInterval: isLive(task) ? LIVE_REFRESH_MS : false });
}

export function usePlots(task: Task, iter: number | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['plots', task.id, iter],
    queryFn: async () =>
      (await client.call('events.get_task_plots', iter === null ? { task: task.id, iters: 1 } : { task: task.id, iter })).plots,
    refetchInterval: isLive(task) && iter === null ? LIVE_REFRESH_MS : false,
    placeholderData: keepPreviousData,
  });
}

/** Every debug-image event of a task, newest iteration first (paged through the API). */
export function useDebugImages(task: Task) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['debug-images', task.id],
    queryFn: async () => {
      const out: { iter: number; events: ImageEvent[] }[] = [];
      let scroll: string | undefined;
      for (let page = 0; page < 50; page++) {
        const r = await client.call('events.debug_images', { metrics: [{ task: task.id }], iters: 100, scroll_id: scroll });
        const its = r.metrics[0]?.iterations ?? [];
        out.push(...its);
        if (its.length < 100) break;
        scroll = r.scroll_id;
      }
      return out;
    },
    refetchInterval: isLive(task) ? LIVE_REFRESH_MS : false,
  });
}

export function useLogPage(taskId: string, fromLine: number, count: number, live: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['log', taskId, fromLine, count],
    queryFn: () =>
      client.call('events.get_task_log_lines', {
        task: taskId,
        from_line: fromLine,
        count,
      }),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
    placeholderData: keepPreviousData,
  });
}

export function useLogTotal(taskId: string, live: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['log-total', taskId],
    queryFn: async () => (await client.call('events.get_task_log_lines', { task: taskId, count: 1 })).total_lines,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}
