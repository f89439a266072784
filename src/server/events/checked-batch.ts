import { addBatch as addBatchSchema } from '../../shared/api/events';
import type { RequestLimits } from '../config';
import { parseBody } from '../http/body';
import { errors } from '../http/errors';
import { checkLimits } from '../http/limits';
import { validate } from '../http/validation';
import { checkEvent, type Event } from './event-check';

/**
 * One add_batch body, parsed and checked, in the form a parse thread hands back: scalars as columns
 * (typed arrays move between threads without a copy; 10k small objects cost more to clone than to parse),
 * every other event as itself. Whatever depends on the store (does the task exist, is it published)
 * is checked later, by the writer.
 */
export interface CheckedBatch {
  /** Events the body held. */
  total: number;
  /** Events refused by the check, by their index in the body, with the reason. */
  refusedAt: number[];
  refusedWhy: string[];
  /** The owners (task or model ids) and names the columns point into. */
  owners: string[];
  ownerIsModel: boolean[];
  names: string[];
  /** Accepted events in the order they came: 0 a scalar (the next row of the columns), 1 the next of `others`. */
  order: Uint8Array;
  scalars: ScalarColumns;
  /** Accepted events other than scalars, `task` set to their owner. */
  others: Event[];
}

/** Scalar events, one row each; NaN stands for "not sent" (JSON has no NaN). */
export interface ScalarColumns {
  owner: Uint32Array;
  metric: Uint32Array;
  variant: Uint32Array;
  iter: Float64Array;
  value: Float64Array;
  timestamp: Float64Array;
  allowLocked: Uint8Array;
}

/** The buffers of a batch's columns, for `postMessage`'s transfer list. */
export function transferables(b: CheckedBatch): ArrayBuffer[] {
  const s = b.scalars;
  return [b.order, s.owner, s.metric, s.variant, s.iter, s.value, s.timestamp, s.allowLocked].map((a) => a.buffer as ArrayBuffer);
}

class Interner {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

const num = (v: unknown) => (typeof v === 'number' ? v : NaN);

/** Checks each event of a parsed batch (one pass); refuses the whole batch only when an owner mixes model and task events. */
export function checkBatch(items: unknown[]): CheckedBatch {
  const n = items.length;
  const refusedAt: number[] = [];
  const refusedWhy: string[] = [];
  const owners = new Interner();
  const ownerIsModel: boolean[] = [];
  const names = new Interner();
  const order = new Uint8Array(n);
  const s: ScalarColumns = {
    owner: new Uint32Array(n),
    metric: new Uint32Array(n),
    variant: new Uint32Array(n),
    iter: new Float64Array(n),
    value: new Float64Array(n),
    timestamp: new Float64Array(n),
    allowLocked: new Uint8Array(n),
  };
  const others: Event[] = [];
  let accepted = 0;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const e = checkEvent(items[i]);
    if (typeof e === 'string') {
      refusedAt.push(i);
      refusedWhy.push(e);
      continue;
    }
    const isModel = !!e.model_event;
    // A model event names its model in `task` (or `model`, which wins); the owner id is the model's.
    const ownerId = isModel && typeof e.model === 'string' && e.model ? e.model : e.task;
    const o = owners.of(ownerId);
    if (o === ownerIsModel.length) ownerIsModel.push(isModel);
    else if (ownerIsModel[o] !== isModel) {
      throw errors.validation(`Events for ${ownerId} mix model and task events (model_event true and false) in one batch`);
    }
    if (e.type === 'training_stats_scalar') {
      order[accepted++] = 0;
      s.owner[rows] = o;
      s.metric[rows] = names.of(e.metric ?? '');
      s.variant[rows] = names.of(e.variant ?? '');
      s.iter[rows] = num(e.iter);
      s.value[rows] = num(e.value);
      s.timestamp[rows] = num(e.timestamp);
      s.allowLocked[rows] = e.allow_locked ? 1 : 0;
      rows++;
    } else {
      order[accepted++] = 1;
      others.push(ownerId === e.task ? e : { ...e, task: ownerId });
    }
  }
  const cut = <T extends Uint32Array | Float64Array | Uint8Array>(a: T) => a.slice(0, rows) as T;
  return {
    total: n,
    refusedAt,
    refusedWhy,
    owners: owners.list,
    ownerIsModel,
    names: names.list,
    order: order.slice(0, accepted),
    scalars: {
      owner: cut(s.owner),
      metric: cut(s.metric),
      variant: cut(s.variant),
      iter: cut(s.iter),
      value: cut(s.value),
      timestamp: cut(s.timestamp),
      allowLocked: cut(s.allowLocked),
    },
    others,
  };
}

/** An add_batch body from its bytes to a checked batch, with the same refusals (and messages) as any other request. */
export function checkBatchBody(raw: Uint8Array, contentType: string | undefined, limits: RequestLimits): CheckedBatch {
  const body = parseBody(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), contentType);
  checkLimits('events.add_batch', body, limits);
  // An array needs no schema (events.add_batch takes any array; each event is checked on its own), and
  // the schema's pass would copy it.
  return checkBatch(Array.isArray(body) ? body : validate('events.add_batch', addBatchSchema, body));
}
