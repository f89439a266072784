import { z } from 'zod';
import { id, idList } from './common';

export const eventTypes = ['log', 'training_stats_scalar', 'plot', 'training_debug_image', 'training_stats_vector'] as const;

export const event = z
  .object({
    type: z.enum(eventTypes),
    task: id,
    timestamp: z.number().optional(),
    iter: z.number().int().optional(),
    metric: z.string().optional(),
    variant: z.string().optional(),
    value: z.number().nullish(),
    msg: z.string().optional(),
    level: z.string().optional(),
    worker: z.string().optional(),
    plot_str: z.string().optional(),
    url: z.string().optional(),
    key: z.string().optional(),
    model_event: z.boolean().optional(),
    /** With `model_event`, the model's id (replaces `task`). */
    model: z.string().optional(),
    allow_locked: z.boolean().optional(),
  })
  .loose();

export const addBatch = z.array(z.unknown());

export const metricVariants = z.array(z.object({ metric: z.string(), variants: z.array(z.string()).optional() }));
export const scalarKey = z.enum(['iter', 'timestamp', 'iso_time']);

export const scalarHistogram = z.object({
  task: id,
  samples: z.number().int().min(1).optional(),
  key: scalarKey.optional(),
  metrics: metricVariants.optional(),
  /** Taskdeck extension: only points with x (iteration, or ms for time keys) in [x_min, x_max], at full resolution when few. */
  x_min: z.number().optional(),
  x_max: z.number().optional(),
  /** Taskdeck extension: answer each series' bucket extremes in `band` when its points were bucketed. */
  band: z.boolean().optional(),
  model_events: z.boolean().optional(),
});

export const multiScalarHistogram = z.object({
  tasks: z.union([idList, z.string()]),
  samples: z.number().int().min(1).optional(),
  key: scalarKey.optional(),
  metrics: metricVariants.optional(),
  /** Taskdeck extension: only points with x (iteration, or ms for time keys) in [x_min, x_max], at full resolution when few. */
  x_min: z.number().optional(),
  x_max: z.number().optional(),
  /** Taskdeck extension: answer each series' bucket extremes in `band` when its points were bucketed. */
  band: z.boolean().optional(),
  model_events: z.boolean().optional(),
});

export const taskLog = z.object({
  task: id,
  batch_size: z.number().int().min(1).max(100_000).optional(),
  navigate_earlier: z.boolean().optional(),
  from_timestamp: z.number().nullish(),
  order: z.enum(['asc', 'desc']).optional(),
  /** Taskdeck extension: page from a stable position (each event carries its `pos`). */
  from_pos: z.number().int().nullish(),
});

export const taskPlots = z.object({
  task: id,
  iters: z.number().int().min(1).optional(),
  /** Taskdeck extension: the plots of exactly this iteration. */
  iter: z.number().int().optional(),
  metrics: metricVariants.optional(),
  scroll_id: z.string().nullish(),
  no_scroll: z.boolean().optional(),
  model_events: z.boolean().optional(),
});

export const debugImages = z.object({
  metrics: z.array(z.object({ task: id, metric: z.string().optional(), variants: z.array(z.string()).optional() })).min(1),
  iters: z.number().int().min(1).optional(),
  navigate_earlier: z.boolean().optional(),
  refresh: z.boolean().optional(),
  scroll_id: z.string().nullish(),
  model_events: z.boolean().optional(),
});

export const taskMetrics = z.object({
  tasks: idList,
  event_type: z.enum(eventTypes).optional(),
  model_events: z.boolean().optional(),
});

export const singleValueMetrics = z.object({
  tasks: idList,
  metrics: metricVariants.optional(),
  model_events: z.boolean().optional(),
});
export const deleteForTask = z.object({ task: id, allow_locked: z.boolean().optional() });
export const taskOnly = z.object({ task: id, model_events: z.boolean().optional() });

/** One console line as events.get_task_log_lines returns it. */
export interface ConsoleLine {
  line: number;
  text: string;
  level: string;
  timestamp: number;
}

/** Any positive size is taken; each endpoint caps it (as clearml-server caps by its raw-scalar limit). */
const batchSize = z.number().int().min(1);

export const taskEvents = z.object({
  task: id,
  order: z.enum(['asc', 'desc']).optional(),
  scroll_id: z.string().max(10_000).optional(),
  batch_size: batchSize.optional(),
  event_type: z.enum(eventTypes).optional(),
  metrics: metricVariants.optional(),
  count_total: z.boolean().optional(),
  model_events: z.boolean().optional(),
});

export const scalarMetricData = z.object({
  task: id,
  metric: z.string(),
  scroll_id: z.string().max(10_000).optional(),
  no_scroll: z.boolean().optional(),
  model_events: z.boolean().optional(),
});

export const scalarIterRaw = z.object({
  task: id,
  metric: z.object({ metric: z.string(), variants: z.array(z.string()).optional() }),
  key: scalarKey.optional(),
  batch_size: batchSize.optional(),
  count_total: z.boolean().optional(),
  scroll_id: z.string().max(10_000).optional(),
  model_events: z.boolean().optional(),
});

export const variantSample = z.object({
  task: id,
  metric: z.string(),
  variant: z.string(),
  iteration: z.number().int().optional(),
  refresh: z.boolean().optional(),
  scroll_id: z.string().max(10_000).optional(),
  navigate_current_metric: z.boolean().optional(),
  model_events: z.boolean().optional(),
});

export const metricSample = variantSample.omit({ variant: true });

export const nextSample = z.object({
  task: id,
  scroll_id: z.string().max(10_000),
  navigate_earlier: z.boolean().optional(),
  next_iteration: z.boolean().optional(),
  model_events: z.boolean().optional(),
});

export const clearTaskLog = z.object({
  task: id,
  allow_locked: z.boolean().optional(),
  threshold_sec: z.number().int().min(0).optional(),
  exclude_metrics: z.array(z.string()).optional(),
  include_metrics: z.array(z.string()).optional(),
});

/** Most tasks one comparison holds (the dashboard compares up to 200). */
export const MAX_COMPARED_TASKS = 200;

export const multiTaskPlots = z.object({
  tasks: idList.min(1).max(MAX_COMPARED_TASKS),
  iters: z.number().int().min(1).optional(),
  scroll_id: z.string().max(10_000).optional(),
  no_scroll: z.boolean().optional(),
  metrics: metricVariants.optional(),
  last_iters_per_task_metric: z.boolean().optional(),
  model_events: z.boolean().optional(),
});

export const multiTaskMetrics = z.object({
  tasks: idList.min(1).max(1000),
  event_type: z.enum(eventTypes).optional(),
  model_events: z.boolean().optional(),
});

export const modelOnly = z.object({ model: id, allow_locked: z.boolean().optional() });
export const scrollOnly = z.object({ scroll_id: z.string().max(10_000).optional() });
export const singleEvent = z.record(z.string(), z.unknown());
export const vectorHistogram = z.object({
  task: id,
  metric: z.string(),
  variant: z.string(),
  model_events: z.boolean().optional(),
});

/** Most console lines one events.get_task_log_lines call returns. */
export const MAX_LOG_LINES = 5000;
export const taskLogLines = z.object({
  task: id,
  from_line: z.number().int().min(0).optional(),
  count: z.number().int().min(1).max(MAX_LOG_LINES).optional(),
});
/** Longest regular expression a console search takes, in characters (a search for a line needs a few dozen). */
export const MAX_LOG_PATTERN = 500;
/** Regular expression flags a console search takes: `i`, ignore case. */
export const LOG_PATTERN_FLAGS = 'i';
export const searchTaskLog = z.object({
  task: id,
  /** Plain text, found ignoring case; with `regex`, a regular expression in RE2 syntax. */
  text: z.string().min(1),
  regex: z.boolean().optional(),
  /** Flags of the regular expression (LOG_PATTERN_FLAGS); others are refused. */
  flags: z.string().max(8).optional(),
  from_line: z.number().int().min(0).optional(),
  backwards: z.boolean().optional(),
});
export const downloadTaskLog = z.object({ task: id, line_type: z.enum(['json', 'text']).optional() });
