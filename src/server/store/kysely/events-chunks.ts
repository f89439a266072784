/**
 * Scalar points are kept per series in chunks: a summary row (count, iteration range, extremes,
 * first and last point) and the points themselves packed as one Float64 blob. Pure functions
 * here; the repository decides which chunks to read and write.
 */
import { SCALAR_CHUNK_SIZE } from '../store';

/** Points per stored chunk. A chunk's summary stands in for it when a series is downsampled. */
export const CHUNK_SIZE = SCALAR_CHUNK_SIZE;

/**
 * Chunks per second-level group. A chart asks for 10,000 samples, i.e. 5,000 min/max pairs; with
 * groups of four chunks (1,024 points) a 10M-point series still has 9,766 groups, enough for that,
 * read in a quarter of the rows its chunks take.
 */
export const GROUP_CHUNKS = 4;

export interface Points {
  iters: number[];
  times: number[];
  values: number[];
}

export function encode(p: Points): Buffer {
  const n = p.values.length;
  const a = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    a[i] = p.iters[i];
    a[n + i] = p.times[i];
    a[2 * n + i] = p.values[i];
  }
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function decode(blob: Uint8Array, n: number): { iters: Float64Array; times: Float64Array; values: Float64Array } {
  // Copy into an aligned buffer: drivers hand out blobs at arbitrary offsets.
  const a = new Float64Array(n * 3);
  new Uint8Array(a.buffer).set(blob.subarray(0, n * 24));
  return { iters: a.subarray(0, n), times: a.subarray(n, 2 * n), values: a.subarray(2 * n, 3 * n) };
}

export const toPoints = (d: { iters: Float64Array; times: Float64Array; values: Float64Array }): Points => ({
  iters: Array.from(d.iters),
  times: Array.from(d.times),
  values: Array.from(d.values),
});

/** A chunk's row in `scalar_chunks`. */
export interface ChunkSummary {
  series: number;
  seq: number;
  count: number;
  lo_iter: number;
  hi_iter: number;
  min_y: number;
  min_iter: number;
  min_time: number;
  max_y: number;
  max_iter: number;
  max_time: number;
  first_iter: number;
  first_time: number;
  first_y: number;
  last_iter: number;
  last_time: number;
  last_y: number;
}

export function summarize(series: number, seq: number, p: Points): ChunkSummary {
  let min = 0;
  let max = 0;
  let lo = p.iters[0];
  let hi = p.iters[0];
  for (let i = 1; i < p.values.length; i++) {
    if (p.values[i] < p.values[min]) min = i;
    if (p.values[i] > p.values[max]) max = i;
    if (p.iters[i] < lo) lo = p.iters[i];
    if (p.iters[i] > hi) hi = p.iters[i];
  }
  const last = p.values.length - 1;
  return {
    series,
    seq,
    count: p.values.length,
    lo_iter: lo,
    hi_iter: hi,
    min_y: p.values[min],
    min_iter: p.iters[min],
    min_time: p.times[min],
    max_y: p.values[max],
    max_iter: p.iters[max],
    max_time: p.times[max],
    first_iter: p.iters[0],
    first_time: p.times[0],
    first_y: p.values[0],
    last_iter: p.iters[last],
    last_time: p.times[last],
    last_y: p.values[last],
  };
}

/** A second-level group's row in `scalar_groups`: the extremes of GROUP_CHUNKS consecutive chunks. */
export type GroupSummary = Pick<
  ChunkSummary,
  'series' | 'seq' | 'count' | 'min_y' | 'min_iter' | 'min_time' | 'max_y' | 'max_iter' | 'max_time'
>;

/** The group of chunks in seq order (of one group, at least one). */
export function summarizeGroup(series: number, seq: number, chunks: ChunkSummary[]): GroupSummary {
  let min = chunks[0];
  let max = chunks[0];
  let count = 0;
  for (const c of chunks) {
    count += c.count;
    if (c.min_y < min.min_y) min = c;
    if (c.max_y > max.max_y) max = c;
  }
  return {
    series,
    seq,
    count,
    min_y: min.min_y,
    min_iter: min.min_iter,
    min_time: min.min_time,
    max_y: max.max_y,
    max_iter: max.max_iter,
    max_time: max.max_time,
  };
}

/**
 * A batch's points of one series, as columns in the order they came, one per iteration (the last point
 * of an iteration wins, in the place of its first), with their iteration range; `taken` marks those a
 * stored chunk took over (their iteration was stored already).
 */
export interface FreshPoints {
  iters: ArrayLike<number>;
  times: ArrayLike<number>;
  values: ArrayLike<number>;
  lo: number;
  hi: number;
  taken: Uint8Array;
  /** Index of each iteration, made when a stored chunk's iterations first meet the batch's range. */
  index?: Map<number, number>;
}

/** A series' batch columns as FreshPoints: copied only when an iteration repeats (a batch that only moves on, the usual one, is not). */
export function freshPoints(iters: ArrayLike<number>, times: ArrayLike<number>, values: ArrayLike<number>): FreshPoints {
  const n = values.length;
  let lo = Infinity;
  let hi = -Infinity;
  let increasing = true;
  for (let i = 0; i < n; i++) {
    const it = iters[i];
    if (i && !(it > iters[i - 1])) increasing = false;
    if (it < lo) lo = it;
    if (it > hi) hi = it;
  }
  if (increasing) return { iters, times, values, lo, hi, taken: new Uint8Array(n) };
  const at = new Map<number, number>();
  const out = { iters: [] as number[], times: [] as number[], values: [] as number[] };
  for (let i = 0; i < n; i++) {
    const k = at.get(iters[i]);
    if (k === undefined) {
      at.set(iters[i], out.values.length);
      out.iters.push(iters[i]);
      out.times.push(times[i]);
      out.values.push(values[i]);
    } else {
      out.times[k] = times[i];
      out.values[k] = values[i];
    }
  }
  return { ...out, lo, hi, taken: new Uint8Array(out.values.length), index: at };
}

/**
 * Writes the fresh points whose iteration a stored chunk already holds over those points (last
 * write wins, as ClearML overwrites an event of the same id) and marks them taken.
 * Returns whether the chunk changed.
 */
export function overwriteInPlace(chunk: Points, fresh: FreshPoints): { changed: boolean; delta: number } {
  let changed = false;
  // What the series' total of values moves by (its mean is kept as a total and a count).
  let delta = 0;
  for (let i = 0; i < chunk.iters.length; i++) {
    const it = chunk.iters[i];
    if (it < fresh.lo || it > fresh.hi) continue;
    if (!fresh.index) {
      fresh.index = new Map();
      for (let k = 0; k < fresh.iters.length; k++) fresh.index.set(fresh.iters[k], k);
    }
    const k = fresh.index.get(it);
    if (k === undefined) continue;
    fresh.taken[k] = 1;
    if (!Object.is(chunk.values[i], fresh.values[k]) || !Object.is(chunk.times[i], fresh.times[k])) {
      delta += fresh.values[k] - chunk.values[i];
      chunk.values[i] = fresh.values[k];
      chunk.times[i] = fresh.times[k];
      changed = true;
    }
  }
  return { changed, delta };
}
