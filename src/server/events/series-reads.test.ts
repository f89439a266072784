/**
 * What a chart of a long series reads from the store, on the database this run tests: summaries once, and
 * the points of a few chunks only when the summaries hold too few (counted rows, not timed).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStore } from '../store/testing/test-store';
import { SUMMARY_STRIDE, type Store } from '../store/store';
import { seriesData } from './series';

let store: Store;
let remove: () => Promise<void>;
const N = 300_001;
beforeAll(async () => {
  ({ store, remove } = await openTestStore());
  // A rising series (its chunks' extremes are their first and last points) and a small one.
  for (let from = 0; from < N; from += 50_000) {
    await store.events.addScalars(
      Array.from({ length: Math.min(50_000, N - from) }, (_, k) => ({
        task: 't',
        metric: 'm',
        variant: 'rising',
        iter: from + k,
        value: (from + k) / N,
        timestamp: 1e12 + from + k,
      })),
    );
  }
  await store.events.addScalars(
    Array.from({ length: 3000 }, (_, i) => ({
      task: 't',
      metric: 'm',
      variant: 'small',
      iter: i,
      value: i === 1500 ? 99 : Math.sin(i),
      timestamp: 2e12 + i,
    })),
  );
}, 180_000);
afterAll(() => remove?.());

it('packs every chunk summary in order, and reads the points of every step-th chunk of a range', async () => {
  const s = (await store.events.listSeries(['t'])).find((x) => x.variant === 'small')!;
  const chunks = await store.events.readChunks(s.id, false);
  expect(chunks).toHaveLength(12);
  const packed = await store.events.readSummaries(s.id);
  expect(Array.from(packed)).toEqual(
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
  );
  expect(packed.length / SUMMARY_STRIDE).toBe(12);
  const every = await store.events.readChunks(s.id, true, { from: 1, to: 11, step: 3 });
  expect(every.map((c) => c.seq)).toEqual([1, 4, 7, 10]);
  expect(Array.from(every[1].iters!)).toEqual(Array.from({ length: 256 }, (_, k) => 4 * 256 + k));
});

it('charts a rising 300,001-point series at 5,000 samples from its summaries and 1 chunk in 7', async () => {
  const s = (await store.events.listSeries(['t'])).find((x) => x.variant === 'rising')!;
  const read = { summaryRows: 0, pointChunks: 0, statements: 0 };
  const events = store.events;
  const counted: Store = {
    ...store,
    events: Object.assign(Object.create(events) as typeof events, {
      readSummaries: async (id: number) => {
        read.statements++;
        const a = await events.readSummaries(id);
        read.summaryRows += a.length / SUMMARY_STRIDE;
        return a;
      },
      readExtremes: async (id: number, g?: number) => {
        read.statements++;
        const a = await events.readExtremes(id, g);
        read.summaryRows += a.length / 6;
        return a;
      },
      readChunks: async (...args: Parameters<typeof events.readChunks>) => {
        read.statements++;
        const cs = await events.readChunks(...args);
        if (args[1]) read.pointChunks += cs.length;
        else read.summaryRows += cs.length;
        return cs;
      },
    }),
  };
  const r = await seriesData(counted, s, { samples: 5_000 });
  expect(r.x).toHaveLength(5_000);
  const xs = r.x as number[];
  expect(xs.every((x, i) => i === 0 || xs[i - 1] < x)).toBe(true);
  expect(r.y.every((y, i) => y === xs[i] / N)).toBe(true);
  const chunks = Math.ceil(N / 256);
  // Summaries once; then the points of 1 chunk in 7 (it read all 1,172 chunks' points: the summaries hold 2,344).
  expect(read.statements).toBe(2);
  expect(read.summaryRows).toBe(chunks);
  expect(read.pointChunks).toBeLessThanOrEqual(Math.ceil(chunks / 7));
  expect(read.pointChunks).toBeGreaterThan(0);
});
