import { addBatch as addBatchSchema } from '../../shared/api/events';
import type { RequestLimits } from '../config';
import { parseBody, parseLine } from '../http/body';
import { errors } from '../http/errors';
import { CHECKED_KEYS, checkLimits } from '../http/limits';
import { validate } from '../http/validation';
import { checkEvent, type Event } from './event-check';
import {
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
  FIELD_NAMES,
  sameBytes,
  Scan,
  scanLine,
  stringAt,
  TYPE_LOG,
  TYPE_SCALAR,
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
 * read once: first the string of the last lookup (a task's id is the same line after line; the scan says
 * when the bytes repeat those), then a direct-mapped table (a slot per hash of the bytes, the last string
 * wins), so a lookup costs one comparison of bytes at most, whatever the body holds.
 */
class ByteNames {
  private readonly t = new Int32Array(3 * 1024).fill(-1);
  private last0 = -1;
  private lastN = 0;
  private readonly dv: DataView;
  constructor(
    private readonly buf: Buffer,
    private readonly interner: Interner,
  ) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** The string's number; `sameAs` the start of earlier bytes these repeat, or -1. */
  of(s0: number, s1: number, flags: number, sameAs: number): number {
    if (sameAs >= 0 && sameAs === this.last0) {
      this.last0 = s0;
      return this.lastN;
    }
    const b = this.buf;
    const len = s1 - s0;
    let h = 0x811c9dc5 | 0;
    for (let i = s0; i < s1; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const t = this.t;
    const slot = ((h ^ (h >>> 10) ^ (h >>> 20)) & 1023) * 3;
    let n = -1;
    if (t[slot + 1] === len && t[slot + 2] >= 0 && sameBytes(this.dv, t[slot], s0, len)) n = t[slot + 2];
    if (n < 0) {
      n = this.interner.of(stringAt(b, s0, s1, flags));
      t[slot] = s0;
      t[slot + 1] = len;
      t[slot + 2] = n;
    }
    this.last0 = s0;
    this.lastN = n;
    return n;
  }
}

const bit = (...fs: number[]) => fs.reduce((m, f) => m | (1 << f), 0);
const CHECKED_KEY_LENGTHS = new Set([...CHECKED_KEYS].map((k) => k.length));
/** The fields of a scanned event capped as names (checkLimits' name keys). */
const NAMED_FIELDS = [F_METRIC, F_VARIANT];
const LONGEST_FIELD = Math.max(...FIELD_NAMES.map((n) => n.length));
// What each field may hold for plainScalarOrLog (event-check.ts) to accept the event, besides null.
const MAY_BE_NUMBER = bit(F_TIMESTAMP, F_ITER, F_VALUE);
const MAY_BE_BOOL = bit(F_MODEL_EVENT, F_ALLOW_LOCKED);
const MAY_BE_STRING = bit(...FIELD_NAMES.map((_, f) => f)) & ~MAY_BE_NUMBER & ~MAY_BE_BOOL;
const NOT_NULL = bit(F_TYPE, F_TASK);

/** The names of a scalar's owner, metric and variant, read by their bytes. */
interface ScalarNames {
  owner: ByteNames;
  metric: ByteNames;
  variant: ByteNames;
}

/** The number of field f's string by its bytes, or -1 when f holds no string. */
function nameOf(x: Scan, n: ByteNames, f: number): number {
  if (((x.strings >>> f) & 1) === 0) return -1;
  return n.of(x.s0[f], x.s1[f], x.flags[f], ((x.same >>> f) & 1) === 1 ? x.prev0[f] : -1);
}

/**
 * The event the scan read, when it is a scalar or log event that plainScalarOrLog (event-check.ts) accepts
 * and that checkLimits has nothing to check in; false (the line then goes to JSON.parse) for any other.
 * A scalar goes straight to the columns; a log event is parsed by JSON.parse.
 */
function addScanned(
  x: Scan,
  buf: Buffer,
  lineStart: number,
  lineEnd: number,
  b: BatchBuilder,
  names: ScalarNames,
  maxKey: number,
): boolean {
  const strings = x.strings;
  const numbers = x.numbers;
  // type and task strings; any other field of its kind or null.
  if ((strings & NOT_NULL) !== NOT_NULL || x.typeIs === 0 || x.s1[F_TASK] === x.s0[F_TASK]) return false;
  if ((strings & ~MAY_BE_STRING) | (numbers & ~MAY_BE_NUMBER) | ((x.trues | x.falses) & ~MAY_BE_BOOL)) return false;
  const isScalar = x.typeIs === TYPE_SCALAR;
  if (((numbers >>> F_TIMESTAMP) & 1) === 1 && !Number.isFinite(x.num[F_TIMESTAMP])) return false;
  if (((numbers >>> F_VALUE) & 1) === 1 && !Number.isFinite(x.num[F_VALUE])) return false;
  if (((numbers >>> F_ITER) & 1) === 1 && !Number.isSafeInteger(x.num[F_ITER])) return false;
  // A metric or variant name over the cap (its JSON text, at least as long) goes to JSON.parse, whose check refuses it.
  for (const f of NAMED_FIELDS) if (((strings >>> f) & 1) === 1 && x.s1[f] - x.s0[f] > maxKey) return false;
  for (let i = 0; i < x.extras; i++) {
    const len = x.k1[i] - x.k0[i];
    if (len > maxKey) return false;
    if (CHECKED_KEY_LENGTHS.has(len) && CHECKED_KEYS.has(buf.toString('latin1', x.k0[i], x.k1[i]))) return false;
  }
  if (!isScalar) {
    // A log event is an object of its own: JSON.parse builds it (from text the scan found flat and sound)
    // faster than strings decoded one by one, and exactly as the JSON.parse path does.
    b.add(JSON.parse(buf.toString('utf8', lineStart, lineEnd)) as Event);
    return true;
  }
  const isModel = ((x.trues >>> F_MODEL_EVENT) & 1) === 1;
  const of = isModel && ((strings >>> F_MODEL) & 1) === 1 && x.s1[F_MODEL] > x.s0[F_MODEL] ? F_MODEL : F_TASK;
  const o = nameOf(x, names.owner, of);
  b.ownerAt(o, isModel);
  // In the order checkBatch interns them: the metric's name (or ''), then the variant's.
  let metric = nameOf(x, names.metric, F_METRIC);
  if (metric < 0) metric = b.names.of('');
  let variant = nameOf(x, names.variant, F_VARIANT);
  if (variant < 0) variant = b.names.of('');
  b.scalar(
    o,
    metric,
    variant,
    ((numbers >>> F_ITER) & 1) === 1 ? x.num[F_ITER] : NaN,
    ((numbers >>> F_VALUE) & 1) === 1 ? x.num[F_VALUE] : NaN,
    ((numbers >>> F_TIMESTAMP) & 1) === 1 ? x.num[F_TIMESTAMP] : NaN,
    (x.trues >>> F_ALLOW_LOCKED) & 1,
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
  const b = new BatchBuilder(Math.min(1 << 16, (buf.length >> 7) + 16));
  const names: ScalarNames = {
    owner: new ByteNames(buf, b.owners),
    metric: new ByteNames(buf, b.names),
    variant: new ByteNames(buf, b.names),
  };
  scan.reset(buf);
  const parsedAt: number[] = [];
  const parsed: unknown[] = [];
  const one: unknown[] = [];
  let lineNo = 0;
  // Log lines gain nothing from the scan (each is an object JSON.parse must build anyway): after a scanned
  // log line the lines go to JSON.parse, until one is a scalar again. Either way the result is the same.
  let scanNext = scanning;
  for (let start = 0; start < buf.length;) {
    lineNo++;
    let end = scanNext ? scanLine(buf, start, buf.length, scan) : FALLBACK;
    if (end !== FALLBACK) {
      // A body of log lines: the scan gains nothing on them (each is an object JSON.parse must build), and
      // the path of a parsed body reads them fastest. No scalar is read yet; any line before was JSON.parse's.
      if (b.rows === 0 && scan.keys !== 0 && (scan.strings & (1 << F_TYPE)) !== 0 && scan.typeIs === TYPE_LOG) {
        return checkParsedBody(buf, 'application/json-lines', limits);
      }
      if (scan.keys === 0 || addScanned(scan, buf, start, end, b, names, limits.maxNameBytes)) {
        if (scan.keys !== 0 && scan.typeIs === TYPE_LOG) scanNext = false;
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
    if (scanning && !scanNext && (item as { type?: unknown } | null)?.type === 'training_stats_scalar') scanNext = true;
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
  return checkParsedBody(buf, contentType, limits);
}

/** A body parsed whole (JSON, or JSON lines by JSON.parse), then its limits and its events checked. */
function checkParsedBody(buf: Buffer, contentType: string | undefined, limits: RequestLimits): CheckedBatch {
  const body = parseBody(buf, contentType);
  checkLimits('events.add_batch', body, limits);
  // An array needs no schema (events.add_batch takes any array; each event is checked on its own), and
  // the schema's pass would copy it.
  return checkBatch(Array.isArray(body) ? body : validate('events.add_batch', addBatchSchema, body));
}
