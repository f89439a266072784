import { SCALAR_CHUNK_SIZE, SUMMARY_STRIDE, type ScalarChunk } from '../store/store';

export type ScalarKey = 'iter' | 'timestamp' | 'iso_time';

/**
 * Above this many points a series is downsampled from chunk summaries, never reading the points,
 * as long as the summaries hold enough points for the answer (four a chunk: first, min, max, last).
 */
export const RAW_READ_LIMIT = 200_000;

export interface XY {
  x: (number | string)[];
  y: number[];
}

interface Pt {
  iter: number;
  time: number;
  y: number;
}

function output(points: Pt[], key: ScalarKey): XY {
  const byX = key === 'iter' ? (p: Pt) => p.iter : (p: Pt) => p.time;
  const sorted = points.every((p, i) => i === 0 || byX(points[i - 1]) <= byX(p))
    ? points
    : [...points].sort((a, b) => byX(a) - byX(b));
  return {
    x: sorted.map((p) => (key === 'iso_time' ? new Date(p.time).toISOString() : byX(p))),
    y: sorted.map((p) => p.y),
  };
}

/** As `output`, from columns (no object a point): the same points in the same order. */
function outputColumns(iters: number[], times: number[], ys: number[], key: ScalarKey): XY {
  const xs = key === 'iter' ? iters : times;
  const n = ys.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = xs[i - 1] <= xs[i];
  const iso = (t: number) => new Date(t).toISOString();
  if (sorted) return { x: key === 'iso_time' ? times.map(iso) : xs, y: ys };
  // Stable, as output's sort of the points is.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  return { x: order.map((i) => (key === 'iso_time' ? iso(times[i]) : xs[i])), y: order.map((i) => ys[i]) };
}

/** Pushes a bucket's lowest and highest point, in order of arrival, so that spikes survive. */
function pushExtremes(out: Pt[], min: Pt, minAt: number, max: Pt, maxAt: number) {
  if (minAt === maxAt) out.push(min);
  else if (minAt < maxAt) out.push(min, max);
  else out.push(max, min);
}

const samePoint = (a: Pt, b: Pt) => a.iter === b.iter && a.time === b.time && a.y === b.y;

/** For an odd number of samples: the first of `ends` not kept yet. */
function withOneEnd(out: Pt[], ends: Pt[]): Pt[] {
  const end = ends.find((e) => !out.some((p) => samePoint(p, e)));
  return end ? [...out, end] : out;
}

/** Raw points: equal runs, each its minimum and maximum; an odd `samples` also keeps one more point. */
function fromPoints(chunks: ScalarChunk[], samples: number, key: ScalarKey): XY {
  const total = chunks.reduce((n, c) => n + c.count, 0);
  const iters = new Float64Array(total);
  const times = new Float64Array(total);
  const ys = new Float64Array(total);
  let o = 0;
  for (const c of chunks) {
    iters.set(c.iters!.subarray(0, c.count), o);
    times.set(c.times!.subarray(0, c.count), o);
    ys.set(c.values!.subarray(0, c.count), o);
    o += c.count;
  }
  // Only the points kept become objects.
  const at = (i: number): Pt => ({ iter: iters[i], time: times[i], y: ys[i] });
  if (total <= samples)
    return output(
      Array.from({ length: total }, (_, i) => at(i)),
      key,
    );
  const buckets = Math.max(1, Math.floor(samples / 2));
  const out: Pt[] = [];
  const kept = new Set<number>();
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * total) / buckets);
    const to = Math.floor(((b + 1) * total) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      const y = ys[i];
      if (y < ys[lo]) lo = i;
      if (y > ys[hi]) hi = i;
    }
    pushExtremes(out, at(lo), lo, at(hi), hi);
    kept.add(lo).add(hi);
  }
  if (samples % 2 === 0) return output(out, key);
  // An odd count: the last or first point, else (a monotonic series keeps both) the first not kept from the middle on.
  let extra = [total - 1, 0].find((i) => !kept.has(i)) ?? -1;
  for (let i = total >> 1; extra < 0 && i < total; i++) if (!kept.has(i)) extra = i;
  for (let i = total >> 1; extra < 0 && i >= 0; i--) if (!kept.has(i)) extra = i;
  return output(extra < 0 ? out : [...out, at(extra)], key);
}

/** Chunk groups (chunks at least half as many as samples): each group's minimum and maximum. */
function fromExtremes(ext: Float64Array, samples: number, key: ScalarKey, ends: () => Promise<Pt[]>): Promise<XY> | XY {
  const n = ext.length / 6;
  const groups = Math.max(1, Math.floor(samples / 2));
  const out: Pt[] = [];
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * n) / groups);
    const to = Math.floor(((g + 1) * n) / groups);
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (ext[i * 6] < ext[lo * 6]) lo = i;
      if (ext[i * 6 + 3] > ext[hi * 6 + 3]) hi = i;
    }
    const min = { y: ext[lo * 6], iter: ext[lo * 6 + 1], time: ext[lo * 6 + 2] };
    const max = { y: ext[hi * 6 + 3], iter: ext[hi * 6 + 4], time: ext[hi * 6 + 5] };
    // In one chunk, order the two by iteration; across chunks, by chunk.
    const same = lo === hi;
    pushExtremes(out, min, same ? min.iter : lo, max, same ? max.iter : hi);
  }
  if (samples % 2 === 0) return output(out, key);
  return ends().then((e) => output(withOneEnd(out, e), key));
}

/** A series' stored chunks, as downsampling reads them. */
export interface SeriesSource {
  /** Every chunk with its points, in order. */
  points(): Promise<ScalarChunk[]>;
  /** Extremes packed six a row (see EventRepo.readExtremes): of chunk groups when they are enough for the samples. */
  extremes(): Promise<Float64Array>;
  /** Every chunk's summary, packed SUMMARY_STRIDE numbers a chunk (see EventRepo.readSummaries). */
  summaries(): Promise<Float64Array>;
  /** The points of every step-th chunk with from ≤ seq < to (from's included). */
  every(from: number, to: number, step: number): Promise<ScalarChunk[]>;
}

/** Offsets in a packed summary. */
const SEQ = 0;
const MIN = 2;
const MAX = 5;
const FIRST = 8;
const LAST = 11;
const S = SUMMARY_STRIDE;

/** The point (y, iter, time) at offset `o` of a packed summary. */
const ptAt = (a: Float64Array, o: number): Pt => ({ y: a[o], iter: a[o + 1], time: a[o + 2] });
const sameAt = (a: Float64Array, o: number, b: number) => a[o] === a[b] && a[o + 1] === a[b + 1] && a[o + 2] === a[b + 2];

/** Points added from a chunk's own points to those its summary gives: at most this many a chunk read. */
export const PICKS_PER_CHUNK = 16;

/** The chunk extremes of packed summaries, six numbers a chunk as readExtremes packs them. */
function extremesOf(sums: Float64Array): Float64Array {
  const n = sums.length / S;
  const ext = new Float64Array(n * 6);
  for (let i = 0; i < n; i++) {
    ext.set(sums.subarray(i * S + MIN, i * S + MIN + 3), i * 6);
    ext.set(sums.subarray(i * S + MAX, i * S + MAX + 3), i * 6 + 3);
  }
  return ext;
}

/** For an odd count: the series' last or first point, else a chunk's end from the middle on. */
function endsOf(sums: Float64Array): Pt[] {
  const n = sums.length / S;
  const mid = Array.from({ length: Math.min(4, n - (n >> 1)) }, (_, k) => (n >> 1) + k);
  return [n - 1, 0, ...mid].flatMap((i) => [ptAt(sums, i * S + LAST), ptAt(sums, i * S + FIRST)]);
}

/**
 * Fewer chunks than samples/2: every chunk gives its minimum and maximum, and the points still
 * missing are chunks' first and last points (those that are neither), spread evenly over the
 * series. When even those are too few (a monotonic series: its chunks' extremes are their ends), the
 * rest are points of every so many chunks (PICKS_PER_CHUNK at most a chunk), spread evenly over the
 * series too: only those chunks' points are read. Null when that would read (nearly) every chunk.
 */
async function fromSummaries(src: SeriesSource, sums: Float64Array, samples: number, key: ScalarKey): Promise<XY | null> {
  const n = sums.length / S;
  /** Per chunk: how many of its first and last points are extras (0–2), and whether each is taken. */
  const firstExtra = new Uint8Array(n);
  const lastExtra = new Uint8Array(n);
  let have = 0;
  let extras = 0;
  for (let i = 0; i < n; i++) {
    const o = i * S;
    const oneBase = sameAt(sums, o + MIN, o + MAX);
    have += oneBase ? 1 : 2;
    if (!sameAt(sums, o + FIRST, o + MIN) && !sameAt(sums, o + FIRST, o + MAX)) firstExtra[i] = 1;
    if (
      !sameAt(sums, o + LAST, o + MIN) &&
      !sameAt(sums, o + LAST, o + MAX) &&
      !(firstExtra[i] && sameAt(sums, o + LAST, o + FIRST))
    )
      lastExtra[i] = 1;
    extras += firstExtra[i] + lastExtra[i];
  }
  const needed = samples - have;
  // The extras taken, by their rank among all extras (chunk order, first before last).
  const take = new Uint8Array(extras);
  const more = Math.max(0, needed - extras);
  if (more === 0) for (let j = 0; j < needed; j++) take[Math.floor((j * extras) / needed)] = 1;
  else take.fill(1);
  const picked = more ? await pickInterior(src, sums, more) : new Map<number, Pt[]>();
  if (!picked) return null;
  const iters: number[] = [];
  const times: number[] = [];
  const ys: number[] = [];
  const put = (y: number, iter: number, time: number) => {
    ys.push(y);
    iters.push(iter);
    times.push(time);
  };
  // A chunk's kept summary points, as offsets into `sums`, in order of iteration then time.
  const offs: number[] = [];
  const before = (a: number, b: number) =>
    sums[a + 1] < sums[b + 1] || (sums[a + 1] === sums[b + 1] && sums[a + 2] < sums[b + 2]);
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const o = i * S;
    offs.length = 0;
    offs.push(o + MIN);
    if (!sameAt(sums, o + MIN, o + MAX)) offs.push(o + MAX);
    if (firstExtra[i] && take[rank++]) offs.push(o + FIRST);
    if (lastExtra[i] && take[rank++]) offs.push(o + LAST);
    for (let a = 1; a < offs.length; a++) {
      for (let b = a; b > 0 && before(offs[b], offs[b - 1]); b--) [offs[b - 1], offs[b]] = [offs[b], offs[b - 1]];
    }
    const own = picked.get(i);
    if (!own) for (const at of offs) put(sums[at], sums[at + 1], sums[at + 2]);
    else
      for (const p of [...offs.map((at) => ptAt(sums, at)), ...own].sort((a, b) => a.iter - b.iter || a.time - b.time))
        put(p.y, p.iter, p.time);
  }
  return outputColumns(iters, times, ys, key);
}

/**
 * `more` points that no summary holds, from every step-th chunk (its points read in one statement),
 * evenly spread within each: chunk index → its points. Null when that would read every chunk, or the
 * chunks read do not hold enough (they changed since their summaries were read).
 */
async function pickInterior(src: SeriesSource, sums: Float64Array, more: number): Promise<Map<number, Pt[]> | null> {
  const n = sums.length / S;
  const want = Math.ceil(more / PICKS_PER_CHUNK);
  if (want * 2 > n) return null;
  const step = Math.floor(n / want);
  const first = step >> 1;
  const chosen: number[] = [];
  for (let i = first; i < n; i += step) chosen.push(i);
  const seq0 = sums[first * S + SEQ];
  // Sequence numbers run on without gaps: every step-th chunk by position is every step-th by seq.
  if (chosen.some((i, j) => sums[i * S + SEQ] !== seq0 + j * step)) return null;
  const read = new Map<number, ScalarChunk>();
  for (const c of await src.every(seq0, seq0 + (chosen.length - 1) * step + 1, step)) read.set(c.seq, c);
  const out = new Map<number, Pt[]>();
  for (let j = 0; j < chosen.length; j++) {
    const quota = Math.floor(((j + 1) * more) / chosen.length) - Math.floor((j * more) / chosen.length);
    if (!quota) continue;
    const i = chosen[j];
    const c = read.get(sums[i * S + SEQ]);
    if (!c?.values) return null;
    const o = i * S;
    const kept = [o + MIN, o + MAX, o + FIRST, o + LAST];
    const free: number[] = [];
    for (let k = 0; k < c.count; k++) {
      const y = c.values[k];
      const iter = c.iters![k];
      const time = c.times![k];
      if (!kept.some((at) => sums[at] === y && sums[at + 1] === iter && sums[at + 2] === time)) free.push(k);
    }
    if (free.length < quota) return null;
    const pts: Pt[] = [];
    for (let t = 0; t < quota; t++) {
      const k = free[Math.floor(((t + 0.5) * free.length) / quota)];
      pts.push({ iter: c.iters![k], time: c.times![k], y: c.values[k] });
    }
    out.set(i, pts);
  }
  return out;
}

/**
 * Reduces a series to `samples` points (all of them when it has no more). Large series are cut
 * into equal runs, each represented by its minimum and maximum point, so that spikes survive.
 * A series above RAW_READ_LIMIT is reduced from its chunk summaries (one read of them), at a cost
 * that depends on the number of chunks, not points: when the summaries hold fewer points than asked
 * for, only some chunks' points are read, unless that would be nearly all of them.
 */
export async function downsample(count: number, samples: number, key: ScalarKey, src: SeriesSource): Promise<XY> {
  if (count <= RAW_READ_LIMIT || count <= samples) return fromPoints(await src.points(), samples, key);
  // Every chunk but the last is full: enough chunks for min/max pairs read only their extremes (or their groups').
  if (2 * Math.ceil(count / SCALAR_CHUNK_SIZE) >= samples) {
    const ext = await src.extremes();
    if (2 * (ext.length / 6) >= samples) return fromExtremes(ext, samples, key, async () => endsOf(await src.summaries()));
  }
  const sums = await src.summaries();
  if (2 * (sums.length / S) >= samples) return fromExtremes(extremesOf(sums), samples, key, () => Promise.resolve(endsOf(sums)));
  return (await fromSummaries(src, sums, samples, key)) ?? fromPoints(await src.points(), samples, key);
}
