/**
 * Which user actions a task's state allows, and why not when it does not. Built on the
 * lifecycle table (task-state.ts) so the dashboard offers exactly what the server accepts.
 */
import type { Task } from './api/records';
import { canTransition, STATUS_LABELS, type TaskStatus } from './task-state';

export const USER_ACTIONS = [
  'edit',
  'clone',
  'enqueue',
  'dequeue',
  'abort',
  'reset',
  'complete',
  'fail',
  'publish',
  'archive',
  'restore',
  'delete',
  'move',
  'tags',
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export type ActionSubject = Pick<Task, 'status' | 'system_tags'>;

const label = (s: TaskStatus) => STATUS_LABELS[s];
const archived = (t: ActionSubject) => t.system_tags.includes('archived');

/** Null when the action is allowed for this task, else a sentence saying why not. */
export function actionBlocker(action: UserAction, t: ActionSubject): string | null {
  const s = t.status;
  switch (action) {
    case 'edit':
      return s === 'created' ? null : 'Only Draft tasks can be edited — clone it to change its settings';
    case 'clone':
    case 'move':
    case 'tags':
      return null;
    case 'enqueue':
      if (archived(t)) return 'Archived tasks cannot be enqueued — restore it first';
      return canTransition(s, 'queued')
        ? null
        : `A ${label(s)} task cannot be enqueued — only Draft, Aborted or Failed tasks can (reset or clone it)`;
    case 'dequeue':
      return s === 'queued' ? null : 'Only Pending tasks can be dequeued';
    case 'abort':
      return s === 'queued' || s === 'in_progress' ? null : 'Only Pending or Running tasks can be aborted';
    case 'reset':
      if (s === 'published') return 'Published tasks are read-only and cannot be reset — clone it instead';
      return s !== 'created' && canTransition(s, 'created') ? null : `A ${label(s)} task has nothing to reset`;
    case 'complete':
      return canTransition(s, 'completed') ? null : `A ${label(s)} task cannot be marked completed`;
    case 'fail':
      return canTransition(s, 'failed') ? null : `A ${label(s)} task cannot be marked failed`;
    case 'publish':
      return canTransition(s, 'published')
        ? null
        : s === 'published'
          ? 'Already published'
          : 'Only Completed, Aborted or Failed tasks can be published';
    case 'archive':
      return archived(t) ? 'Already archived' : null;
    case 'restore':
      return archived(t) ? null : 'Only archived tasks can be restored';
    case 'delete':
      if (s === 'in_progress') return 'A Running task cannot be deleted — abort it first';
      return s === 'created' || archived(t) ? null : 'Archive the task first: only Draft or archived tasks can be deleted';
  }
}

/** ClearML's bulk rule: the tasks of a selection an action applies to, those that can take it. */
export function eligibleFor<T extends ActionSubject>(action: UserAction, tasks: T[]): T[] {
  return tasks.filter((t) => !actionBlocker(action, t));
}

/**
 * Why an action is refused for a selection: none of its tasks can take it (null: at least one can, and the action goes
 * to those, as in ClearML's web app: abort the running tasks of a half-finished sweep).
 */
export function bulkBlocker(action: UserAction, tasks: ActionSubject[]): string | null {
  if (!tasks.length) return 'Select tasks first';
  if (eligibleFor(action, tasks).length) return null;
  const why = actionBlocker(action, tasks[0])!;
  return tasks.length === 1 ? why : `None of the selected tasks: ${why}`;
}
