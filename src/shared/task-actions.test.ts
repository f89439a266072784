import { describe, expect, it } from 'vitest';
import { actionBlocker, bulkBlocker, eligibleFor } from './task-actions';
import type { TaskStatus } from './task-state';

const t = (status: TaskStatus, archived = false) => ({ status, system_tags: archived ? ['archived'] : [] });

describe('actions by state', () => {
  it('offers edit only on Drafts, with the reason elsewhere', () => {
    expect(actionBlocker('edit', t('created'))).toBeNull();
    expect(actionBlocker('edit', t('completed'))).toMatch(/Only Draft tasks can be edited — clone it/);
    expect(actionBlocker('edit', t('published'))).toMatch(/Only Draft/);
  });

  it('follows the lifecycle table for enqueue, abort, reset and publish', () => {
    expect(actionBlocker('enqueue', t('created'))).toBeNull();
    expect(actionBlocker('enqueue', t('stopped'))).toBeNull();
    expect(actionBlocker('enqueue', t('completed'))).toMatch(/cannot be enqueued/);
    expect(actionBlocker('abort', t('in_progress'))).toBeNull();
    expect(actionBlocker('abort', t('completed'))).not.toBeNull();
    expect(actionBlocker('reset', t('published'))).toMatch(/read-only/);
    expect(actionBlocker('reset', t('failed'))).toBeNull();
    expect(actionBlocker('publish', t('completed'))).toBeNull();
    expect(actionBlocker('publish', t('created'))).not.toBeNull();
    expect(actionBlocker('dequeue', t('queued'))).toBeNull();
  });

  it('deletes only Drafts or archived tasks, and never running ones', () => {
    expect(actionBlocker('delete', t('created'))).toBeNull();
    expect(actionBlocker('delete', t('completed'))).toMatch(/Archive the task first/);
    expect(actionBlocker('delete', t('completed', true))).toBeNull();
    expect(actionBlocker('delete', t('in_progress', true))).toMatch(/abort it first/);
  });

  it('allows a bulk action only when every task allows it', () => {
    expect(bulkBlocker('archive', [t('created'), t('completed')])).toBeNull();
    // ClearML's rule: offered when any task can take it (it goes to those).
    expect(bulkBlocker('enqueue', [t('created'), t('completed')])).toBeNull();
    expect(bulkBlocker('enqueue', [t('completed'), t('published')])).toMatch(/None of the selected tasks/);
    expect(eligibleFor('abort', [t('in_progress'), t('completed'), t('queued')]).map((x) => x.status)).toEqual([
      'in_progress',
      'queued',
    ]);
    expect(bulkBlocker('archive', [])).toBe('Select tasks first');
  });
});
