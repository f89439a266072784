import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';

/** How often the page refreshes (paused while the browser tab is hidden). */
const REFRESH_MS = 3000;

export function useQueues() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['queues', 'ex'],
    queryFn: async () =>
      (
        await client.call('queues.get_all_ex', {
          only_fields: ['*', 'entries.task.name'],
          order_by: ['name'],
        })
      ).queues,
    refetchInterval: REFRESH_MS,
  });
}

export function useWorkers() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['workers'],
    queryFn: async () => (await client.call('workers.get_all', {})).workers,
    refetchInterval: REFRESH_MS,
  });
}

/** Any queue or worker change; everything that shows queues or tasks is refreshed afterwards. */
export function useQueueMutation<T>(fn: (client: ReturnType<typeof useApiClient>, vars: T) => Promise<unknown>) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: T) => fn(client, vars),
    onSettled: () => qc.invalidateQueries(),
  });
}

export type EntryMove = 'move_task_to_front' | 'move_task_forward' | 'move_task_backward' | 'move_task_to_back';

export function useMoveEntry() {
  return useQueueMutation((c, v: { queue: string; task: string; how: EntryMove }) =>
    c.call(`queues.${v.how}`, { queue: v.queue, task: v.task }),
  );
}

/** Removing a pending task from its queue is a dequeue: it goes back to Draft. */
export function useDequeue() {
  return useQueueMutation((c, v: { task: string }) => c.call('tasks.dequeue', { task: v.task }));
}

/** Empties a queue: each of its pending tasks goes back to Draft. */
export function useClearQueue() {
  return useQueueMutation((c, v: { queue: string }) => c.call('queues.clear_queue', { queue: v.queue }));
}

export function useMoveToQueue() {
  return useQueueMutation(async (c, v: { from: string; to: string; task: string }) => {
    await c.call('queues.remove_task', { queue: v.from, task: v.task });
    await c.call('queues.add_task', { queue: v.to, task: v.task });
  });
}

export function useCreateQueue() {
  return useQueueMutation((c, name: string) => c.call('queues.create', { name }));
}

export function useRenameQueue() {
  return useQueueMutation((c, v: { queue: string; name: string }) =>
    c.call('queues.update', { queue: v.queue, name: v.name, display_name: v.name }),
  );
}

export function useDeleteQueue() {
  return useQueueMutation((c, v: { queue: string; force: boolean }) => c.call('queues.delete', v));
}

/** Length and average wait of one queue over the last `rangeSec` seconds. */
export function useQueueMetrics(queue: string, rangeSec: number) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['queue-metrics', queue, rangeSec],
    queryFn: async () => {
      const now = Math.floor(Date.now() / 1000);
      const interval = Math.max(10, Math.round(rangeSec / 120));
      // The server samples the queue when it answers, maybe a second or more after `now`: the
      // range reaches a minute ahead so that sample is in it.
      const r = await client.call('queues.get_queue_metrics', {
        from_date: now - rangeSec,
        to_date: now + 60,
        interval,
        queue_ids: [queue],
      });
      return r.queues[0] ?? { queue, dates: [], avg_waiting_times: [], queue_lengths: [] };
    },
    refetchInterval: 30_000,
    // A queue deleted a moment ago may still be asked for once; its chart says so itself.
    meta: { quiet: true },
    retry: false,
  });
}

/** What a worker's machine chart draws, each the mean over its devices per minute. */
export const MACHINE_ITEMS = ['cpu_usage', 'gpu_usage', 'memory_used'] as const;

/** A worker's machine statistics over the last `rangeSec`, a point a minute (workers.get_stats). */
export function useWorkerMachine(worker: string, rangeSec: number) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['worker-machine', worker, rangeSec],
    queryFn: async () => {
      const now = Math.floor(Date.now() / 1000);
      const r = await client.call('workers.get_stats', {
        worker_ids: [worker],
        from_date: now - rangeSec,
        // The server leaves out a minute that has not ended by `to_date`: a minute ahead keeps the current one.
        to_date: now + 60,
        interval: 60,
        items: MACHINE_ITEMS.map((key) => ({ key, aggregation: 'avg' as const })),
      });
      return r.workers[0]?.metrics ?? [];
    },
    refetchInterval: 30_000,
  });
}

/** Workers reporting, and those on a task, over the last `rangeSec` (workers.get_activity_report). */
export function useWorkerActivity(rangeSec: number, intervalSec: number) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['worker-activity', rangeSec, intervalSec],
    queryFn: async () => {
      const now = Math.floor(Date.now() / 1000);
      // An interval past now keeps the current one, which the server leaves out until it has ended.
      return client.call('workers.get_activity_report', {
        from_date: now - rangeSec,
        to_date: now + intervalSec,
        interval: intervalSec,
      });
    },
    refetchInterval: 60_000,
  });
}
