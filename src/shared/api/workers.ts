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
export const workersGetAll = z.object({ last_seen: z.number().int().min(0).optional(), worker_pattern: z.string().optional() }).loose();
