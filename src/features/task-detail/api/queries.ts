import { escapeRegex, ignoringCase } from '../../../shared/regex';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ApiClient } from '../../../client';
import { chartable } from '../../../components/chart/scalar-chart';
import { isUnknownId } from '../../../components/NotFound';
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
    // A task that does not exist (deleted while in view) is said in place: the page and the side panel say "Task not
    // found", a parent link its id; not again in the page's notice.
    meta: { quiet: isUnknownId },
    refetchInterval: (q) => (isLive(q.state.data) ? LIVE_REFRESH_MS : false),
    refetchIntervalInBackground: false,
  });
}

export { useProjectById as useProject } from '../../../components/queries/project';

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

/** Models whose name holds `search` (the newest first, 50 at most): an input model's choices. */
export function useModelChoices(search: string, enabled: boolean) {
  const client = useApiClient();
  const text = search.trim();
  return useQuery({
    queryKey: ['model-choices', text],
    enabled,
    placeholderData: (previous) => previous,
    queryFn: async () =>
      (
        await client.call('models.get_all', {
          ...(text ? { name: ignoringCase(escapeRegex(text)) } : {}),
          order_by: ['-last_update'],
          page: 0,
          page_size: 50,
          only_fields: ['id', 'name', 'framework', 'ready'],
        })
      ).models,
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

/**
 * Points per series for a card's first drawing, refined to CARD_SAMPLES once it is on screen: about a point per pixel
 * column of a card's plot. The server answers a long series at this resolution from its stored chunks' extremes alone
 * (a bucket spans a chunk or more) instead of reading every point, and the chart draws a quarter of the points: one
 * metric of 4 x 100k points came in 160-360 ms instead of 300-1,300 ms over HTTP on a busy machine (load ~16).
 */
export const FIRST_SAMPLES = 500;

/** One metric's chart data (the whole x range) at `samples` points a series; its card's queries and the tab's prefetch share it. */
export const metricScalarsQuery = (client: ApiClient, taskId: string, metric: string, key: ScalarKey, samples: number) =>
  queryOptions({
    queryKey: ['scalars', taskId, key, metric, samples],
    staleTime: SCALARS_FRESH_MS,
    queryFn: () => fetchMetricScalars(client, taskId, metric, key, undefined, samples),
  });

/**
 * One metric's series, downsampled by the server with each bucket's extremes; fetched only once its chart is on screen.
 * First at FIRST_SAMPLES points a series, then, once `refine` (the chart has drawn them), at CARD_SAMPLES: the answer is
 * the finer one once it came (the coarse one is no longer asked for then, nor refreshed; a live task's finer one is).
 */
export function useMetricScalars(task: Task, metric: string, key: ScalarKey, refine: boolean) {
  const client = useApiClient();
  const fine = useQuery({
    ...metricScalarsQuery(client, task.id, metric, key, CARD_SAMPLES),
    enabled: refine,
    refetchInterval: isLive(task) ? LIVE_REFRESH_MS : false,
    placeholderData: keepPreviousData,
  });
  const hasFine = fine.data !== undefined && !fine.isPlaceholderData;
  const first = useQuery({
    ...metricScalarsQuery(client, task.id, metric, key, FIRST_SAMPLES),
    enabled: !hasFine,
    refetchInterval: isLive(task) && !hasFine ? LIVE_REFRESH_MS : false,
    placeholderData: keepPreviousData,
  });
  return hasFine ? fine : first;
}

/** One metric's series over an x range (all of it without one), at most `samples` points each. */
export async function fetchMetricScalars(
  client: ApiClient,
  task: string,
  metric: string,
  key: ScalarKey,
  range?: [number, number],
  samples = CARD_SAMPLES,
): Promise<Histogram[string]> {
  const h = await client.call('events.scalar_metrics_iter_histogram', {
    task,
    key,
    samples,
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

/** A task's single values; `enabled` once the task is known to have some (they are reported as the metric Summary). */
export function useSingleValues(task: Task, enabled = true) {
  const client = useApiClient();
  return useQuery({
    ...singleValuesQuery(client, task.id),
    enabled,
    refetchInterval: isLive(task) ? LIVE_REFRESH_MS : false,
  });
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

/** Characters of text one page of the console reads at most: past them, the page's further lines stay unread, shown as "…". */
const CONSOLE_PAGE_CHARS = 16 * 1024 * 1024;

/**
 * `count` console lines from `from` (fewer at the end). The server cuts an answer at its byte cap (never below one
 * line), so the page asks on from the last line it got until it has them all, or holds CONSOLE_PAGE_CHARS of text:
 * lines after one of a few MiB were never read before.
 */
export async function readConsolePage(client: ApiClient, taskId: string, from: number, count: number) {
  const first = await client.call('events.get_task_log_lines', { task: taskId, from_line: from, count });
  const lines = [...first.lines];
  let chars = lines.reduce((n, l) => n + l.text.length, 0);
  while (lines.length < count && from + lines.length < first.total_lines && chars < CONSOLE_PAGE_CHARS) {
    const next = from + lines.length;
    const more = await client.call('events.get_task_log_lines', { task: taskId, from_line: next, count: count - lines.length });
    if (!more.lines.length) break;
    lines.push(...more.lines);
    chars += more.lines.reduce((n, l) => n + l.text.length, 0);
  }
  return { ...first, lines };
}

export function useLogTotal(taskId: string, live: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['log-total', taskId],
    queryFn: async () => (await client.call('events.get_task_log_lines', { task: taskId, count: 1 })).total_lines,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

/** A queue's name (the task keeps its id); undefined for a queue that is gone. */
export function useQueueName(id: string | null | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['queue-name', id],
    enabled: !!id,
    queryFn: async () => (await client.call('queues.get_by_id', { queue: id! })).queue.name,
    retry: false,
    staleTime: 60_000,
  });
}
