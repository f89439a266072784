import { z } from 'zod';
import { id } from './common';

/** A parameter of the run, placed in the new controller's Args section (its value as text, as ClearML keeps it). */
const arg = z.object({
  name: z.string().min(1).max(1000),
  value: z.union([z.string().max(100_000), z.number(), z.boolean()]).transform(String),
});

/** pipelines.start_pipeline (2.17): a new run cloned from a controller task, with new Args, put in a queue. */
export const pipelinesStartPipeline = z.object({
  task: id,
  queue: z.string().optional(),
  args: z.array(arg).max(1000).optional(),
  verify_watched_queue: z.boolean().optional(),
});
