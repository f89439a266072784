import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ApiClient } from '../../../client';
import { useApiClient } from '../../../client/react';
import type { Task } from '../../../shared/api/records';
import { chartedMetrics, SINGLE_VALUE_METRIC } from '../../../shared/single-values';
import type { ImageEvent, MultiHistogram, PlotEvent } from '../../../shared/api/results';

export type { ImageEvent, MultiHistogram, PlotEvent };

/**
 * A chart's data (and the metric names) a few seconds fresh: the first chart's is fetched ahead of the chart (usePrefetchFirstChart),
 * and the chart mounting just after must not ask for it again.
 */
const CHART_FRESH_MS = 10_000;

export function useCompareTasks(ids: string[]) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['compare-tasks', ids],
    enabled: ids.length > 0,
    queryFn: async () => {
      const r = await client.call('tasks.get_all_ex', { id: ids, search_hidden: true });
      // Keep the order of the URL.
      return ids.map((id) => r.tasks.find((t) => t.id === id)).filter((t): t is Task => !!t);
    },
    placeholderData: keepPreviousData,
  });
}

/** The names of the models the tasks take or made (the Details tab shows models by name), by id. */
export function useModelNames(tasks: Task[]) {
  const client = useApiClient();
  const ids = [
    ...new Set(tasks.flatMap((t) => [...(t.models?.input ?? []), ...(t.models?.output ?? [])].map((m) => m.model))),
  ].sort();
  return useQuery({
    queryKey: ['compare-model-names', ids],
    enabled: ids.length > 0,
    queryFn: async () =>
      new Map((await client.call('models.get_all', { id: ids, only_fields: ['id', 'name'] })).models.map((m) => [m.id, m.name])),
  });
}

/**
 * The scalar metrics any of the tasks reported (names only), in chart order. The single values only decide whether
 * "Summary" is charted: they are asked for (of that metric alone) only when a task reported a Summary. Asked for beside
 * the metric list, 200 tasks' single values came in half a second after it and held up the first chart.
 */
export const compareMetricsQuery = (client: ApiClient, ids: string[]) =>
  queryOptions({
    queryKey: ['compare-metrics', ids],
    queryFn: async () => {
      const r = await client.call('events.get_task_metrics', { tasks: ids, event_type: 'training_stats_scalar' });
      const names = r.metrics.flatMap((m) => m.metrics);
      const singles = names.includes(SINGLE_VALUE_METRIC)
        ? (
            await client.call('events.get_task_single_value_metrics', {
              tasks: ids,
              metrics: [{ metric: SINGLE_VALUE_METRIC }],
            })
          ).tasks.flatMap((t) => t.values.map((v) => v.metric))
        : [];
      return chartedMetrics(names, singles);
    },
    // Asked for ahead of the tab (usePrefetchFirstChart): the tab mounting just after must not ask again.
    staleTime: CHART_FRESH_MS,
  });

export function useCompareMetrics(ids: string[]) {
  const client = useApiClient();
  return useQuery({ ...compareMetricsQuery(client, ids), enabled: ids.length > 0 });
}

/**
 * Points per series: up to ten tasks 2,000 each, past that a budget of 10,000 a variant shared by the tasks (at least
 * 50 each). Drawing time grows with the points (200 tasks x 2 variants x 100 points took twice the time of 50), and 200
 * lines of 50 points are as many as a chart's pixels can show. The server's buckets keep each one's min and max, so a
 * spike stays in the overview; zooming fetches the range at full resolution.
 */
export function compareSamples(tasks: number): number {
  if (tasks <= 10) return 2000;
  // Even: the server sends each bucket's minimum and maximum as a pair.
  return 2 * Math.max(25, Math.floor(5000 / tasks));
}

/**
 * Runs the compare charts' fetches one at a time, in the order the charts asked. The server answers
 * one request at a time per core: two charts fetched together both arrive late, one after the other
 * the first chart is drawn in half the time and the next ones follow.
 */
let chartQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(fetch: () => Promise<T>): Promise<T> {
  const run = chartQueue.then(fetch, fetch);
  chartQueue = run.catch(() => undefined);
  return run;
}

/** One metric of every task over an x range (all of it without one), with each bucket's extremes. */
export async function fetchMultiScalars(
  client: ApiClient,
  ids: string[],
  metric: string,
  key: 'iter' | 'timestamp',
  range?: [number, number],
): Promise<MultiHistogram[string]> {
  const r = await client.call('events.multi_task_scalar_metrics_iter_histogram', {
    tasks: ids,
    key,
    samples: compareSamples(ids.length),
    metrics: [{ metric }],
    // Bands of many tasks would be noise, and double what the chart has to draw.
    band: ids.length <= 10,
    ...(range ? { x_min: range[0], x_max: range[1] } : {}),
  });
  return r.metrics[metric] ?? {};
}

function multiScalarsQuery(client: ApiClient, ids: string[], metric: string, key: 'iter' | 'timestamp') {
  return queryOptions({
    queryKey: ['compare-scalars', ids, key, metric],
    queryFn: () => oneAtATime(() => fetchMultiScalars(client, ids, metric, key)),
    staleTime: CHART_FRESH_MS,
  });
}

/** One metric of every task, fetched when its chart scrolls into view. */
export function useMultiScalars(ids: string[], metric: string, key: 'iter' | 'timestamp') {
  const client = useApiClient();
  return useQuery({ ...multiScalarsQuery(client, ids, metric, key), enabled: ids.length > 0, placeholderData: keepPreviousData });
}

/**
 * Starts the first chart's fetch as soon as the metric names are known, from the URL's ids, while the
 * tasks are still arriving and the tab is still being laid out (by iteration, the tab's default axis). Chained on the
 * names' request itself, not on a render after it: that render (the tasks' table and legend, 200 tasks) held the
 * fetch back by up to 0.8 s on a busy machine.
 */
export function usePrefetchFirstChart(ids: string[], enabled: boolean) {
  const client = useApiClient();
  const qc = useQueryClient();
  const idKey = ids.join(',');
  useEffect(() => {
    if (!enabled || ids.length < 2) return;
    let gone = false;
    void qc
      .fetchQuery(compareMetricsQuery(client, ids))
      .then((names) => {
        const first = names.find((m) => !m.startsWith(':monitor:'));
        if (first && !gone) void qc.prefetchQuery(multiScalarsQuery(client, ids, first, 'iter'));
      })
      // The tab's own query of the names reports a failure.
      .catch(() => {});
    return () => void (gone = true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- ids by value: the URL parses into a new array each render
  }, [enabled, idKey, client, qc]);
}

export function useComparePlots(ids: string[]) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['compare-plots', ids],
    enabled: ids.length > 0,
    queryFn: async () => {
      // One request for every task's newest plots (two hundred get_task_plots calls queued behind each other before).
      const r = await client.call('events.get_multi_task_plots', { tasks: ids, iters: 1 });
      const out: PlotEvent[] = [];
      for (const [metric, variants] of Object.entries(r.plots))
        for (const [variant, byTask] of Object.entries(variants))
          for (const [task, byIter] of Object.entries(byTask))
            for (const [iter, { plots }] of Object.entries(byIter))
              for (const p of plots) out.push({ ...p, task, metric, variant, iter: Number(iter) });
      return out;
    },
  });
}

export function useCompareImages(ids: string[]) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['compare-images', ids],
    enabled: ids.length > 0,
    queryFn: async () => {
      const r = await client.call('events.debug_images', {
        metrics: ids.map((task) => ({ task })),
        iters: 200,
      });
      return r.metrics.flatMap((m) => m.iterations.flatMap((i) => i.events.map((e) => ({ ...e, task: m.task }))));
    },
  });
}

export function useTaskSearch(text: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['task-search', text],
    queryFn: async () =>
      (
        await client.call('tasks.get_all_ex', {
          search_text: text || undefined,
          only_fields: ['name', 'status'],
          order_by: ['-last_update'],
          page: 0,
          page_size: 20,
          system_tags: ['-archived'],
        })
      ).tasks,
  });
}
