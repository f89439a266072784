import { describe, expect, it } from 'vitest';
import type { ScalarChunk } from '../store/store';
import { downsample, PICKS_PER_CHUNK, RAW_READ_LIMIT, type SeriesSource } from './downsample';

/** A series of `n` points stored as chunks of 256, with the summaries a store keeps. */
function series(n: number, y: (i: number) => number) {
  const chunks: ScalarChunk[] = [];
  for (let from = 0, seq = 0; from < n; from += 256, seq++) {
    const count = Math.min(256, n - from);
    const iters = Float64Array.from({ length: count }, (_, k) => from + k);
    const values = Float64Array.from({ length: count }, (_, k) => y(from + k));
    const times = Float64Array.from({ length: count }, (_, k) => 1e12 + from + k);
    let lo = 0;
    let hi = 0;
    values.forEach((v, k) => {
      if (v < values[lo]) lo = k;
      if (v > values[hi]) hi = k;
    });
    chunks.push({
      series: 1,
      seq,
      count,
      minY: values[lo],
      minIter: iters[lo],
      minTime: times[lo],
      maxY: values[hi],
      maxIter: iters[hi],
      maxTime: times[hi],
      firstIter: iters[0],
      firstTime: times[0],
      firstY: values[0],
      lastIter: iters[count - 1],
      lastTime: times[count - 1],
      lastY: values[count - 1],
      iters,
      times,
      values,
    });
  }
  /** What the downsampling read: statements, summary rows and chunks read with their points. */
  const reads = { statements: 0, summaryRows: 0, pointChunks: 0, points: 0 };
  const withPoints = (cs: ScalarChunk[]) => {
    reads.statements++;
    reads.pointChunks += cs.length;
    reads.points += cs.reduce((k, c) => k + c.count, 0);
    return Promise.resolve(cs);
  };
  const src: SeriesSource = {
    points: () => withPoints(chunks),
    every: (from, to, step) => withPoints(chunks.filter((c) => c.seq >= from && c.seq < to && (c.seq - from) % step === 0)),
    extremes: () => {
      reads.statements++;
      reads.summaryRows += chunks.length;
      return Promise.resolve(
        Float64Array.from(chunks.flatMap((c) => [c.minY, c.minIter, c.minTime, c.maxY, c.maxIter, c.maxTime])),
      );
    },
    summaries: () => {
      reads.statements++;
      reads.summaryRows += chunks.length;
      return Promise.resolve(
        Float64Array.from(
          chunks.flatMap((c) => [
            c.seq,
            c.count,
            c.minY,
            c.minIter,
            c.minTime,
            c.maxY,
            c.maxIter,
            c.maxTime,
            c.firstY,
            c.firstIter,
            c.firstTime,
            c.lastY,
            c.lastIter,
            c.lastTime,
          ]),
        ),
      );
    },
  };
  return { src, reads, pointReads: () => reads.pointChunks };
}

const noisy = (i: number) => Math.sin(i / 500) + ((i * 7919) % 1000) / 1e4;

describe('downsample', () => {
  it.each([
    [1_000, 2_000, 1_000],
    [50_000, 2_000, 2_000],
    [50_000, 999, 999],
    [RAW_READ_LIMIT + 1, 2_000, 2_000],
    [300_001, 2_000, 2_000],
    [300_001, 10_000, 10_000],
    [1_000_000, 2_000, 2_000],
    [1_000_000, 5_001, 5_001],
    [1_000_000, 10_000, 10_000],
    [1_000_000, 10_001, 10_001],
    [300_001, 20_000, 20_000],
  ])('reduces %i points to exactly min(count, %i) = %i', async (n, samples, want) => {
    const s = series(n, noisy);
    const r = await downsample(n, samples, 'iter', s.src);
    expect(r.x).toHaveLength(want);
    expect(r.y).toHaveLength(want);
    const xs = r.x as number[];
    expect(xs.every((x, i) => i === 0 || xs[i - 1] <= x)).toBe(true);
  });

  it.each([
    [50_000, 999],
    [1_001, 999],
    [RAW_READ_LIMIT, 10_001],
  ])('reduces a rising series of %i points to exactly %i (odd) points', async (n, samples) => {
    // Each run's extremes are its ends: the first and last point are kept already, the odd one is another.
    const s = series(n, (i) => i);
    const r = await downsample(n, samples, 'iter', s.src);
    expect(r.x).toHaveLength(samples);
    expect(new Set(r.x).size).toBe(samples);
    const xs = r.x as number[];
    expect(xs.every((x, i) => i === 0 || xs[i - 1] < x)).toBe(true);
  });

  it('reads no points of a series above the raw limit when its summaries suffice', async () => {
    const n = 1_000_000;
    const s = series(n, (i) => (i === 654_321 ? 1e6 : i === 123_457 ? -1e6 : noisy(i)));
    const r = await downsample(n, 2_000, 'iter', s.src);
    expect(s.pointReads()).toBe(0);
    expect(r.y).toContain(1e6);
    expect(r.y).toContain(-1e6);
    expect(r.x[r.y.indexOf(1e6)]).toBe(654_321);
  });

  it('keeps spikes and the ends when the answer mixes chunk extremes with first and last points', async () => {
    const n = 300_001;
    const s = series(n, (i) => (i === 200_000 ? 1e6 : noisy(i)));
    const r = await downsample(n, 2_000, 'timestamp', s.src);
    expect(s.pointReads()).toBe(0);
    expect(r.y).toContain(1e6);
    expect(r.x[0]).toBe(1e12);
    expect(r.x.at(-1)).toBe(1e12 + n - 1);
  });

  // The chart of a 1M-point series at 10,000 samples: 3,907 chunks, whose extremes (7,814 points) are not enough.
  const big = 1_000_000;
  const chunksOf = (n: number) => Math.ceil(n / 256);

  it('answers 10,000 samples of a 1M-point series from one read of its chunk summaries, and no points', async () => {
    const s = series(big, (i) => (i === 654_321 ? 1e6 : noisy(i)));
    const r = await downsample(big, 10_000, 'iter', s.src);
    expect(r.x).toHaveLength(10_000);
    expect(r.y).toContain(1e6);
    // Each summary row once (it read them twice: their extremes, then the whole summaries), no point.
    expect(s.reads).toEqual({ statements: 1, summaryRows: chunksOf(big), pointChunks: 0, points: 0 });
  });

  it('answers 10,000 samples of a monotonic 1M-point series reading the points of few chunks, in one statement', async () => {
    // A monotonic series' chunk extremes are its chunk ends: summaries hold 2 points a chunk, 7,814 of the 10,000.
    const s = series(big, (i) => i / big);
    const r = await downsample(big, 10_000, 'iter', s.src);
    expect(r.x).toHaveLength(10_000);
    const xs = r.x as number[];
    expect(new Set(xs).size).toBe(10_000);
    expect(xs.every((x, i) => i === 0 || xs[i - 1] < x)).toBe(true);
    expect(r.y.every((y, i) => y === xs[i] / big)).toBe(true);
    expect(xs[0]).toBe(0);
    expect(xs.at(-1)).toBe(big - 1);
    // It read all 1M points (3,907 chunks) when summaries fell short.
    expect(s.reads.statements).toBe(2);
    expect(s.reads.summaryRows).toBe(chunksOf(big));
    // 2,186 points missing, PICKS_PER_CHUNK at most a chunk: every 28th chunk (140 chunks), 4% of them.
    const missing = 10_000 - 2 * chunksOf(big);
    expect(s.reads.pointChunks).toBeGreaterThanOrEqual(missing / PICKS_PER_CHUNK);
    expect(s.reads.pointChunks).toBeLessThan(chunksOf(big) / 20);
    expect(s.reads.points).toBeLessThan(big / 20);
    // The added points are spread over the series: no tenth of it without any.
    for (let d = 0; d < 10; d++) {
      const inTenth = xs.filter((x) => x >= (d * big) / 10 && x < ((d + 1) * big) / 10 && x % 256 !== 0 && x % 256 !== 255);
      expect(inTenth.length, `tenth ${d}`).toBeGreaterThan(100);
    }
  });

  it('keeps every chunk extreme when it adds points read from chunks', async () => {
    // Rising, with one spike down and one up: summaries hold too few points, and the spikes must stay.
    const s = series(big, (i) => (i === 333_333 ? -5 : i === 777_777 ? 5 : i / big));
    const r = await downsample(big, 10_001, 'timestamp', s.src);
    expect(r.x).toHaveLength(10_001);
    expect(r.y).toContain(-5);
    expect(r.y).toContain(5);
    expect(r.x[r.y.indexOf(5)]).toBe(1e12 + 777_777);
    expect(s.reads.points).toBeLessThan(big / 20);
  });
});
