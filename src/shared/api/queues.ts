import { z } from 'zod';
import { id, listRequest, MAX_METADATA_KEYS, metadataItem, metadataString } from './common';
import { queueRecord, type Queue } from './records';

const queue = queueRecord.shape;
/** Queue metadata as create and update take it (2.13): key -> item. */
const metadataMap = z
  .record(metadataString, metadataItem)
  .refine((m) => Object.keys(m).length <= MAX_METADATA_KEYS, `at most ${MAX_METADATA_KEYS} metadata keys`);
export const queuesCreate = z.object({
  name: queue.name.trim().min(1, 'must not be empty'),
  display_name: queue.display_name,
  tags: queue.tags.optional(),
  system_tags: queue.system_tags.optional(),
  metadata: metadataMap.optional(),
});
export const queueId = z.object({ queue: id });
export const queuesGetAll = z
  .object({
    ...listRequest,
    id: z.union([z.array(id), id]).optional(),
    name: z.string().optional(),
    max_task_entries: z.number().int().optional(),
  })
  .loose();
export const queuesGetDefault = queuesGetAll.pick({});
export const queuesUpdate = z.object({
  queue: id,
  name: queue.name.trim().min(1).optional(),
  display_name: queue.display_name,
  tags: queue.tags.optional(),
  system_tags: queue.system_tags.optional(),
  metadata: metadataMap.optional(),
});
export const queuesAddOrUpdateMetadata = z.object({
  queue: id,
  metadata: z.array(metadataItem).max(MAX_METADATA_KEYS),
  replace_metadata: z.boolean().optional(),
});
export const queuesDeleteMetadata = z.object({ queue: id, keys: z.array(metadataString).max(MAX_METADATA_KEYS) });
export const queuesDelete = z.object({ queue: id, force: z.boolean().optional() });
export const queuesGetNextTask = z.object({ queue: id, get_task_info: z.boolean().optional(), task: z.string().optional() });
export const queueTask = z.object({ queue: id, task: id, count: z.number().int().min(1).optional() });
export const queuesAddTask = z.object({ queue: id, task: id });
export const queuesRemoveTask = z.object({ queue: id, task: id, update_task_status: z.boolean().optional() });
export const queuesMoveTask = z.object({ queue: id, task: id, count: z.number().int().min(1).optional() });
/** Epoch seconds up to the last second of year 9999: beyond it a date is a mistake, and milliseconds stay exact integers. */
const epochSeconds = z.number().min(0).max(253_402_300_799);
/** A year and a day: samples are kept one day, so a wider bucket adds nothing, and the bucket width stays a safe integer. */
const MAX_METRICS_INTERVAL_SEC = 366 * 24 * 3600;
export const queuesGetQueueMetrics = z.object({
  from_date: epochSeconds,
  to_date: epochSeconds,
  interval: z.number().positive().max(MAX_METRICS_INTERVAL_SEC),
  queue_ids: z.array(id).optional(),
  refresh: z.boolean().optional(),
});

/** A queue as queues.get_all_ex returns it: entries with their tasks, and the workers serving it. */
export interface QueueTaskRef {
  id: string;
  name: string | null;
  status: string | null;
  project: string | null;
}
export interface QueueWorkerRef {
  name: string;
  ip: string;
  key: string;
  task: { id: string; name: string; running_time: number; last_iteration: number } | null;
}
export type QueueEx = Pick<Queue, 'id' | 'name' | 'display_name' | 'system_tags' | 'tags' | 'last_update' | 'created'> & {
  entries: { added: string; task: QueueTaskRef }[];
  workers: QueueWorkerRef[];
};
