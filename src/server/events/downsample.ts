import type { ScalarChunk } from '../store/store';

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

/** Raw points: equal runs, each its minimum and maximum; an odd `samples` also keeps the last point. */
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
  }
  return output(samples % 2 ? withOneEnd(out, [at(total - 1), at(0)]) : out, key);
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

/**
 * Fewer chunks than samples/2: every chunk gives its minimum and maximum, and the points still
 * missing are chunks' first and last points (those that are neither), spread evenly over the
 * series. Null when the summaries hold fewer points than asked for.
 */
function fromSummaries(chunks: ScalarChunk[], samples: number, key: ScalarKey): XY | null {
  const base: Pt[][] = [];
  const extras: { chunk: number; p: Pt }[] = [];
  let have = 0;
  chunks.forEach((c, i) => {
    const min = { iter: c.minIter, time: c.minTime, y: c.minY };
    const max = { iter: c.maxIter, time: c.maxTime, y: c.maxY };
    const pts = samePoint(min, max) ? [min] : [min, max];
    base.push(pts);
    have += pts.length;
    // Only this chunk's own extras can repeat a point (comparing with all of them was quadratic).
    const own: Pt[] = [];
    for (const p of [
      { iter: c.firstIter, time: c.firstTime, y: c.firstY },
      { iter: c.lastIter, time: c.lastTime, y: c.lastY },
    ]) {
      if (pts.some((q) => samePoint(p, q)) || own.some((q) => samePoint(p, q))) continue;
      own.push(p);
      extras.push({ chunk: i, p });
    }
  });
  const needed = samples - have;
  if (needed > extras.length) return null;
  for (let j = 0; j < needed; j++) {
    const e = extras[Math.floor((j * extras.length) / needed)];
    base[e.chunk].push(e.p);
  }
  const out = base.flatMap((pts) => pts.sort((a, b) => a.iter - b.iter || a.time - b.time));
  return output(out, key);
}

/**
 * Reduces a series to `samples` points (all of them when it has no more). Large series are cut
 * into equal runs, each represented by its minimum and maximum point, so that spikes survive.
 * A series above RAW_READ_LIMIT is reduced from its chunk summaries, at a cost that depends on
 * the number of chunks, not points, unless its summaries hold fewer points than asked for.
 */
export async function downsample(
  count: number,
  samples: number,
  key: ScalarKey,
  read: (withPoints: boolean) => Promise<ScalarChunk[]>,
  readExtremes: () => Promise<Float64Array>,
): Promise<XY> {
  if (count <= RAW_READ_LIMIT || count <= samples) return fromPoints(await read(true), samples, key);
  const ext = await readExtremes();
  const n = ext.length / 6;
  // For an odd count: the series' last or first point, else a chunk's end from the middle on.
  const ends = async () => {
    const cs = await read(false);
    const mid = cs.slice(cs.length >> 1, (cs.length >> 1) + 4);
    return [cs[cs.length - 1], cs[0], ...mid].flatMap((c) => [
      { iter: c.lastIter, time: c.lastTime, y: c.lastY },
      { iter: c.firstIter, time: c.firstTime, y: c.firstY },
    ]);
  };
  if (2 * n >= samples) return fromExtremes(ext, samples, key, ends);
  return (4 * n >= samples && fromSummaries(await read(false), samples, key)) || fromPoints(await read(true), samples, key);
}
