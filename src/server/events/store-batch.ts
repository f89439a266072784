import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';
import { errors, type ApiError } from '../http/errors';
import { isoNow } from '../ids';
import type { Change, ChangeKind } from '../live/hub';
import type { EventProgress, LogRow, ScalarPoint, Store, StoredEvent } from '../store/store';
import type { CheckedBatch } from './checked-batch';
import { foldSeries } from './metric-folds';

/** What one add_batch answers. */
export type BatchResult = {
  added: number;
  errors: number;
  errors_info: Record<string, number>;
};

/** A stored batch: its answer, and what open dashboards should refetch (each owner that took events, by the kinds it took). */
export interface Stored {
  result: BatchResult;
  changes: Change[];
}

/** What a batch is stored with besides its events: the request's time and the worker that sent it. */
export interface BatchOrigin {
  now: number;
  worker: string;
}

const EVENT_KINDS: Record<string, ChangeKind> = {
  training_stats_scalar: 'scalars',
  log: 'log',
  plot: 'plots',
  training_debug_image: 'samples',
};

/**
 * One batch's writes, inside the writer's transaction (on the writer thread's store, or the server's).
 * A batch refused as a whole (none of its events could be stored) is returned as its error before
 * anything is written, so that the batches committed with it are not affected.
 */
export async function storeBatch(store: Store, b: CheckedBatch, { now, worker }: BatchOrigin): Promise<Stored | ApiError> {
  const errorsInfo: Record<string, number> = {};
  const fail = (msg: string) => (errorsInfo[msg] = (errorsInfo[msg] ?? 0) + 1);
  for (const why of b.refusedWhy) fail(why);
  const { owners, ownerIsModel, names, scalars: s } = b;

  // The owners' status columns, read once (no document): an unknown or published owner refuses all its
  // events (published: unless allowed).
  const taskIds = owners.filter((_, o) => !ownerIsModel[o]);
  const modelIds = owners.filter((_, o) => ownerIsModel[o]);
  const statuses = await store.tasks.statuses(taskIds);
  const readiness = await store.models.readiness(modelIds);
  const unknown: (string | undefined)[] = [];
  const published: (string | undefined)[] = [];
  for (let o = 0; o < owners.length; o++) {
    const id = owners[o];
    if (ownerIsModel[o]) {
      const ready = readiness.get(id);
      if (ready === undefined) unknown[o] = `unknown model id ${id}`;
      else if (ready) published[o] = `model ${id} is published and takes no more events`;
    } else {
      const status = statuses.get(id);
      if (status === undefined) unknown[o] = `unknown task id ${id}`;
      else if (status === 'published') published[o] = `task ${id} is published and takes no more events`;
    }
  }

  const scalars: ScalarPoint[] = [];
  const logs: Omit<LogRow, 'pos' | 'line' | 'lines'>[] = [];
  const others: Omit<StoredEvent, 'pos'>[] = [];
  const maxIter = new Map<number, number>();
  const kinds = new Map<string, Change>();
  const took = new Set<number>();
  const ownerIndex = new Map(owners.map((id, o) => [id, o]));
  let added = 0;
  let row = 0;
  let other = 0;
  for (let k = 0; k < b.order.length; k++) {
    const isScalar = b.order[k] === 0;
    const r = isScalar ? row++ : -1;
    const e = isScalar ? undefined : b.others[other++];
    const o = isScalar ? s.owner[r] : ownerIndex.get(e!.task)!;
    if (unknown[o]) {
      fail(unknown[o]);
      continue;
    }
    if (ownerIsModel[o] && e?.type === 'log') {
      fail('log events are not stored for models');
      continue;
    }
    if (published[o] && !(isScalar ? s.allowLocked[r] : e!.allow_locked)) {
      fail(published[o]);
      continue;
    }
    const id = owners[o];
    let iter: number;
    if (isScalar) {
      if (Number.isNaN(s.value[r])) {
        fail('scalar event without a numeric value');
        continue;
      }
      iter = Number.isNaN(s.iter[r]) ? 0 : s.iter[r];
      const timestamp = Number.isNaN(s.timestamp[r]) ? now : s.timestamp[r];
      scalars.push({ task: id, metric: names[s.metric[r]], variant: names[s.variant[r]], iter, value: s.value[r], timestamp });
    } else {
      const ev = e!;
      const timestamp = ev.timestamp ?? now;
      iter = ev.iter ?? 0;
      const metric = ev.metric ?? '';
      const variant = ev.variant ?? '';
      if (ev.type === 'log') {
        logs.push({ task: id, timestamp, level: ev.level ?? 'info', worker: ev.worker ?? worker, msg: ev.msg ?? '' });
      } else {
        const { allow_locked: _a, model_event: _m, model: _o, ...body } = ev;
        others.push({
          task: id,
          type: ev.type,
          iter,
          metric,
          variant,
          timestamp,
          body: { ...body, timestamp, iter, metric, variant, ...(ev.model_event ? { model_event: true } : {}) },
        });
      }
    }
    const type = isScalar ? 'training_stats_scalar' : e!.type;
    if (type !== 'log' && iter !== SINGLE_VALUE_ITERATION) maxIter.set(o, Math.max(maxIter.get(o) ?? 0, iter));
    const kind: ChangeKind = ownerIsModel[o] ? 'model' : (EVENT_KINDS[type] ?? 'plots');
    kinds.set(`${kind}:${id}`, { kind, id });
    took.add(o);
    added++;
  }
  if (!added && b.total) {
    return errors.eventsNotAdded(`No events were added: ${Object.keys(errorsInfo).join('; ')}`, { errors_info: errorsInfo });
  }
  await writeBatch(
    store,
    { scalars, logs, others },
    [...took].map((o) => ({ id: owners[o], isModel: ownerIsModel[o], maxIter: maxIter.get(o) })),
  );
  return { result: { added, errors: b.total - added, errors_info: errorsInfo }, changes: [...kinds.values()] };
}

/**
 * The writes of one checked batch: its events, then each owner that took events moves its last update,
 * last iteration and last metrics by targeted statements (no document is read or rewritten). Runs
 * inside the writer's transaction.
 */
async function writeBatch(
  store: Store,
  rows: { scalars: ScalarPoint[]; logs: Omit<LogRow, 'pos' | 'line' | 'lines'>[]; others: Omit<StoredEvent, 'pos'>[] },
  owners: { id: string; isModel: boolean; maxIter?: number }[],
) {
  const added = await store.events.addScalars(rows.scalars);
  await store.events.addLogs(rows.logs);
  await store.events.addEvents(rows.others);
  const folds = foldSeries(rows.scalars, added);
  const stamp = isoNow();
  const progress = (o: { id: string; maxIter?: number }): EventProgress => ({
    id: o.id,
    lastUpdate: stamp,
    maxIter: o.maxIter,
    metrics: folds.get(o.id) ?? [],
  });
  await store.tasks.recordEvents(owners.filter((o) => !o.isModel).map(progress));
  await store.models.recordEvents(owners.filter((o) => o.isModel).map(progress));
}
