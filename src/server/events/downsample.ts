import type { ScalarChunk } from '../store/store';

export type ScalarKey = 'iter' | 'timestamp' | 'iso_time';

/** Above this many points a series is downsampled from chunk summaries alone, never reading the points. */
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
  const sorted = points.every((p, i) => i === 0 || byX(points[i - 1]) <= byX(p)) ? points : [...points].sort((a, b) => byX(a) - byX(b));
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

/**
 * Reduces a series to at most `samples` points. Small series come back whole; larger
 * ones are cut into equal runs, each represented by its minimum and maximum point.
 * Series above RAW_READ_LIMIT use the per-chunk summaries, so the cost depends on
 * the number of chunks, not points.
 */
export async function downsample(
  count: number,
  samples: number,
  key: ScalarKey,
  read: (withPoints: boolean) => Promise<ScalarChunk[]>,
): Promise<XY> {
  const buckets = Math.max(1, Math.floor(samples / 2));
  if (count <= RAW_READ_LIMIT || count <= samples) {
    const chunks = await read(true);
    const pts: Pt[] = [];
    for (const c of chunks) for (let i = 0; i < c.count; i++) pts.push({ iter: c.iters![i], time: c.times![i], y: c.values![i] });
    if (pts.length <= samples) return output(pts, key);
    const out: Pt[] = [];
    const per = pts.length / buckets;
    for (let b = 0; b < buckets; b++) {
      const from = Math.floor(b * per);
      const to = Math.min(pts.length, Math.floor((b + 1) * per));
      if (from >= to) continue;
      let lo = from;
      let hi = from;
      for (let i = from + 1; i < to; i++) {
        if (pts[i].y < pts[lo].y) lo = i;
        if (pts[i].y > pts[hi].y) hi = i;
      }
      pushExtremes(out, pts[lo], lo, pts[hi], hi);
    }
    return output(out, key);
  }
  const chunks = await read(false);
  const per = Math.max(1, Math.ceil(chunks.length / buckets));
  const out: Pt[] = [];
  for (let from = 0; from < chunks.length; from += per) {
    let lo = chunks[from];
    let hi = chunks[from];
    let loAt = from;
    let hiAt = from;
    for (let i = from + 1; i < Math.min(chunks.length, from + per); i++) {
      if (chunks[i].minY < lo.minY) (lo = chunks[i]), (loAt = i);
      if (chunks[i].maxY > hi.maxY) (hi = chunks[i]), (hiAt = i);
    }
    const min = { iter: lo.minIter, time: lo.minTime, y: lo.minY };
    const max = { iter: hi.maxIter, time: hi.maxTime, y: hi.maxY };
    // Within one chunk, order the two by iteration.
    const sameChunk = loAt === hiAt;
    pushExtremes(out, min, sameChunk ? min.iter : loAt, max, sameChunk ? max.iter : hiAt);
  }
  return output(out, key);
}
