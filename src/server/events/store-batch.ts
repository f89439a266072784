import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';
import { errors, type ApiError } from '../http/errors';
import { isoNow } from '../ids';
import type { Change, ChangeKind } from '../live/hub';
import type { EventProgress, LogRow, MetricFold, ScalarSeriesBatch, Store, StoredEvent } from '../store/store';
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

/** Why each owner of a batch refuses its events, if it does: unknown, or published (then unless allowed). */
export interface OwnerVerdicts {
  unknown: (string | undefined)[];
  published: (string | undefined)[];
}

/** Reads the owners' status columns, once (no document). */
export async function ownerVerdicts(store: Store, b: CheckedBatch): Promise<OwnerVerdicts> {
  const { owners, ownerIsModel } = b;
  const statuses = await store.tasks.statuses(owners.filter((_, o) => !ownerIsModel[o]));
  const readiness = await store.models.readiness(owners.filter((_, o) => ownerIsModel[o]));
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
  return { unknown, published };
}

/** Why the owner `o`'s event (row `r` of the scalars, or the other event `e`) is not stored, or undefined. */
function refusalOf(b: CheckedBatch, v: OwnerVerdicts, o: number, r: number, e: CheckedBatch['others'][number] | undefined) {
  if (v.unknown[o]) return v.unknown[o];
  if (b.ownerIsModel[o] && e?.type === 'log') return 'log events are not stored for models';
  if (v.published[o] && !(e ? e.allow_locked : b.scalars.allowLocked[r])) return v.published[o];
  if (!e && Number.isNaN(b.scalars.value[r])) return 'scalar event without a numeric value';
  return undefined;
}

/**
 * Goes over the batch's events in body order: a refused one is told to `fail` with its reason, an
 * accepted one to `accept` with its owner's number and its scalar row (with no event) or its event.
 */
function forEachEvent(
  b: CheckedBatch,
  v: OwnerVerdicts,
  fail: (why: string) => void,
  accept: (o: number, r: number, e: CheckedBatch['others'][number] | undefined) => void,
) {
  const ownerIndex = new Map(b.owners.map((id, o) => [id, o]));
  let row = 0;
  let other = 0;
  for (let k = 0; k < b.order.length; k++) {
    const isScalar = b.order[k] === 0;
    const r = isScalar ? row++ : -1;
    const e = isScalar ? undefined : b.others[other++];
    const o = isScalar ? b.scalars.owner[r] : ownerIndex.get(e!.task)!;
    const why = refusalOf(b, v, o, r, e);
    if (why) fail(why);
    else accept(o, r, e);
  }
}

/**
 * What storing the batch will answer, without writing it: the same verdicts as storeBatch (both go
 * over the events with forEachEvent), for a batch answered once queued. A batch that would be refused as a whole is returned as
 * its error.
 */
export function tallyBatch(b: CheckedBatch, v: OwnerVerdicts): BatchResult | ApiError {
  const errorsInfo: Record<string, number> = {};
  const fail = (msg: string) => (errorsInfo[msg] = (errorsInfo[msg] ?? 0) + 1);
  for (const why of b.refusedWhy) fail(why);
  let added = 0;
  forEachEvent(b, v, fail, () => added++);
  if (!added && b.total) {
    return errors.eventsNotAdded(`No events were added: ${Object.keys(errorsInfo).join('; ')}`, { errors_info: errorsInfo });
  }
  return { added, errors: b.total - added, errors_info: errorsInfo };
}

/**
 * The SDK's resource monitor reports machine and GPU use with seconds since the start as the iteration: as in
 * clearml-server (events.conf ignore_iteration), they do not move the task's last iteration, which the SDK reads
 * back (its monitor's axis, continue_last_task's iteration offset).
 */
const NO_ITERATION_METRICS = new Set([':monitor:machine', ':monitor:gpu']);

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
  const verdicts = await ownerVerdicts(store, b);

  // Scalars stay columns: each accepted row goes to its series' list of rows (series found by the
  // numbers of its owner and names, no string made per event), and each series becomes columns once.
  const seriesAt = new Map<number, number>();
  const seriesRows: number[][] = [];
  const seriesFirstRow: number[] = [];
  const nNames = names.length + 1;
  const logs: Omit<LogRow, 'pos' | 'line' | 'lines'>[] = [];
  const others: Omit<StoredEvent, 'pos'>[] = [];
  const maxIter = new Map<number, number>();
  const kinds = new Map<string, Change>();
  const took = new Set<number>();
  const noteKind = (o: number, type: string) => {
    const kind: ChangeKind = ownerIsModel[o] ? 'model' : (EVENT_KINDS[type] ?? 'plots');
    kinds.set(`${kind}:${owners[o]}`, { kind, id: owners[o] });
    took.add(o);
  };
  let added = 0;
  forEachEvent(b, verdicts, fail, (o, r, e) => {
    if (!e) {
      const key = (o * nNames + s.metric[r]) * nNames + s.variant[r];
      let at = seriesAt.get(key);
      if (at === undefined) {
        seriesAt.set(key, (at = seriesRows.length));
        seriesRows.push([]);
        seriesFirstRow.push(r);
      }
      seriesRows[at].push(r);
      added++;
      return;
    }
    const id = owners[o];
    const ev = e;
    const timestamp = ev.timestamp ?? now;
    const iter = ev.iter ?? 0;
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
    if (ev.type !== 'log' && iter !== SINGLE_VALUE_ITERATION && !NO_ITERATION_METRICS.has(metric))
      maxIter.set(o, Math.max(maxIter.get(o) ?? 0, iter));
    noteKind(o, ev.type);
    added++;
  });
  if (!added && b.total) {
    return errors.eventsNotAdded(`No events were added: ${Object.keys(errorsInfo).join('; ')}`, { errors_info: errorsInfo });
  }
  const series: ScalarSeriesBatch[] = [];
  for (let i = 0; i < seriesRows.length; i++) {
    const rows = seriesRows[i];
    const first = seriesFirstRow[i];
    const o = s.owner[first];
    const iters = new Float64Array(rows.length);
    const times = new Float64Array(rows.length);
    const values = new Float64Array(rows.length);
    let top = -Infinity;
    for (let j = 0; j < rows.length; j++) {
      const r = rows[j];
      const iter = Number.isNaN(s.iter[r]) ? 0 : s.iter[r];
      iters[j] = iter;
      times[j] = Number.isNaN(s.timestamp[r]) ? now : s.timestamp[r];
      values[j] = s.value[r];
      if (iter !== SINGLE_VALUE_ITERATION && iter > top) top = iter;
    }
    if (top > -Infinity && !NO_ITERATION_METRICS.has(names[s.metric[first]])) maxIter.set(o, Math.max(maxIter.get(o) ?? 0, top));
    series.push({ task: owners[o], metric: names[s.metric[first]], variant: names[s.variant[first]], iters, times, values });
    noteKind(o, 'training_stats_scalar');
  }
  await writeBatch(
    store,
    { series, logs, others },
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
  rows: {
    series: ScalarSeriesBatch[];
    logs: Omit<LogRow, 'pos' | 'line' | 'lines'>[];
    others: Omit<StoredEvent, 'pos'>[];
  },
  owners: { id: string; isModel: boolean; maxIter?: number }[],
) {
  const added = await store.events.addScalarSeries(rows.series);
  await store.events.addLogs(rows.logs);
  await store.events.addEvents(rows.others);
  // One fold per series, from its columns (the store answers its series in the order given).
  const folds = new Map<string, MetricFold[]>();
  rows.series.forEach((sr, i) => {
    const list = folds.get(sr.task);
    const f = foldSeries(sr, added[i]?.added ?? 0, added[i]?.total ?? 0);
    if (list) list.push(f);
    else folds.set(sr.task, [f]);
  });
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
