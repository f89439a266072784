/** Response shapes the contract (`./contract.ts`) names, where more than one endpoint shares them. */
import type { Model, Project, Queue, Task } from './records';

/**
 * A record in a list answer. A call that names `only_fields` gets only those fields (and `id`):
 * it must read no other, as the type cannot tell which were asked for.
 */
export type Listed<T> = T;

/** A `*_many` answer: each id either succeeded (with what the single call returns) or failed with why. */
export interface ManyResult<T = Record<string, unknown>> {
  succeeded: (T & { id: string })[];
  failed: { id: string; error: { codes: number[]; msg: string; data: Record<string, unknown> } }[];
}

/** What a call that changes one record answers. */
export interface Updated {
  updated: number;
  fields?: Record<string, unknown>;
}

export interface ProjectStats {
  total_tasks: number;
  last_task_run: string | null;
  status_count: Record<string, number>;
  /** Seconds its tasks ran, start to end (to now while running), sub-projects included. */
  total_runtime?: number;
  /** Tasks completed in the last 24 hours, sub-projects included. */
  completed_tasks_24h?: number;
}
export type ProjectWithStats = Project & {
  stats?: { active?: ProjectStats; archived?: ProjectStats };
  sub_projects?: { id: string; name: string }[];
  own_tasks?: number;
};

/** queues.get_queue_metrics: one queue's (or all queues' combined) length and average wait over time. */
export interface QueueSeries {
  queue: string;
  dates: number[];
  avg_waiting_times: number[];
  queue_lengths: number[];
}

/** metric -> variant -> {name, count}, as events.get_scalar_metrics_and_variants answers. */
export type MetricList = Record<string, Record<string, { name: string; count: number }>>;
/**
 * Taskdeck extension (asked for with `band: true`): per bucket of a bucketed series, its first and last x
 * and its lowest and highest value, two entries a bucket.
 */
export interface ScalarBand {
  x: number[];
  min: number[];
  max: number[];
}
/** One series of a scalar histogram. */
export interface HistogramSeries {
  name: string;
  x: (number | string)[];
  y: number[];
  band?: ScalarBand;
}
/** metric -> variant -> series, as events.scalar_metrics_iter_histogram answers. */
export type Histogram = Record<string, Record<string, HistogramSeries>>;
/** metric -> variant -> task -> series, as events.multi_task_scalar_metrics_iter_histogram answers. */
export type MultiHistogram = Record<string, Record<string, Record<string, HistogramSeries>>>;

/** One console event (events.get_task_log). */
export interface LogEventDoc extends EventDoc {
  level: string;
  worker?: string;
  msg: string;
  /** Where the line is in the task's log, for paging with `from_pos`. */
  pos: number;
}

/** One event as the events API returns it: the document as sent, plus the server's fields. */
export interface EventDoc {
  type: string;
  task: string;
  timestamp: number;
  iter?: number;
  metric?: string;
  variant?: string;
  value?: number;
  [k: string]: unknown;
}

/** A plot, debug image or vector event: always placed at a metric, variant and iteration. */
export interface DocumentEvent extends EventDoc {
  iter: number;
  metric: string;
  variant: string;
}

/** One plot event (events.get_task_plots and the plot samples); `plot_str` is the Plotly figure as the SDK sent it. */
export interface PlotEvent extends DocumentEvent {
  plot_str?: string;
}

/** One debug-image event (events.debug_images and the image samples). */
export interface ImageEvent extends DocumentEvent {
  url?: string;
  key?: string;
}

/** A single value a task reported (events.get_task_single_value_metrics). */
export interface SingleValue {
  metric: string;
  variant: string;
  value: number;
  timestamp: number;
}

export type { Model, Project, Queue, Task };
