import { expect, it } from 'vitest';
import type { Task } from '../../../shared/api/records';
import { compareRows } from './diff';

const task = (lr: string, extra: Partial<Task> = {}) =>
  ({
    id: lr,
    name: `t${lr}`,
    status: 'completed',
    type: 'training',
    last_iteration: 10,
    hyperparams: {
      Args: { lr: { section: 'Args', name: 'lr', value: lr }, epochs: { section: 'Args', name: 'epochs', value: '5' } },
    },
    configuration: {},
    script: { entry_point: 'train.py' },
    last_metrics: {},
    ...extra,
  }) as unknown as Task;

it('marks the rows whose values differ between tasks', () => {
  const rows = compareRows([task('0.1'), task('0.2'), task('0.1')]);
  const lr = rows.find((r) => r.key === 'lr')!;
  expect(lr.values).toEqual(['0.1', '0.2', '0.1']);
  expect(lr.differs).toBe(true);
  expect(rows.find((r) => r.key === 'epochs')!.differs).toBe(false);
  expect(rows.find((r) => r.key === 'entry_point')!.differs).toBe(false);
});

it('treats a parameter missing from one task as a difference', () => {
  const b = task('0.1');
  delete (b.hyperparams.Args as Record<string, unknown>).epochs;
  const rows = compareRows([task('0.1'), b]);
  expect(rows.find((r) => r.key === 'epochs')).toMatchObject({ values: ['5', undefined], differs: true });
});
