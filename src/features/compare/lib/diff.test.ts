import { expect, it } from 'vitest';
import type { Task } from '../../../shared/api/records';
import { compareRows, differsFromBase } from './diff';

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

it('compares the execution, models, artifacts and info a ClearML compare shows, a user by name', () => {
  const a = task('0.1', {
    script: { entry_point: 'train.py', diff: '+x' },
    container: { image: 'python:3.11' },
    models: { input: [{ name: 'pretrained', model: 'm1' }], output: [] },
    execution: { artifacts: [{ key: 'data', mode: 'input', hash: 'h1' }] },
    tags: ['b', 'a'],
    user: 'u1',
  } as unknown as Partial<Task>);
  const b = task('0.1', {
    script: { entry_point: 'train.py' },
    container: { image: 'python:3.11' },
    models: { input: [{ name: 'pretrained', model: 'm2' }], output: [] },
    execution: { artifacts: [{ key: 'data', mode: 'input', hash: 'h1' }] },
    tags: ['a', 'b'],
    user: 'u2',
  } as unknown as Partial<Task>);
  const rows = compareRows(
    [a, b],
    (id) => ({ u1: 'Ann', u2: 'Bob' })[id] ?? id,
    (id) => ({ m1: 'resnet', m2: 'resnet' })[id] ?? id,
  );
  const of = (key: string) => rows.find((r) => r.key === key)!;
  expect(of('uncommitted changes')).toMatchObject({ values: ['+x', undefined], differs: true });
  expect(of('container image')).toMatchObject({ values: ['python:3.11', 'python:3.11'], differs: false });
  // Two models of one name: shown alike, told apart.
  expect(of('input models')).toMatchObject({ values: ['pretrained: resnet', 'pretrained: resnet'], differs: true });
  expect(of('artifacts')).toMatchObject({ values: ['data (input): h1', 'data (input): h1'], differs: false });
  expect(of('tags')).toMatchObject({ values: ['a, b', 'a, b'], differs: false });
  expect(of('user')).toMatchObject({ values: ['Ann', 'Bob'], differs: true });
});

it('tells which values differ from the baseline task, a missing one too', () => {
  const c = task('0.3');
  delete (c.hyperparams.Args as Record<string, unknown>).epochs;
  const rows = compareRows([task('0.1'), task('0.2'), task('0.1'), c]);
  const lr = rows.find((r) => r.key === 'lr')!;
  expect(differsFromBase(lr, 0)).toEqual([false, true, false, true]);
  expect(differsFromBase(lr, 1)).toEqual([true, false, true, true]);
  const epochs = rows.find((r) => r.key === 'epochs')!;
  expect(differsFromBase(epochs, 0)).toEqual([false, false, false, true]);
  expect(differsFromBase(epochs, 3)).toEqual([true, true, true, false]);
});

it('tells two models of one name apart from the baseline by id', () => {
  const withModel = (id: string, model: string) =>
    task(id, { models: { input: [{ name: 'init', model }], output: [] } } as never);
  const rows = compareRows(
    [withModel('0.1', 'm1'), withModel('0.1', 'm2'), withModel('0.1', 'm1')],
    undefined,
    () => 'same name',
  );
  const input = rows.find((r) => r.key === 'input models')!;
  expect(input.values).toEqual(['init: same name', 'init: same name', 'init: same name']);
  expect(differsFromBase(input, 0)).toEqual([false, true, false]);
});
