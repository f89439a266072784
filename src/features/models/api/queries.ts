import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';
import type { Model, ModelMetadataItem } from '../../../shared/api/records';
import { sortKeysOf } from '../../../components/table/sort-keys';
import { escapeRegex, ignoringCase } from '../../../shared/regex';
import type { Histogram, MetricList, PlotEvent } from '../../../shared/api/results';

export type { Histogram, MetricList, PlotEvent };

export const MAX_ROWS = 500;
const LIVE_MS = 10_000;

export interface ModelFilters {
  projectId: string;
  search?: string;
  framework?: string;
  tag?: string;
  /** 'published' (ready) or 'draft'. */
  state?: 'published' | 'draft';
  archived?: boolean;
  /** The first sort key: a field name, `-` in front for descending. */
  sort?: string;
  /** Sort keys after the first, each breaking the ties the ones before it leave. */
  thenBy?: string[];
}

/** The newest first, when no sort was picked. */
export const DEFAULT_SORT = '-created';

export function modelQuery(f: ModelFilters): Record<string, unknown> {
  return {
    ...(f.projectId !== '*' ? { project: [f.projectId] } : {}),
    ...(f.search ? { name: ignoringCase(escapeRegex(f.search)) } : {}),
    ...(f.framework ? { framework: [f.framework] } : {}),
    ...(f.tag ? { tags: [f.tag] } : {}),
    ...(f.state ? { ready: f.state === 'published' } : {}),
    system_tags: f.archived ? ['archived'] : ['__$not', 'archived'],
    order_by: sortKeysOf(f, DEFAULT_SORT),
    page: 0,
    page_size: MAX_ROWS,
  };
}

/** The models of a view (server-side filters and sort), up to MAX_ROWS. */
export function useModelRows(filters: ModelFilters) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['models-table', filters],
    queryFn: async () => (await client.call('models.get_all', modelQuery(filters))).models,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
    refetchIntervalInBackground: false,
  });
}

/** Frameworks and tags to filter on: the frameworks of the project's latest models, the tags of all its models. */
export function useModelChoices(projectId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['model-choices', projectId],
    queryFn: async () => {
      const [{ models }, inUse] = await Promise.all([
        client.call('models.get_all', {
          ...(projectId !== '*' ? { project: [projectId] } : {}),
          only_fields: ['framework'],
          page: 0,
          page_size: 2000,
          order_by: ['-last_update'],
        }),
        client.call('projects.get_model_tags', projectId !== '*' ? { projects: [projectId] } : {}),
      ]);
      return {
        frameworks: [...new Set(models.map((m) => m.framework).filter((f): f is string => !!f))].sort(),
        tags: inUse.tags,
      };
    },
  });
}

/** Task names by id (the task that made each model). */
export function useTaskNames(ids: string[]) {
  const client = useApiClient();
  const unique = [...new Set(ids)].sort();
  return useQuery({
    queryKey: ['task-names', unique],
    enabled: unique.length > 0,
    queryFn: async () => {
      const { tasks } = await client.call('tasks.get_all', {
        id: unique,
        only_fields: ['id', 'name', 'project', 'status'],
      });
      return new Map(tasks.map((t) => [t.id, t]));
    },
  });
}

export function useModel(id: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['model', id],
    queryFn: async () => (await client.call('models.get_by_id', { model: id })).model,
  });
}

/** Tasks of the model's project that take it as an input model (the server has no filter on input models). */
export function useModelUsers(model: Model | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['model-users', model?.id],
    enabled: !!model?.project,
    queryFn: async () => {
      const { tasks } = await client.call('tasks.get_all', {
        project: [model!.project!],
        search_hidden: true,
        page: 0,
        page_size: 2000,
        order_by: ['-last_update'],
        only_fields: ['id', 'name', 'project', 'status', 'models'],
      });
      return tasks.filter((t) => t.models?.input?.some((r) => r.model === model!.id));
    },
  });
}

/** Model actions and metadata edits; each refreshes the model views. */
export function useModelMutations() {
  const client = useApiClient();
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['models-table'] });
    void qc.invalidateQueries({ queryKey: ['model'] });
  };
  const useAction = <T>(fn: (arg: T) => Promise<unknown>) => useMutation({ mutationFn: fn, onSettled: refresh });
  return {
    publish: useAction((ids: string[]) =>
      Promise.all(ids.map((model) => client.call('models.set_ready', { model, publish_task: false }))),
    ),
    archive: useAction(async ({ models, archived }: { models: Model[]; archived: boolean }) =>
      Promise.all(
        models.map((m) => {
          const others = (m.system_tags ?? []).filter((t) => t !== 'archived');
          return client.call('models.edit', { model: m.id, system_tags: archived ? [...others, 'archived'] : others });
        }),
      ),
    ),
    remove: useAction(({ ids, force }: { ids: string[]; force: boolean }) =>
      Promise.all(ids.map((model) => client.call('models.delete', { model, force }))),
    ),
    setMetadata: useAction(({ model, items }: { model: string; items: ModelMetadataItem[] }) =>
      client.call('models.add_or_update_metadata', { model, metadata: items }),
    ),
    deleteMetadata: useAction(({ model, keys }: { model: string; keys: string[] }) =>
      client.call('models.delete_metadata', { model, keys }),
    ),
  };
}

/** Model events live with task events, flagged; `model_events: true` with the model id in `task` reads them. */
export function useModelScalarMetrics(modelId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['model-scalar-metrics', modelId],
    queryFn: async () =>
      (
        await client.call('events.get_scalar_metrics_and_variants', {
          task: modelId,
          model_events: true,
        })
      ).metrics,
  });
}

export function useModelMetricScalars(modelId: string, metric: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['model-scalars', modelId, metric],
    queryFn: async () =>
      (
        await client.call('events.scalar_metrics_iter_histogram', {
          task: modelId,
          model_events: true,
          key: 'iter',
          samples: 2000,
          metrics: [{ metric }],
        })
      )[metric] ?? {},
  });
}

export function useModelPlots(modelId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['model-plots', modelId],
    queryFn: async () => (await client.call('events.get_task_plots', { task: modelId, model_events: true, iters: 1 })).plots,
  });
}
