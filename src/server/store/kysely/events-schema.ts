/** The events tables as Kysely sees them, the same on SQLite and PostgreSQL. */
import type { Generated } from 'kysely';
import type { ChunkSummary, GroupSummary } from './events-chunks';

export interface ScalarSeriesTable {
  id: Generated<number>;
  task: string;
  metric: string;
  variant: string;
  count: number;
}

export interface ScalarPointsTable {
  series: number;
  seq: number;
  points: Uint8Array;
}

/** One row per console event; `line` numbers its first line within the task's console. */
export interface TaskLogsTable {
  pos: Generated<number>;
  task: string;
  ts: number;
  level: string;
  worker: string;
  msg: string;
  line: number;
  lines: number;
}

/** Per task: console lines and rows so far, kept on insert so that nothing counts per request. */
export interface TaskLogStatsTable {
  task: string;
  lines: number;
  rows: number;
}

/** Plots, debug images, vectors...: one row per (task, type, iter, metric, variant), as ClearML's event id. */
export interface TaskEventsTable {
  pos: Generated<number>;
  task: string;
  type: string;
  iter: number;
  metric: string;
  variant: string;
  ts: number;
  body: string;
}

export interface EventTables {
  scalar_series: ScalarSeriesTable;
  scalar_chunks: ChunkSummary;
  scalar_points: ScalarPointsTable;
  scalar_groups: GroupSummary;
  task_logs: TaskLogsTable;
  task_log_stats: TaskLogStatsTable;
  task_events: TaskEventsTable;
}
