/**
 * A byte-level reader for one line of an add_batch body in JSON lines (issue 13): a FLAT JSON object
 * (values strings, numbers, true, false, null) read straight from its UTF-8 bytes into the fields a
 * scalar or log event has, with no string made for a key and no object made for the event.
 *
 * It answers only what it is sure of. Anything it does not fully handle (a nested value, a number or
 * word JSON lacks, a key with an escape or a byte over 0x7f, the same field twice, over MAX_KEYS keys,
 * a line that is not JSON at all) answers FALLBACK, and the caller parses that line with JSON.parse as
 * before, so that a refusal (or a malformed line's message) is the one JSON.parse gives.
 * Where it does answer, what it read is what JSON.parse reads: strict RFC 8259 grammar (whitespace
 * space, tab and CR only; a line ends at a newline byte), numbers as JSON.parse rounds them (exactly
 * by Clinger's fast path, else by Number of the same text), strings without an escape or a byte over
 * 0x7f as their bytes, any other string as JSON.parse reads that string's own text.
 * One pass, no regex, no backtracking: the work is linear in the line's bytes.
 */

/** The fields of an event the checks read, by number. */
export const FIELD_NAMES = [
  'type',
  'task',
  'timestamp',
  'iter',
  'metric',
  'variant',
  'value',
  'msg',
  'level',
  'worker',
  'plot_str',
  'url',
  'key',
  'model_event',
  'model',
  'allow_locked',
] as const;
export const F_TYPE = 0;
export const F_TASK = 1;
export const F_TIMESTAMP = 2;
export const F_ITER = 3;
export const F_METRIC = 4;
export const F_VARIANT = 5;
export const F_VALUE = 6;
export const F_MODEL_EVENT = 13;
export const F_MODEL = 14;
export const F_ALLOW_LOCKED = 15;
const NF = FIELD_NAMES.length;

/** What a value is: ABSENT (the key was not there), or what JSON held. */
export const ABSENT = 0;
export const NULL = 1;
export const STRING = 2;
export const NUMBER = 3;
export const TRUE = 4;
export const FALSE = 5;

/** A string's flags: it holds an escape; it holds a byte over 0x7f. */
export const ESCAPED = 1;
export const NON_ASCII = 2;

/** Over this many keys on a line, the line goes to JSON.parse. */
export const MAX_KEYS = 64;

/** scanLine's answer for a line to be read by JSON.parse. */
export const FALLBACK = -1;

/** Field numbers by key length, as bytes: a key is a field when its bytes are one of these. */
const KEY_BYTES = FIELD_NAMES.map((n) => Uint8Array.from(n, (c) => c.charCodeAt(0)));
const BY_LENGTH: number[][] = [];
FIELD_NAMES.forEach((n, f) => (BY_LENGTH[n.length] ??= []).push(f));

/**
 * What one line held, reused from line to line (read it before the next scanLine). The fields present are
 * bits of `present` (field f: bit 1 << f), and of `strings`, `numbers`, `trues`, `falses` as they held those; a field
 * present in none of these held null. A string is given by its content's bytes [s0, s1) (between its
 * quotes) and its flags. Call `reset` before the first line of a body.
 */
export class Scan {
  present = 0;
  strings = 0;
  numbers = 0;
  trues = 0;
  falses = 0;
  /**
   * Strings whose bytes are those of the field's string before (on an earlier line of the body), which
   * start at prev0: a line repeats its task and type, and the bytes are compared once instead of read.
   */
  same = 0;
  readonly prev0 = new Int32Array(NF);
  /** For the string of `type`: TYPE_SCALAR, TYPE_LOG or 0 (another). */
  typeIs = 0;
  readonly num = new Float64Array(NF);
  readonly s0 = new Int32Array(NF);
  readonly s1 = new Int32Array(NF);
  readonly flags = new Uint8Array(NF);
  /** Fields of which s0, s1 and flags hold a string of this body. */
  private seen = 0;
  /** How many keys the line held (0: a line of whitespace). */
  keys = 0;
  /**
   * What led to the i-th value on an earlier line of the body (its `{"key":` or `,"key":`, whitespace
   * included): where, how long (0: not known, or not a field), and the field it names.
   */
  readonly leadAt = new Int32Array(MAX_KEYS);
  readonly leadLength = new Int32Array(MAX_KEYS);
  readonly leadField = new Uint8Array(MAX_KEYS);
  /** Keys other than the fields: their bytes [k0, k1). */
  extras = 0;
  readonly k0 = new Int32Array(MAX_KEYS);
  readonly k1 = new Int32Array(MAX_KEYS);

  /** The body's bytes, read 4 at a time where they are compared. */
  dv: DataView = new DataView(new ArrayBuffer(0));

  /** Before the first line of a body. */
  reset(b: Buffer) {
    this.seen = 0;
    this.leadLength.fill(0);
    this.dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** A string of field f at `v` (just after its quote) that is the field's string before: the position after its closing quote, or -1. */
  repeated(b: Buffer, f: number, v: number, end: number): number {
    if (((this.seen >>> f) & 1) === 0) return -1;
    const l0 = this.s0[f];
    const n = this.s1[f] - l0;
    if (v + n >= end || b[v + n] !== 0x22 || !sameBytes(this.dv, v, l0, n)) return -1;
    this.prev0[f] = l0;
    this.s0[f] = v;
    this.s1[f] = v + n;
    return v + n + 1;
  }

  /** A new string of field f: content [v, q), its flags. */
  string(f: number, v: number, q: number, flags: number) {
    this.seen |= 1 << f;
    this.s0[f] = v;
    this.s1[f] = q;
    this.flags[f] = flags;
  }
}

export const TYPE_SCALAR = 1;
export const TYPE_LOG = 2;
const SCALAR_BYTES = Uint8Array.from('training_stats_scalar', (c) => c.charCodeAt(0));
const LOG_BYTES = Uint8Array.from('log', (c) => c.charCodeAt(0));

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

// The last value read, as scanString and scanNumber leave it (module state: no object per value).
let strFlags = 0;
let numValue = 0;
let valKind = 0;

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d;
const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

/** Bytes a string's scan must look at: its end, an escape, a control byte (refused), a byte over 0x7f. */
const SPECIAL = new Uint8Array(256);
SPECIAL[0x22] = 1;
SPECIAL[0x5c] = 1;
for (let c = 0; c < 0x20; c++) SPECIAL[c] = 1;
for (let c = 0x80; c < 0x100; c++) SPECIAL[c] = 1;

/** A string's content from just after its opening quote: the position of its closing quote, or -1; its flags in strFlags. */
function scanString(b: Buffer, p: number, end: number): number {
  let flags = 0;
  while (p < end) {
    const c = b[p];
    if (SPECIAL[c] === 0) {
      p++;
      continue;
    }
    if (c === 0x22) {
      strFlags = flags;
      return p;
    }
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      flags |= ESCAPED;
      if (++p >= end) return -1;
      const e = b[p];
      if (e === 0x75) {
        if (p + 4 >= end || !isHex(b[p + 1]) || !isHex(b[p + 2]) || !isHex(b[p + 3]) || !isHex(b[p + 4])) return -1;
        p += 4;
      } else if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) {
        return -1;
      }
    } else flags |= NON_ASCII;
    p++;
  }
  return -1;
}

/** A number (RFC 8259) from its first byte: the position after it, or -1; its value in numValue. */
function scanNumber(b: Buffer, start: number, end: number): number {
  let p = start;
  const neg = b[p] === 0x2d;
  if (neg) p++;
  if (p >= end) return -1;
  let c = b[p];
  let m = 0;
  let exact = true;
  let exp = 0;
  if (c === 0x30) {
    p++;
    if (p < end && b[p] >= 0x30 && b[p] <= 0x39) return -1; // no leading zero
  } else if (c >= 0x31 && c <= 0x39) {
    for (; p < end && (c = b[p]) >= 0x30 && c <= 0x39; p++) {
      if (m < 9e14) m = m * 10 + (c - 0x30);
      else exact = false;
    }
  } else return -1;
  if (p < end && b[p] === 0x2e) {
    p++;
    const first = p;
    for (; p < end && (c = b[p]) >= 0x30 && c <= 0x39; p++) {
      if (m < 9e14) {
        m = m * 10 + (c - 0x30);
        exp--;
      } else exact = false;
    }
    if (p === first) return -1; // `1.`
  }
  if (p < end && (b[p] | 0x20) === 0x65) {
    p++;
    let eNeg = false;
    if (p < end && (b[p] === 0x2b || b[p] === 0x2d)) eNeg = b[p++] === 0x2d;
    const first = p;
    let e = 0;
    for (; p < end && (c = b[p]) >= 0x30 && c <= 0x39; p++) if (e < 100_000) e = e * 10 + (c - 0x30);
    if (p === first) return -1; // `1e`
    exp += eNeg ? -e : e;
  }
  if (exact && exp >= -22 && exp <= 22) {
    // Clinger's fast path: m and 10^|exp| are exact doubles, so one IEEE operation rounds the exact value.
    const v = exp < 0 ? m / POW10[-exp] : m * POW10[exp];
    numValue = neg ? -v : v;
  } else {
    numValue = Number(b.toString('latin1', start, p));
  }
  return p;
}

/** A value from its first byte: the position after it, or -1 (FALLBACK: nested, not JSON, or a word JSON lacks). */
function scanValue(b: Buffer, p: number, end: number): number {
  const c = b[p];
  if (c === 0x22) {
    const q = scanString(b, p + 1, end);
    valKind = STRING;
    return q < 0 ? -1 : q + 1;
  }
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    valKind = NUMBER;
    return scanNumber(b, p, end);
  }
  if (c === 0x74 && p + 3 < end && b[p + 1] === 0x72 && b[p + 2] === 0x75 && b[p + 3] === 0x65) {
    valKind = TRUE;
    return p + 4;
  }
  if (c === 0x66 && p + 4 < end && b[p + 1] === 0x61 && b[p + 2] === 0x6c && b[p + 3] === 0x73 && b[p + 4] === 0x65) {
    valKind = FALSE;
    return p + 5;
  }
  if (c === 0x6e && p + 3 < end && b[p + 1] === 0x75 && b[p + 2] === 0x6c && b[p + 3] === 0x6c) {
    valKind = NULL;
    return p + 4;
  }
  return -1;
}

/** The field a key's bytes [k0, k1) name, or -1 for another key. */
function fieldOf(b: Buffer, k0: number, k1: number): number {
  const fs = BY_LENGTH[k1 - k0];
  if (!fs) return -1;
  next: for (let j = 0; j < fs.length; j++) {
    const f = fs[j];
    const kb = KEY_BYTES[f];
    for (let i = 0; i < kb.length; i++) if (b[k0 + i] !== kb[i]) continue next;
    return f;
  }
  return -1;
}

/**
 * Reads the line of `b` that starts at `start` (it ends at the next newline byte, or at `end`). Answers
 * the position of the line's end (its newline byte, or `end`) with what it held in `out` (no keys: a
 * line of whitespace only); FALLBACK for a line to be read by JSON.parse (`out` then means nothing).
 */
export function scanLine(b: Buffer, start: number, end: number, out: Scan): number {
  const dv = out.dv;
  let p = start;
  let present = 0;
  let strings = 0;
  let numbers = 0;
  let trues = 0;
  let falses = 0;
  let same = 0;
  out.keys = 0;
  out.extras = 0;
  for (let i = 0; ; i++) {
    // What leads to the i-th value: `{"key":` for the first, `,"key":` for the next, with any whitespace.
    // Lines of a batch mostly write these alike, so they are first compared with the bytes that led to the
    // i-th value of an earlier line; else read.
    if (i === MAX_KEYS) return FALLBACK;
    const lead = p;
    const n = out.leadLength[i];
    let f: number;
    let k0 = 0;
    let k1 = 0;
    if (n > 0 && p + n < end && sameBytes(dv, p, out.leadAt[i], n)) {
      f = out.leadField[i];
      p += n;
    } else {
      while (p < end && isWs(b[p])) p++;
      if (i === 0) {
        if (p >= end || b[p] === 0x0a) {
          out.present = 0;
          return p;
        }
        if (b[p] !== 0x7b) return FALLBACK;
      } else {
        if (p >= end) return FALLBACK;
        if (b[p] === 0x7d) {
          p++;
          break;
        }
        if (b[p] !== 0x2c) return FALLBACK;
      }
      p++;
      while (p < end && isWs(b[p])) p++;
      // A key: ASCII, no escape (`{}` and `,}` end here too).
      if (p >= end || b[p] !== 0x22) return FALLBACK;
      k0 = p + 1;
      k1 = scanString(b, k0, end);
      if (k1 < 0 || strFlags !== 0) return FALLBACK;
      f = fieldOf(b, k0, k1);
      if (f < 0) f = NF;
      p = k1 + 1;
      while (p < end && isWs(b[p])) p++;
      if (p >= end || b[p] !== 0x3a) return FALLBACK;
      p++;
      while (p < end && isWs(b[p])) p++;
      out.leadAt[i] = lead;
      out.leadLength[i] = f < NF ? p - lead : 0;
      out.leadField[i] = f;
    }
    if (p >= end) return FALLBACK;
    if (f < NF) {
      const bit = 1 << f;
      if (present & bit) return FALLBACK; // the same field twice: JSON.parse keeps the last
      present |= bit;
      let q: number;
      if (b[p] === 0x22 && (q = out.repeated(b, f, p + 1, end)) >= 0) {
        valKind = STRING;
        same |= bit;
        p = q;
      } else {
        const v0 = p;
        p = scanValue(b, p, end);
        if (p < 0) return FALLBACK;
        if (valKind === STRING) {
          out.string(f, v0 + 1, p - 1, strFlags);
          if (f === F_TYPE) {
            out.typeIs = bytesAre(b, v0 + 1, p - 1, SCALAR_BYTES)
              ? TYPE_SCALAR
              : bytesAre(b, v0 + 1, p - 1, LOG_BYTES)
                ? TYPE_LOG
                : 0;
          }
        } else if (valKind === NUMBER) {
          out.num[f] = numValue;
          numbers |= bit;
        } else if (valKind === TRUE) trues |= bit;
        else if (valKind === FALSE) falses |= bit;
      }
      if (valKind === STRING) strings |= bit;
    } else {
      p = scanValue(b, p, end);
      if (p < 0) return FALLBACK;
      const x = out.extras++;
      out.k0[x] = k0;
      out.k1[x] = k1;
    }
    out.keys++;
  }
  while (p < end && isWs(b[p])) p++;
  if (p < end && b[p] !== 0x0a) return FALLBACK;
  out.present = present;
  out.strings = strings;
  out.numbers = numbers;
  out.trues = trues;
  out.falses = falses;
  out.same = same;
  return p;
}

/** Whether the n bytes at a and at c are the same (4 at a time). */
export function sameBytes(dv: DataView, a: number, c: number, n: number): boolean {
  if (n < 4) {
    for (let i = 0; i < n; i++) if (dv.getUint8(a + i) !== dv.getUint8(c + i)) return false;
    return true;
  }
  for (let i = 0; i + 4 <= n; i += 4) if (dv.getInt32(a + i) !== dv.getInt32(c + i)) return false;
  // The last bytes as the word that ends with them (it overlaps the words before).
  return dv.getInt32(a + n - 4) === dv.getInt32(c + n - 4);
}

/** Whether bytes [a0, a1) of `b` are `want`'s (ASCII). */
export function bytesAre(b: Buffer, a0: number, a1: number, want: Uint8Array): boolean {
  if (a1 - a0 !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (b[a0 + i] !== want[i]) return false;
  return true;
}

/** A string's content bytes [s0, s1) with its flags, as the string JSON.parse reads. */
export function stringAt(buf: Buffer, s0: number, s1: number, flags: number): string {
  if (flags & ESCAPED) return JSON.parse(buf.toString('utf8', s0 - 1, s1 + 1)) as string;
  return flags & NON_ASCII ? buf.toString('utf8', s0, s1) : buf.toString('latin1', s0, s1);
}
