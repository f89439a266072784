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
