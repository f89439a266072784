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
  readExtremes: () => Promise<Float64Array>,
): Promise<XY> {
  const buckets = Math.max(1, Math.floor(samples / 2));
  if (count <= RAW_READ_LIMIT || count <= samples) {
    // Scan the columns as typed arrays; only the points kept become objects.
    const chunks = await read(true);
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
    const at = (i: number): Pt => ({ iter: iters[i], time: times[i], y: ys[i] });
    if (total <= samples)
      return output(
        Array.from({ length: total }, (_, i) => at(i)),
        key,
      );
    const out: Pt[] = [];
    const per = total / buckets;
    for (let b = 0; b < buckets; b++) {
      const from = Math.floor(b * per);
      const to = Math.min(total, Math.floor((b + 1) * per));
      if (from >= to) continue;
      let lo = from;
      let hi = from;
      for (let i = from + 1; i < to; i++) {
        const y = ys[i];
        if (y < ys[lo]) lo = i;
        if (y > ys[hi]) hi = i;
      }
      pushExtremes(out, at(lo), lo, at(hi), hi);
    }
    return output(out, key);
  }
  const ext = await readExtremes();
  const n = ext.length / 6;
  const per = Math.max(1, Math.ceil(n / buckets));
  const out: Pt[] = [];
  for (let from = 0; from < n; from += per) {
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < Math.min(n, from + per); i++) {
      if (ext[i * 6] < ext[lo * 6]) lo = i;
      if (ext[i * 6 + 3] > ext[hi * 6 + 3]) hi = i;
    }
    const min = { y: ext[lo * 6], iter: ext[lo * 6 + 1], time: ext[lo * 6 + 2] };
    const max = { y: ext[hi * 6 + 3], iter: ext[hi * 6 + 4], time: ext[hi * 6 + 5] };
    // In one chunk, order the two by iteration; across chunks, by chunk.
    const same = lo === hi;
    pushExtremes(out, min, same ? min.iter : lo, max, same ? max.iter : hi);
  }
  return output(out, key);
}
