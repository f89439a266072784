import { addBatch as addBatchSchema } from '../../shared/api/events';
import type { RequestLimits } from '../config';
import { parseBody, parseLine } from '../http/body';
import { errors } from '../http/errors';
import { CHECKED_KEYS, checkLimits } from '../http/limits';
import { validate } from '../http/validation';
import { checkEvent, type Event } from './event-check';
import {
  ABSENT,
  bytesAre,
  F_ALLOW_LOCKED,
  F_ITER,
  F_METRIC,
  F_MODEL,
  F_MODEL_EVENT,
  F_TASK,
  F_TIMESTAMP,
  F_TYPE,
  F_VALUE,
  F_VARIANT,
  FALLBACK,
  FALSE,
  FIELD_NAMES,
  MAX_KEYS,
  NULL,
  NUMBER,
  Scan,
  scanLine,
  STRING,
  stringAt,
  TRUE,
} from './scan-event';

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

/**
 * A checked batch built one event at a time, in the order of the body. An owner that mixes model and
 * task events refuses the whole batch at `finish` (so that a body's other refusals, found later in the
 * same pass, still come first, as when the checks ran after the parse).
 */
class BatchBuilder {
  total = 0;
  readonly refusedAt: number[] = [];
  readonly refusedWhy: string[] = [];
  readonly owners = new Interner();
  readonly ownerIsModel: boolean[] = [];
  readonly names = new Interner();
  order: Uint8Array;
  s: ScalarColumns;
  readonly others: Event[] = [];
  accepted = 0;
  rows = 0;
  private mixed: string | undefined;

  constructor(capacity: number) {
    this.order = new Uint8Array(capacity);
    this.s = columns(capacity);
  }

  refuse(why: string) {
    this.refusedAt.push(this.total++);
    this.refusedWhy.push(why);
  }

  /** The owner's number, as a model's or a task's: the first event of an owner decides, a later other one refuses the batch. */
  ownerAt(o: number, isModel: boolean) {
    if (o === this.ownerIsModel.length) this.ownerIsModel.push(isModel);
    else if (this.ownerIsModel[o] !== isModel) this.mixed ??= this.owners.list[o];
  }

  /** An event the check accepted. */
  add(e: Event) {
    const isModel = !!e.model_event;
    // A model event names its model in `task` (or `model`, which wins); the owner id is the model's.
    const ownerId = isModel && typeof e.model === 'string' && e.model ? e.model : e.task;
    const o = this.owners.of(ownerId);
    this.ownerAt(o, isModel);
    if (e.type === 'training_stats_scalar') {
      this.scalar(
        o,
        this.names.of(e.metric ?? ''),
        this.names.of(e.variant ?? ''),
        num(e.iter),
        num(e.value),
        num(e.timestamp),
        e.allow_locked ? 1 : 0,
      );
    } else {
      this.other(ownerId === e.task ? e : { ...e, task: ownerId });
    }
  }

  /** A scalar, as the next row of the columns (the owner already counted by ownerAt). */
  scalar(o: number, metric: number, variant: number, iter: number, value: number, timestamp: number, allowLocked: number) {
    if (this.accepted === this.order.length) this.grow();
    this.total++;
    this.order[this.accepted++] = 0;
    const s = this.s;
    const r = this.rows++;
    s.owner[r] = o;
    s.metric[r] = metric;
    s.variant[r] = variant;
    s.iter[r] = iter;
    s.value[r] = value;
    s.timestamp[r] = timestamp;
    s.allowLocked[r] = allowLocked;
  }

  other(e: Event) {
    if (this.accepted === this.order.length) this.grow();
    this.total++;
    this.order[this.accepted++] = 1;
    this.others.push(e);
  }

  private grow() {
    const n = Math.max(16, this.order.length * 2);
    const order = new Uint8Array(n);
    order.set(this.order);
    this.order = order;
    const s = columns(n);
    for (const k of Object.keys(s) as (keyof ScalarColumns)[]) s[k].set(this.s[k] as never);
    this.s = s;
  }

  finish(): CheckedBatch {
    if (this.mixed !== undefined) {
      throw errors.validation(`Events for ${this.mixed} mix model and task events (model_event true and false) in one batch`);
    }
    const rows = this.rows;
    const cut = <T extends Uint32Array | Float64Array | Uint8Array>(a: T) => a.slice(0, rows) as T;
    const s = this.s;
    return {
      total: this.total,
      refusedAt: this.refusedAt,
      refusedWhy: this.refusedWhy,
      owners: this.owners.list,
      ownerIsModel: this.ownerIsModel,
      names: this.names.list,
      order: this.order.slice(0, this.accepted),
      scalars: {
        owner: cut(s.owner),
        metric: cut(s.metric),
        variant: cut(s.variant),
        iter: cut(s.iter),
        value: cut(s.value),
        timestamp: cut(s.timestamp),
        allowLocked: cut(s.allowLocked),
      },
      others: this.others,
    };
  }
}

function columns(n: number): ScalarColumns {
  return {
    owner: new Uint32Array(n),
    metric: new Uint32Array(n),
    variant: new Uint32Array(n),
    iter: new Float64Array(n),
    value: new Float64Array(n),
    timestamp: new Float64Array(n),
    allowLocked: new Uint8Array(n),
  };
}

/** Checks each event of a parsed batch (one pass); refuses the whole batch only when an owner mixes model and task events. */
export function checkBatch(items: unknown[]): CheckedBatch {
  const b = new BatchBuilder(items.length);
  for (const item of items) {
    const e = checkEvent(item);
    if (typeof e === 'string') b.refuse(e);
    else b.add(e);
  }
  return b.finish();
}

/**
 * The string a body's bytes [s0, s1) read as, remembered by its bytes so that a name sent on every line is
 * read once: first the bytes of the last lookup (a task's id is the same line after line), then a direct-mapped
 * table (a slot per hash of the bytes, the last string wins), so a lookup costs two comparisons of bytes at
 * most, whatever the body holds.
 */
class ByteNames {
  private readonly t = new Int32Array(3 * 1024).fill(-1);
  private last0 = 0;
  private lastLen = -1;
  private lastN = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly interner: Interner,
  ) {}

  private same(o0: number, s0: number, len: number): boolean {
    const b = this.buf;
    let i = 0;
    while (i < len && b[o0 + i] === b[s0 + i]) i++;
    return i === len;
  }

  of(s0: number, s1: number, flags: number): number {
    const len = s1 - s0;
    if (len === this.lastLen && this.same(this.last0, s0, len)) return this.lastN;
    const b = this.buf;
    let h = 0x811c9dc5 | 0;
    for (let i = s0; i < s1; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const t = this.t;
    const slot = ((h ^ (h >>> 10) ^ (h >>> 20)) & 1023) * 3;
    let n: number;
    if (t[slot + 1] === len && t[slot + 2] >= 0 && this.same(t[slot], s0, len)) n = t[slot + 2];
    else {
      n = this.interner.of(stringAt(b, s0, s1, flags));
      t[slot] = s0;
      t[slot + 1] = len;
      t[slot + 2] = n;
    }
    this.last0 = s0;
    this.lastLen = len;
    this.lastN = n;
    return n;
  }
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const SCALAR_TYPE = ascii('training_stats_scalar');
const LOG_TYPE = ascii('log');
const PROTO = ascii('__proto__');
const CHECKED_KEY_LENGTHS = new Set([...CHECKED_KEYS].map((k) => k.length));
const LONGEST_FIELD = Math.max(...FIELD_NAMES.map((n) => n.length));

// What each field may hold for plainScalarOrLog (event-check.ts) to accept the event, as a mask of kinds.
const MAYBE = (1 << ABSENT) | (1 << NULL);
const OF_STRING = MAYBE | (1 << STRING);
const OF_NUMBER = MAYBE | (1 << NUMBER);
const OF_BOOL = MAYBE | (1 << TRUE) | (1 << FALSE);
const MAY_HOLD = FIELD_NAMES.map((n) =>
  n === 'timestamp' || n === 'iter' || n === 'value'
    ? OF_NUMBER
    : n === 'model_event' || n === 'allow_locked'
      ? OF_BOOL
      : OF_STRING,
);

/** A value the scan read, as JSON.parse reads it. */
function valueAt(buf: Buffer, kind: number, n: number, s0: number, s1: number, flags: number): unknown {
  switch (kind) {
    case STRING:
      return stringAt(buf, s0, s1, flags);
    case NUMBER:
      return n;
    case TRUE:
      return true;
    case FALSE:
      return false;
    default:
      return null;
  }
}

/**
 * The event the scan read, when it is a scalar or log event that plainScalarOrLog (event-check.ts) accepts
 * and that checkLimits has nothing to check in; false (the line then goes to JSON.parse) for any other.
 * A scalar goes straight to the columns; a log event is built as JSON.parse builds it (keys in their order).
 */
function addScanned(x: Scan, buf: Buffer, b: BatchBuilder, ownerNames: ByteNames, names: ByteNames, maxKey: number): boolean {
  const k = x.kind;
  if (k[F_TYPE] !== STRING || x.flags[F_TYPE] !== 0) return false;
  const isScalar = bytesAre(buf, x.s0[F_TYPE], x.s1[F_TYPE], SCALAR_TYPE);
  if (!isScalar && !bytesAre(buf, x.s0[F_TYPE], x.s1[F_TYPE], LOG_TYPE)) return false;
  if (k[F_TASK] !== STRING || x.s1[F_TASK] === x.s0[F_TASK]) return false;
  for (let f = F_TIMESTAMP; f < k.length; f++) if (((1 << k[f]) & MAY_HOLD[f]) === 0) return false;
  if (k[F_TIMESTAMP] === NUMBER && !Number.isFinite(x.num[F_TIMESTAMP])) return false;
  if (k[F_VALUE] === NUMBER && !Number.isFinite(x.num[F_VALUE])) return false;
  if (k[F_ITER] === NUMBER && !Number.isSafeInteger(x.num[F_ITER])) return false;
  for (let i = 0; i < x.extras; i++) {
    const len = x.k1[i] - x.k0[i];
    if (len > maxKey) return false;
    if (CHECKED_KEY_LENGTHS.has(len) && CHECKED_KEYS.has(buf.toString('latin1', x.k0[i], x.k1[i]))) return false;
    if (!isScalar && bytesAre(buf, x.k0[i], x.k1[i], PROTO)) return false;
  }
  const isModel = k[F_MODEL_EVENT] === TRUE;
  const of = isModel && k[F_MODEL] === STRING && x.s1[F_MODEL] > x.s0[F_MODEL] ? F_MODEL : F_TASK;
  if (!isScalar) {
    const e: Record<string, unknown> = {};
    for (let i = 0; i < x.keys; i++) {
      const f = x.keyOrder[i];
      if (f < MAX_KEYS) e[FIELD_NAMES[f]] = valueAt(buf, k[f], x.num[f], x.s0[f], x.s1[f], x.flags[f]);
      else {
        const j = f - MAX_KEYS;
        const key = buf.toString('latin1', x.k0[j], x.k1[j]);
        if (Object.hasOwn(e, key)) return false; // the same key twice: JSON.parse keeps the last
        e[key] = valueAt(buf, x.xKind[j], x.xNum[j], x.x0[j], x.x1[j], x.xFlags[j]);
      }
    }
    b.add(e as Event);
    return true;
  }
  const o = ownerNames.of(x.s0[of], x.s1[of], x.flags[of]);
  b.ownerAt(o, isModel);
  b.scalar(
    o,
    k[F_METRIC] === STRING ? names.of(x.s0[F_METRIC], x.s1[F_METRIC], x.flags[F_METRIC]) : b.names.of(''),
    k[F_VARIANT] === STRING ? names.of(x.s0[F_VARIANT], x.s1[F_VARIANT], x.flags[F_VARIANT]) : b.names.of(''),
    k[F_ITER] === NUMBER ? x.num[F_ITER] : NaN,
    k[F_VALUE] === NUMBER ? x.num[F_VALUE] : NaN,
    k[F_TIMESTAMP] === NUMBER ? x.num[F_TIMESTAMP] : NaN,
    k[F_ALLOW_LOCKED] === TRUE ? 1 : 0,
  );
  return true;
}

const scan = new Scan();

/**
 * An add_batch body in JSON lines to a checked batch in one pass over its lines: a scalar or log event on a
 * flat line is read by the byte scanner (scan-event.ts) straight into the batch, any other line by
 * JSON.parse and the checks as before. The refusals are those of `parseBody` + `checkLimits` + `checkBatch`,
 * in that order of precedence: a malformed line first, then a limit, then an owner mixing model and task events.
 * `fast: false` reads every line by JSON.parse (the reference the differential tests compare against).
 */
export function checkJsonLines(buf: Buffer, limits: RequestLimits, fast = true): CheckedBatch {
  // A flat event passes checkLimits only when every key of an event fits and an event may nest one level.
  const scanning = fast && limits.maxJsonDepth >= 2 && limits.maxNameBytes >= LONGEST_FIELD;
  const b = new BatchBuilder(Math.min(1 << 16, (buf.length >> 6) + 16));
  const ownerNames = new ByteNames(buf, b.owners);
  const names = new ByteNames(buf, b.names);
  const parsedAt: number[] = [];
  const parsed: unknown[] = [];
  const one: unknown[] = [];
  let lineNo = 0;
  for (let start = 0; start < buf.length;) {
    lineNo++;
    let end = scanning ? scanLine(buf, start, buf.length, scan) : FALLBACK;
    if (end !== FALLBACK) {
      if (scan.keys === 0 || addScanned(scan, buf, b, ownerNames, names, limits.maxNameBytes)) {
        start = end + 1;
        continue;
      }
    } else {
      end = buf.indexOf(10, start);
      if (end < 0) end = buf.length;
    }
    parseLine(buf.toString('utf8', start, end), lineNo, one);
    start = end + 1;
    if (!one.length) continue;
    const item = one.pop();
    parsedAt.push(b.total);
    parsed.push(item);
    const e = checkEvent(item);
    if (typeof e === 'string') b.refuse(e);
    else b.add(e);
  }
  if (parsed.length) {
    // The limits of the lines JSON.parse read, each at its index in the body (the scanned ones have none to check).
    const items: unknown[] = new Array<unknown>(b.total).fill(null);
    for (let i = 0; i < parsed.length; i++) items[parsedAt[i]] = parsed[i];
    checkLimits('events.add_batch', items, limits);
  }
  return b.finish();
}

/** An add_batch body from its bytes to a checked batch, with the same refusals (and messages) as any other request. */
export function checkBatchBody(
  raw: Uint8Array,
  contentType: string | undefined,
  limits: RequestLimits,
  fast = true,
): CheckedBatch {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (contentType?.includes('json-lines')) return checkJsonLines(buf, limits, fast);
  const body = parseBody(buf, contentType);
  checkLimits('events.add_batch', body, limits);
  // An array needs no schema (events.add_batch takes any array; each event is checked on its own), and
  // the schema's pass would copy it.
  return checkBatch(Array.isArray(body) ? body : validate('events.add_batch', addBatchSchema, body));
}
