import { z } from 'zod';
import { id, stringList } from './common';

export const workersRegister = z.object({
  worker: z.string().min(1),
  timeout: z.number().int().min(1).optional(),
  queues: stringList.optional(),
  tags: stringList.optional(),
  system_tags: stringList.optional(),
});
export const workersUnregister = z.object({ worker: z.string().min(1) });
export const workersStatusReport = z
  .object({
    worker: z.string().min(1),
    timestamp: z.number(),
    task: id.nullish(),
    queue: z.string().nullish(),
    queues: stringList.nullish(),
    machine_stats: z.record(z.string(), z.unknown()).optional(),
    tags: stringList.optional(),
  })
  .loose();
export const workersGetAll = z
  .object({ last_seen: z.number().int().min(0).optional(), worker_pattern: z.string().optional() })
  .loose();

/** Seconds since the epoch, as ClearML's statistics endpoints take them. */
const epochSec = z.number().min(0).max(1e11);
const aggregation = z.enum(['avg', 'min', 'max']);

export const workersGetMetricKeys = z.object({ worker_ids: z.array(z.string()).max(1000).optional() }).loose();
export const workersGetStats = z
  .object({
    worker_ids: z.array(z.string()).max(1000).optional(),
    from_date: epochSec,
    to_date: epochSec,
    interval: z.number().int().min(1).max(1e9),
    // ClearML's request model names the aggregation `aggregation` (its schema says `category`): either is taken.
    items: z
      .array(z.object({ key: z.string().max(100), aggregation: aggregation.optional(), category: aggregation.optional() }))
      .min(1)
      .max(100),
    split_by_variant: z.boolean().optional(),
  })
  .loose();
export const workersGetActivityReport = z
  .object({ from_date: epochSec, to_date: epochSec, interval: z.number().int().min(1).max(1e9) })
  .loose();

/** A worker's metric over time (workers.get_stats): per date (seconds), the aggregations asked for. */
export interface WorkerMetricStats {
  metric: string;
  /** The device, with `split_by_variant`. */
  variant?: string;
  dates: number[];
  stats: { aggregation: 'avg' | 'min' | 'max'; values: number[] }[];
}

/** Workers counted per date (seconds). */
export interface ActivitySeries {
  dates: number[];
  counts: number[];
}

/** A worker as workers.get_all returns it. */
export interface WorkerInfo {
  id: string;
  key: string;
  ip: string;
  register_time: string;
  last_activity_time: string;
  last_report_time: string;
  register_timeout: number;
  task: { id: string; name: string; project: string | null; running_time: number; last_iteration: number } | null;
  queue: { id: string; name: string } | null;
  queues: { id: string; name: string; num_tasks: number; next_task: { id: string } | null }[];
  tags: string[];
  /** What the worker last reported of its machine (ClearML's machine_stats). */
  machine_stats: Record<string, unknown>;
}
