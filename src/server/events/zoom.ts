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
  const inRange = (x: number) => x >= lo && x <= hi;
  const xsOf = (c: ScalarChunk) => (key === 'iter' ? c.iters! : c.times!);

  if (count <= samples || inside.length < buckets) {
    const all = [...inside, ...cut].sort((a, b) => a.seq - b.seq);
    const cols = columnsOf(await readWithPoints(src, all), xsOf, inRange);
    if (cols.n <= samples)
      return output(
        Array.from({ length: cols.n }, (_, i) => cols.at(i)),
        key,
      );
    return bucketedColumns(cols, buckets, key);
  }
  const pointsOf = async (chunks: ScalarChunk[]): Promise<Map<number, Pt[]>> => {
    const out = new Map<number, Pt[]>();
    for (const c of await readWithPoints(src, chunks)) {
      const xs = xsOf(c);
      const pts: Pt[] = [];
      for (let i = 0; i < c.count; i++) {
        if (inRange(xs[i])) pts.push({ x: xs[i], iter: c.iters![i], time: c.times![i], y: c.values![i] });
      }
      out.set(c.seq, pts);
    }
    return out;
  };
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

/** The chunks asked for, with their points: one read per run of consecutive chunks. */
async function readWithPoints(src: ChunkSource, chunks: ScalarChunk[]): Promise<ScalarChunk[]> {
  if (!chunks.length) return [];
  const want = new Set(chunks.map((c) => c.seq));
  const seqs = [...want].sort((a, b) => a - b);
  const read: ScalarChunk[] = [];
  for (let i = 0; i < seqs.length;) {
    let j = i;
    while (j + 1 < seqs.length && seqs[j + 1] === seqs[j] + 1) j++;
    read.push(...(await src.points(seqs[i], seqs[j] + 1)));
    i = j + 1;
  }
  // A store that ignores the seq range hands back more: keep what was asked for.
  return read.filter((c) => want.has(c.seq) && c.values).sort((a, b) => a.seq - b.seq);
}

/** The in-range points of chunks as columns, in order: no object a point (a range holds up to buckets × chunk size). */
interface Columns {
  n: number;
  x: Float64Array;
  y: Float64Array;
  at(i: number): Pt;
}

function columnsOf(chunks: ScalarChunk[], xsOf: (c: ScalarChunk) => Float64Array, inRange: (x: number) => boolean): Columns {
  const size = chunks.reduce((n, c) => n + c.count, 0);
  const x = new Float64Array(size);
  const iter = new Float64Array(size);
  const time = new Float64Array(size);
  const y = new Float64Array(size);
  let n = 0;
  for (const c of chunks) {
    const xs = xsOf(c);
    for (let i = 0; i < c.count; i++) {
      if (!inRange(xs[i])) continue;
      x[n] = xs[i];
      iter[n] = c.iters![i];
      time[n] = c.times![i];
      y[n] = c.values![i];
      n++;
    }
  }
  return { n, x, y, at: (i) => ({ x: x[i], iter: iter[i], time: time[i], y: y[i] }) };
}

/** `bucketed` over single points held in columns: the same buckets, extremes and band. */
function bucketedColumns(c: Columns, buckets: number, key: ScalarKey): ZoomedXY {
  const per = Math.max(1, Math.ceil(c.n / buckets));
  const pts: Pt[] = [];
  const rows: BandRow[] = [];
  for (let from = 0; from < c.n; from += per) {
    const to = Math.min(c.n, from + per);
    let x0 = c.x[from];
    let x1 = x0;
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (c.x[i] < x0) x0 = c.x[i];
      if (c.x[i] > x1) x1 = c.x[i];
      if (c.y[i] < c.y[lo]) lo = i;
      if (c.y[i] > c.y[hi]) hi = i;
    }
    if (lo === hi) pts.push(c.at(lo));
    else pts.push(...[c.at(lo), c.at(hi)].sort(byX));
    rows.push({ x0, x1, min: c.y[lo], max: c.y[hi] });
  }
  return withBand(output(pts, key), rows);
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
  const rows: BandRow[] = [];
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
  return withBand(output(pts, key), rows);
}

interface BandRow {
  x0: number;
  x1: number;
  min: number;
  max: number;
}

function withBand(xy: ZoomedXY, rows: BandRow[]): ZoomedXY {
  rows.sort((a, b) => a.x0 - b.x0);
  const band: Band = { x: [], min: [], max: [] };
  for (const r of rows) {
    band.x.push(r.x0, r.x1);
    band.min.push(r.min, r.min);
    band.max.push(r.max, r.max);
  }
  return { ...xy, band };
}
