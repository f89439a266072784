import { describe, expect, it } from 'vitest';
import type { ScalarChunk } from '../store/store';
import { downsample, RAW_READ_LIMIT } from './downsample';

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
  let pointReads = 0;
  const read = (withPoints: boolean) => {
    if (withPoints) pointReads++;
    return Promise.resolve(withPoints ? chunks : chunks.map(({ iters: _i, times: _t, values: _v, ...s }) => s));
  };
  const extremes = () =>
    Promise.resolve(Float64Array.from(chunks.flatMap((c) => [c.minY, c.minIter, c.minTime, c.maxY, c.maxIter, c.maxTime])));
  return { read, extremes, pointReads: () => pointReads };
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
  ])('reduces %i points to exactly min(count, %i) = %i', async (n, samples, want) => {
    const s = series(n, noisy);
    const r = await downsample(n, samples, 'iter', s.read, s.extremes);
    expect(r.x).toHaveLength(want);
    expect(r.y).toHaveLength(want);
    const xs = r.x as number[];
    expect(xs.every((x, i) => i === 0 || xs[i - 1] <= x)).toBe(true);
  });

  it('reads no points of a series above the raw limit when its summaries suffice', async () => {
    const n = 1_000_000;
    const s = series(n, (i) => (i === 654_321 ? 1e6 : i === 123_457 ? -1e6 : noisy(i)));
    const r = await downsample(n, 2_000, 'iter', s.read, s.extremes);
    expect(s.pointReads()).toBe(0);
    expect(r.y).toContain(1e6);
    expect(r.y).toContain(-1e6);
    expect(r.x[r.y.indexOf(1e6)]).toBe(654_321);
  });

  it('keeps spikes and the ends when the answer mixes chunk extremes with first and last points', async () => {
    const n = 300_001;
    const s = series(n, (i) => (i === 200_000 ? 1e6 : noisy(i)));
    const r = await downsample(n, 2_000, 'timestamp', s.read, s.extremes);
    expect(s.pointReads()).toBe(0);
    expect(r.y).toContain(1e6);
    expect(r.x[0]).toBe(1e12);
    expect(r.x.at(-1)).toBe(1e12 + n - 1);
  });
});
