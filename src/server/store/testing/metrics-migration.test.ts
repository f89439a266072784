/**
 * The upgrade that moves last_metrics out of the task and model documents into task_metrics and
 * model_metrics: a store written before it reads every metric back after it, on either database.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LastMetrics } from '../../../shared/api/records';
import type { Store } from '../store';
import { storeBeforeStep, type Insert } from './store-before-step';

const STAMP = '2026-01-01T00:00:00.000+00:00';
const hex = (s: string) => createHash('md5').update(s).digest('hex');
const [LOSS, TRAIN, VAL, ACC, TOP1] = ['loss', 'train', 'val', 'acc', 'top1'].map(hex);

// Written by hand as the release before the step stored them (ClearML's shape); one entry lacks the
// fields older releases did not write (first value, count), one metric holds no object at all.
const TASK_METRICS: LastMetrics = {
  [LOSS]: {
    [TRAIN]: {
      metric: 'loss',
      variant: 'train',
      value: 0.25,
      iter: 99,
      timestamp: 1_700_000_000_099,
      min_value: 0.125,
      min_value_iteration: 80,
      max_value: 2.5,
      max_value_iteration: 0,
      first_value: 2.5,
      first_value_iteration: 0,
      count: 100,
    },
    [VAL]: {
      metric: 'loss',
      variant: 'val',
      value: -3,
      iter: 7,
      timestamp: 1_700_000_000_007,
      min_value: -3,
      max_value: 1e300,
    },
  },
};
const MODEL_METRICS: LastMetrics = {
  [ACC]: {
    [TOP1]: {
      metric: 'acc',
      variant: 'top1',
      value: 0.75,
      iter: 12,
      timestamp: 1_700_000_000_012,
      min_value: 0.5,
      min_value_iteration: 1,
      max_value: 0.75,
      max_value_iteration: 12,
      count: 12,
    },
  },
};

function taskRow(id: string, lm: unknown) {
  const doc = {
    id,
    name: id,
    type: 'training',
    status: 'completed',
    last_update: STAMP,
    last_iteration: 99,
    last_metrics: lm,
    tags: [],
  };
  return {
    id,
    name: id,
    type: 'training',
    status: 'completed',
    user: 'u1',
    created: STAMP,
    last_update: STAMP,
    last_iteration: 99,
    doc: JSON.stringify(doc),
  };
}
const modelRow = (id: string, lm: unknown) => ({
  id,
  name: id,
  created: STAMP,
  last_update: STAMP,
  ready: 0,
  doc: JSON.stringify({ id, name: id, last_update: STAMP, last_iteration: 12, last_metrics: lm }),
});

/** The rows an older store held, written through the database's own driver at the version before the step. */
async function seedOld(insert: Insert) {
  await insert('tasks', taskRow('t-metrics', TASK_METRICS));
  await insert('tasks', taskRow('t-none', undefined));
  await insert('tasks', taskRow('t-odd', { ff66ff66ff66ff66ff66ff66ff66ff66: 'not an object' }));
  await insert('models', modelRow('m-metrics', MODEL_METRICS));
  await insert('models', modelRow('m-none', undefined));
}

let store: Store;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, close } = await storeBeforeStep(
    { sqlite: 'CREATE TABLE task_metrics', postgres: 'CREATE TABLE task_metrics' },
    seedOld,
  ));
});
afterAll(() => close?.());

it('reads every metric of a task back from its rows, in ClearML shape', async () => {
  const t = await store.tasks.get('t-metrics');
  expect(t?.last_metrics).toEqual({
    [LOSS]: {
      [TRAIN]: TASK_METRICS[LOSS][TRAIN],
      // Fields the old record lacked stay absent; count reads 0.
      [VAL]: { ...TASK_METRICS[LOSS][VAL], count: 0 },
    },
  });
  expect(t?.last_iteration).toBe(99);
  expect((await store.tasks.get('t-none'))?.last_metrics).toEqual({});
  expect((await store.tasks.get('t-odd'))?.last_metrics).toEqual({});
  const listed = await store.tasks.query({ ids: ['t-metrics', 't-none'], orderBy: [{ field: 'id', desc: false }] });
  expect(listed.map((x) => Object.keys(x.last_metrics).length)).toEqual([1, 0]);
});

it('reads a model metric back, and a model without any has no last_metrics', async () => {
  const m = await store.models.get('m-metrics');
  expect(m?.last_metrics).toEqual(MODEL_METRICS);
  expect(m?.last_iteration).toBe(12);
  expect((await store.models.get('m-none'))?.last_metrics).toBeUndefined();
});

it('sorts by a migrated metric and folds new points into the migrated row', async () => {
  const field = `last_metrics.${LOSS}.${TRAIN}.min_value`;
  const sorted = await store.tasks.query({ ids: ['t-metrics', 't-none', 't-odd'], orderBy: [{ field, desc: true }] });
  expect(sorted[0].id).toBe('t-metrics');
  await store.tasks.recordEvents([
    {
      id: 't-metrics',
      lastUpdate: '2026-02-01T00:00:00.000+00:00',
      maxIter: 100,
      metrics: [
        {
          metric: 'loss',
          variant: 'train',
          value: 0.0625,
          iter: 100,
          timestamp: 1_700_000_000_100,
          min_value: 0.0625,
          min_value_iteration: 100,
          max_value: 0.0625,
          max_value_iteration: 100,
          first_value: 0.0625,
          first_value_iteration: 100,
          added: 1,
          // A total added to a row migrated without one leaves its mean unknown (no mean_value below).
          total: 0.0625,
        },
      ],
    },
  ]);
  const t = await store.tasks.get('t-metrics');
  expect(t?.last_metrics[LOSS][TRAIN]).toEqual({
    ...TASK_METRICS[LOSS][TRAIN],
    value: 0.0625,
    iter: 100,
    timestamp: 1_700_000_000_100,
    min_value: 0.0625,
    min_value_iteration: 100,
    count: 101,
  });
  expect(t?.last_metrics[LOSS][VAL]).toMatchObject({ value: -3, count: 0 });
  expect(t?.last_iteration).toBe(100);
  expect(t?.last_update).toBe('2026-02-01T00:00:00.000+00:00');
});
