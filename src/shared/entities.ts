/**
 * The records the API returns, shaped as the ClearML API shapes them.
 * Dates are ISO-8601 strings; hyper-parameter values are always strings.
 */
import type { TaskStatus, TaskType } from './task-state';

export interface ParamsItem {
  section: string;
  name: string;
  value: string;
  type?: string;
  description?: string;
}

export interface ConfigurationItem {
  name: string;
  value: string;
  type?: string;
  description?: string;
}

export type HyperParams = Record<string, Record<string, ParamsItem>>;
export type Configuration = Record<string, ConfigurationItem>;

export type Artifact = {
  key: string;
  type: string;
  mode?: 'input' | 'output';
  uri?: string;
  hash?: string;
  content_size?: number;
  timestamp?: number;
  type_data?: { preview?: string; content_type?: string; data_hash?: string };
  display_data?: [string, string][];
};

export interface TaskModelRef {
  name: string;
  model: string;
  updated?: string;
}

export interface Script {
  binary?: string;
  repository?: string;
  tag?: string;
  branch?: string;
  version_num?: string;
  entry_point?: string;
  working_dir?: string;
  requirements?: Record<string, unknown>;
  diff?: string;
}

export interface LastMetricsEvent {
  metric: string;
  variant: string;
  value: number;
  min_value: number;
  min_value_iteration?: number;
  max_value: number;
  max_value_iteration?: number;
  first_value?: number;
  first_value_iteration?: number;
  count?: number;
  iter: number;
  timestamp: number;
}

/** md5(metric) -> md5(variant) -> event, as ClearML keys them. */
export type LastMetrics = Record<string, Record<string, LastMetricsEvent>>;

export interface Task {
  id: string;
  name: string;
  user: string;
  company: string;
  type: TaskType;
  status: TaskStatus;
  status_reason: string;
  status_message: string;
  status_changed?: string;
  comment: string;
  created: string;
  started?: string | null;
  completed?: string | null;
  published?: string | null;
  active_duration?: number | null;
  last_update: string;
  last_change?: string;
  last_changed_by?: string;
  last_worker?: string;
  last_iteration: number;
  last_metrics: LastMetrics;
  project: string | null;
  parent: string | null;
  tags: string[];
  system_tags: string[];
  script: Script;
  execution: {
    queue?: string | null;
    artifacts: Artifact[];
    parameters: Record<string, string>;
    model_labels?: Record<string, number>;
    docker_cmd?: string;
    [k: string]: unknown;
  };
  output: { destination?: string | null; error?: string; result?: string; [k: string]: unknown };
  models: { input: TaskModelRef[]; output: TaskModelRef[] };
  hyperparams: HyperParams;
  configuration: Configuration;
  container: Record<string, string>;
  runtime: Record<string, unknown>;
}

/** What every named, owned record carries. */
export interface OwnedRecord {
  id: string;
  name: string;
  user: string;
  company: string;
  created: string;
  last_update: string;
  tags: string[];
  system_tags: string[];
}

export interface Project extends OwnedRecord {
  basename: string;
  description: string;
  default_output_destination?: string | null;
  parent?: string | null;
}

export interface Model extends OwnedRecord {
  task: string | null;
  parent: string | null;
  project: string | null;
  comment: string;
  framework: string | null;
  design: Record<string, unknown>;
  labels: Record<string, number>;
  uri: string | null;
  ready: boolean;
  public?: boolean;
  metadata?: Record<string, ModelMetadataItem>;
  last_change?: string;
  /** From model events (`events.add_batch` with `model_event: true`), as for tasks. */
  last_iteration?: number;
  last_metrics?: LastMetrics;
}

export interface ModelMetadataItem {
  key: string;
  type?: string;
  value?: string;
}

export interface QueueEntry {
  task: string;
  added: string;
}

export interface Queue extends OwnedRecord {
  display_name?: string;
  entries: QueueEntry[];
  metadata?: Record<string, unknown>;
}

export type EventType = 'log' | 'training_stats_scalar' | 'plot' | 'training_debug_image';

export interface LogEvent {
  type: 'log';
  task: string;
  timestamp: number;
  level: string;
  worker?: string;
  msg: string;
}

export interface MetricEvent {
  type: 'plot' | 'training_debug_image';
  task: string;
  timestamp: number;
  iter: number;
  metric: string;
  variant: string;
  plot_str?: string;
  url?: string;
  key?: string;
  [k: string]: unknown;
}

export interface ScalarSeries {
  name: string;
  x: (number | string)[];
  y: number[];
}
/** metric -> variant -> series */
export type ScalarHistogram = Record<string, Record<string, ScalarSeries>>;
