import type { ScalarChunk } from '../store/store';
import type { ScalarKey, XY } from './downsample';

/** Per bucket: where it starts and ends on the x axis, and its lowest and highest value (two entries a bucket). */
export interface Band {
  x: number[];
  min: number[];
  max: number[];
}

export interface ZoomedXY extends XY {
  /** Present when the points were bucketed; absent when x/y are every point of the range. */
  band?: Band;
}

export interface XRange {
  min?: number;
  max?: number;
}

export interface ChunkSource {
  /** Every chunk's summary, in order of arrival (no points). */
  summaries(): Promise<ScalarChunk[]>;
  /** The chunks with from ≤ seq < to, with their points. */
  points(from: number, to: number): Promise<ScalarChunk[]>;
}

interface Pt {
  x: number;
  iter: number;
  time: number;
  y: number;
}

/** A run of points (one point, a whole chunk, or the in-range part of one) known by its extremes. */
interface Piece {
  x0: number;
  x1: number;
  min: Pt;
  max: Pt;
}

function chunkSpan(c: ScalarChunk, key: ScalarKey): [number, number] {
  const xs = key === 'iter' ? [c.firstIter, c.lastIter, c.minIter, c.maxIter] : [c.firstTime, c.lastTime, c.minTime, c.maxTime];
  return [Math.min(...xs), Math.max(...xs)];
}

function summaryPiece(c: ScalarChunk, key: ScalarKey): Piece {
  const [x0, x1] = chunkSpan(c, key);
  const min = { iter: c.minIter, time: c.minTime, y: c.minY, x: key === 'iter' ? c.minIter : c.minTime };
  const max = { iter: c.maxIter, time: c.maxTime, y: c.maxY, x: key === 'iter' ? c.maxIter : c.maxTime };
  return { x0, x1, min, max };
}

function xValue(p: Pt, key: ScalarKey): number | string {
  return key === 'iso_time' ? new Date(p.time).toISOString() : p.x;
}

/**
 * A series over an x range (iterations, or milliseconds for time keys) at the resolution `samples`
 * allows: every point when the range holds at most `samples`, else buckets of consecutive points, each
 * drawn as its lowest and highest point and reported in `band`, so a single spike shows at any zoom.
 * Chunks wholly inside the range are taken from their summaries; points are read only for the chunks
 * the range cuts, or when the range holds fewer chunks than buckets (at most buckets × chunk size
 * points). A chunk's x extent is taken from its first, last and extreme points, which is exact for
 * series reported in order (the SDKs' case).
 */
export async function zoomSeries(samples: number, key: ScalarKey, range: XRange, src: ChunkSource): Promise<ZoomedXY> {
  const lo = range.min ?? -Infinity;
  const hi = range.max ?? Infinity;
  const buckets = Math.max(1, Math.floor(samples / 2));
  const inside: ScalarChunk[] = [];
  const cut: ScalarChunk[] = [];
  let count = 0;
  for (const c of await src.summaries()) {
    const [x0, x1] = chunkSpan(c, key);
    if (x1 < lo || x0 > hi) continue;
    if (x0 >= lo && x1 <= hi) inside.push(c);
    else cut.push(c);
    count += c.count;
  }
  const pointsOf = async (chunks: ScalarChunk[]): Promise<Map<number, Pt[]>> => {
    const out = new Map<number, Pt[]>();
    if (!chunks.length) return out;
    const want = new Set(chunks.map((c) => c.seq));
    const seqs = [...want].sort((a, b) => a - b);
    // One read per run of consecutive chunks (the range cuts at most two apart from the rest).
    const read: ScalarChunk[] = [];
    for (let i = 0; i < seqs.length;) {
      let j = i;
      while (j + 1 < seqs.length && seqs[j + 1] === seqs[j] + 1) j++;
      read.push(...(await src.points(seqs[i], seqs[j] + 1)));
      i = j + 1;
    }
    for (const c of read) {
      // A store that ignores the seq range hands back more: keep what was asked for.
      if (!want.has(c.seq) || !c.values) continue;
      const pts: Pt[] = [];
      for (let i = 0; i < c.count; i++) {
        const x = key === 'iter' ? c.iters![i] : c.times![i];
        if (x >= lo && x <= hi) pts.push({ x, iter: c.iters![i], time: c.times![i], y: c.values[i] });
      }
      out.set(c.seq, pts);
    }
    return out;
  };

  if (count <= samples || inside.length < buckets) {
    const all = [...inside, ...cut].sort((a, b) => a.seq - b.seq);
    const read = await pointsOf(all);
    const pts = all.flatMap((c) => read.get(c.seq) ?? []);
    if (pts.length <= samples) return output(pts, key);
    return bucketed(
      pts.map((p) => ({ x0: p.x, x1: p.x, min: p, max: p })),
      buckets,
      key,
    );
  }
  const read = await pointsOf(cut);
  const pieces: (Piece & { seq: number })[] = inside.map((c) => ({ ...summaryPiece(c, key), seq: c.seq }));
  for (const c of cut) {
    const pts = read.get(c.seq) ?? [];
    if (!pts.length) continue;
    let min = pts[0];
    let max = pts[0];
    for (const p of pts) {
      if (p.y < min.y) min = p;
      if (p.y > max.y) max = p;
    }
    pieces.push({ x0: Math.min(...pts.map((p) => p.x)), x1: Math.max(...pts.map((p) => p.x)), min, max, seq: c.seq });
  }
  pieces.sort((a, b) => a.seq - b.seq);
  return bucketed(pieces, buckets, key);
}

function byX(a: Pt, b: Pt) {
  return a.x - b.x;
}

function output(pts: Pt[], key: ScalarKey): ZoomedXY {
  const sorted = pts.every((p, i) => i === 0 || pts[i - 1].x <= p.x) ? pts : [...pts].sort(byX);
  return { x: sorted.map((p) => xValue(p, key)), y: sorted.map((p) => p.y) };
}

/** Groups consecutive pieces into at most `buckets` buckets: their extremes as points, and the band. */
function bucketed(pieces: Piece[], buckets: number, key: ScalarKey): ZoomedXY {
  const per = Math.max(1, Math.ceil(pieces.length / buckets));
  const pts: Pt[] = [];
  const rows: { x0: number; x1: number; min: number; max: number }[] = [];
  for (let from = 0; from < pieces.length; from += per) {
    let { x0, x1, min, max } = pieces[from];
    for (let i = from + 1; i < Math.min(pieces.length, from + per); i++) {
      const p = pieces[i];
      x0 = Math.min(x0, p.x0);
      x1 = Math.max(x1, p.x1);
      if (p.min.y < min.y) min = p.min;
      if (p.max.y > max.y) max = p.max;
    }
    if (min === max) pts.push(min);
    else pts.push(...[min, max].sort(byX));
    rows.push({ x0, x1, min: min.y, max: max.y });
  }
  const xy = output(pts, key);
  rows.sort((a, b) => a.x0 - b.x0);
  const band: Band = { x: [], min: [], max: [] };
  for (const r of rows) {
    band.x.push(r.x0, r.x1);
    band.min.push(r.min, r.min);
    band.max.push(r.max, r.max);
  }
  return { ...xy, band };
}
