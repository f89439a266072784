/**
 * The tables as Kysely sees them, the same on SQLite and PostgreSQL: text ids and ISO times,
 * flags as 0/1 integers, the full record as JSON text in `doc`. Columns hold what is filtered,
 * sorted or counted; tags live in their own tables; queue entries are rows with a position.
 */
import type { Generated } from 'kysely';
import type { WorkerStatRow } from '../store';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: string;
  name: string;
  company: string;
  created: string;
  login: string;
  role: string;
  disabled: number;
  password_hash: string | null;
}

/** A user's dashboard preferences: one JSON object (users.get_preferences). */
export interface UserPreferencesTable {
  user_id: string;
  doc: string;
}

export interface CredentialsTable {
  access_key: string;
  secret_hash: string;
  user_id: string;
  created: string;
  label: string;
  revoked: string | null;
  last_used: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created: string;
  last_seen: number;
}

export interface ProjectsTable {
  id: string;
  name: string;
  parent: string | null;
  created: string;
  last_update: string;
  system_tags: string;
  hidden: number;
  doc: string;
}

export interface TasksTable {
  id: string;
  name: string;
  project: string | null;
  type: string;
  status: string;
  user: string;
  parent: string | null;
  comment: string;
  created: string;
  started: string | null;
  completed: string | null;
  last_update: string;
  last_iteration: number;
  tags: string;
  system_tags: string;
  hidden: number;
  archived: number;
  doc: string;
}

/** One row per tag of a task or model; `system` is 1 for system tags. */
export interface TagsTable {
  owner: string;
  system: number;
  tag: string;
}

export interface ModelsTable {
  id: string;
  name: string;
  project: string | null;
  task: string | null;
  user: string;
  comment: string;
  created: string;
  last_update: string;
  ready: number;
  framework: string | null;
  tags: string;
  system_tags: string;
  /** The highest iteration of the model's events (null until it has some). */
  last_iteration: number | null;
  doc: string;
}

/**
 * `last_metrics` of a task (task_metrics) or model (model_metrics): one row per metric and variant,
 * keyed by their md5 as ClearML keys them. Kept apart from the document so that storing events
 * updates these rows only.
 */
export interface MetricsTable {
  owner: string;
  metric_hash: string;
  variant_hash: string;
  metric: string;
  variant: string;
  value: number | null;
  iter: number | null;
  timestamp: number | null;
  min_value: number | null;
  min_value_iteration: number | null;
  max_value: number | null;
  max_value_iteration: number | null;
  first_value: number | null;
  first_value_iteration: number | null;
  /** Distinct points stored for the series (a resent point is not counted again). */
  count: number;
  /** The stored points' total of values, for their mean; null where points were stored before it was kept. */
  total: number | null;
}

export interface QueuesTable {
  id: string;
  name: string;
  created: string;
  doc: string;
}

export interface QueueEntriesTable {
  queue: string;
  position: number;
  task: string;
  added: string;
}

/** Tasks per project (''), status and flags, kept current by the task repository. */
export interface TaskCountsTable {
  project: string;
  status: string;
  hidden: number;
  archived: number;
  /** The tasks' user: totals per user are what a member's own work (active_users) reads. */
  user: string;
  n: number;
  /** Seconds run by the group's tasks that ended (or stopped running). */
  runtime: number;
  /** Tasks of the group still running (in progress, not completed), and the sum of their start times (epoch seconds). */
  open_n: number;
  open_started: number;
}

/**
 * One row per hyperparameter of a task, kept current by the task repository, so a sort or range
 * filter on a parameter reads an index instead of every task's document. `value` is the first
 * VALUE_PREFIX characters of the value (a sort key; the whole value stays in `doc`), `num` the value
 * as a number when it reads as a finite one.
 */
export interface TaskParamsTable {
  task: string;
  section: string;
  name: string;
  value: string;
  num: number | null;
}

/** Tasks per project ('' for none) holding each hyperparameter: with task_counts, whether any task lacks it. */
export interface TaskParamCountsTable {
  section: string;
  name: string;
  project: string;
  n: number;
}

/**
 * Tasks per project ('' for none) holding each metric series (a task_metrics row), kept by triggers on
 * task_metrics and tasks: the series a project's tasks report, and with task_counts whether any task lacks one.
 */
export interface TaskMetricCountsTable {
  metric_hash: string;
  variant_hash: string;
  project: string;
  metric: string;
  variant: string;
  n: number;
}

export interface WorkersTable {
  id: string;
  /** Epoch ms after which the worker is gone. */
  expires: number;
  doc: string;
}

/** A queue's length and mean waiting time (seconds) at an epoch ms. */
export interface QueueSamplesTable {
  queue: string;
  at: number;
  length: number;
  avg_wait: number;
}

/** A row of worker_stats is the store's WorkerStatRow as it is: no column is generated or renamed. */
export type WorkerStatsTable = WorkerStatRow;

/** One failed (or still running) sign-in attempt, counted against `key` (an address or an account). */
export interface LoginFailuresTable {
  id: string;
  key: string;
  at: number;
}

export interface MigrationsTable {
  version: number;
  applied: Generated<string>;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  projects: ProjectsTable;
  tasks: TasksTable;
  task_tags: TagsTable;
  models: ModelsTable;
  model_tags: TagsTable;
  queues: QueuesTable;
  queue_entries: QueueEntriesTable;
  workers: WorkersTable;
  queue_samples: QueueSamplesTable;
  worker_stats: WorkerStatsTable;
  login_failures: LoginFailuresTable;
  task_counts: TaskCountsTable;
  user_preferences: UserPreferencesTable;
  task_metrics: MetricsTable;
  model_metrics: MetricsTable;
  task_params: TaskParamsTable;
  task_param_counts: TaskParamCountsTable;
  task_metric_counts: TaskMetricCountsTable;
}
