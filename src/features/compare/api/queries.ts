import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../../client';
import { useApiClient } from '../../../client/react';
import type { Task } from '../../../shared/api/records';
import { chartedMetrics } from '../../../shared/single-values';
import type { ImageEvent, MultiHistogram, PlotEvent } from '../../../shared/api/results';

export type { ImageEvent, MultiHistogram, PlotEvent };

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

/** The scalar metrics any of the tasks reported (names only). */
export function useCompareMetrics(ids: string[]) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['compare-metrics', ids],
    enabled: ids.length > 0,
    queryFn: async () => {
      const [r, singles] = await Promise.all([
        client.call('events.get_task_metrics', {
          tasks: ids,
          event_type: 'training_stats_scalar',
        }),
        client.call('events.get_task_single_value_metrics', { tasks: ids }),
      ]);
      return chartedMetrics(
        r.metrics.flatMap((m) => m.metrics),
        singles.tasks.flatMap((t) => t.values.map((v) => v.metric)),
      );
    },
  });
}

/**
 * Points per series: fewer per task when many share a chart (200 lines of 200 points are as many as a
 * chart's pixels can show), so the answer and the drawing stay small. Zooming fetches more.
 */
export function compareSamples(tasks: number): number {
  return tasks <= 10 ? 2000 : tasks <= 50 ? 600 : 200;
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

/** One metric of every task, fetched when its chart scrolls into view. */
export function useMultiScalars(ids: string[], metric: string, key: 'iter' | 'timestamp') {
  const client = useApiClient();
  return useQuery({
    queryKey: ['compare-scalars', ids, key, metric],
    enabled: ids.length > 0,
    queryFn: () => fetchMultiScalars(client, ids, metric, key),
    placeholderData: keepPreviousData,
  });
}

export function useComparePlots(ids: string[]) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['compare-plots', ids],
    enabled: ids.length > 0,
    queryFn: async () => {
      const all = await Promise.all(ids.map((task) => client.call('events.get_task_plots', { task, iters: 1 })));
      return all.flatMap((r) => r.plots);
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
