/**
 * Task types and states as the ClearML API names them, plus the lifecycle table.
 * This file is the single source of truth: the server enforces it and the
 * dashboard uses it to decide which actions to offer.
 */

export const TASK_TYPES = [
  'training',
  'testing',
  'inference',
  'data_processing',
  'application',
  'monitor',
  'controller',
  'optimizer',
  'service',
  'qc',
  'custom',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_STATUSES = [
  'created',
  'queued',
  'in_progress',
  'stopped',
  'published',
  'publishing',
  'closed',
  'failed',
  'completed',
  'unknown',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The names a person sees for each status (ClearML's web app wording). */
export const STATUS_LABELS: Record<TaskStatus, string> = {
  created: 'Draft',
  queued: 'Pending',
  in_progress: 'Running',
  stopped: 'Aborted',
  published: 'Published',
  publishing: 'Publishing',
  closed: 'Closed',
  failed: 'Failed',
  completed: 'Completed',
  unknown: 'Unknown',
};

/** Which status may follow which. Anything not listed is refused. */
export const TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  created: ['queued', 'in_progress'],
  queued: ['created', 'in_progress', 'stopped'],
  in_progress: ['stopped', 'failed', 'created', 'completed'],
  stopped: ['created', 'queued', 'in_progress', 'completed', 'failed', 'published', 'closed'],
  failed: ['created', 'queued', 'stopped', 'published'],
  completed: ['published', 'in_progress', 'created'],
  published: [],
  publishing: ['published'],
  closed: ['created'],
  unknown: ['created'],
};

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses that can never be changed, not even with `force`. */
export const FROZEN_STATUSES: readonly TaskStatus[] = ['published'];

/** Only a Draft takes edits of its execution and configuration (unless forced). */
export function isEditable(status: TaskStatus): boolean {
  return status === 'created';
}

/** The user-facing actions and the status each one moves a task to. */
export const ACTION_TARGETS = {
  enqueue: 'queued',
  dequeue: 'created',
  start: 'in_progress',
  abort: 'stopped',
  reset: 'created',
  complete: 'completed',
  fail: 'failed',
  publish: 'published',
  close: 'closed',
} as const satisfies Record<string, TaskStatus>;
export type TaskAction = keyof typeof ACTION_TARGETS;

export function isActionAllowed(action: TaskAction, status: TaskStatus): boolean {
  return canTransition(status, ACTION_TARGETS[action]);
}

/** A sentence telling a person why an action is not offered for a task in this status. */
export function whyNotAllowed(action: TaskAction, status: TaskStatus): string | null {
  if (isActionAllowed(action, status)) return null;
  const label = STATUS_LABELS[status];
  if (status === 'published') return `${label} tasks are read-only — clone it to run it again`;
  return `Cannot ${action} a ${label} task`;
}
