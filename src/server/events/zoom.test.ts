/** Full-fidelity zoom: the scalar histograms over an x range, with per-bucket extremes, read from chunk summaries. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HistogramSeries } from '../../shared/api/results';
import { startTestServer, type TestServer } from '../testing/server';

interface Series {
  name: string;
  x: number[];
  y: number[];
  band?: { x: number[]; min: number[]; max: number[] };
}

/** The answer's x as numbers (the contract allows ISO strings, which only `key: iso_time` gives). */
const numeric = (s: HistogramSeries): Series => ({ ...s, x: s.x.map(Number) });

const N = 300_000;
const SPIKE_AT = 123_457;
const DIP_AT = 250_001;
const value = (i: number) => (i === SPIKE_AT ? 1000 : i === DIP_AT ? -1000 : Math.sin(i / 500));

let srv: TestServer;
let task: string;
let other: string;
/** Points the store decoded since the last reset (the chunks read with their points). */
let pointsRead = 0;

beforeAll(async () => {
  // The reads are counted on the server's own store: chart reads stay on its thread (no reader pool).
  srv = await startTestServer({ readerThreads: 0 });
  task = (await srv.client.call('tasks.create', { name: 'zoom', type: 'training' })).id;
  other = (await srv.client.call('tasks.create', { name: 'zoom 2', type: 'training' })).id;
  for (const t of [task, other]) await srv.client.call('tasks.started', { task: t });
  for (let from = 0; from < N; from += 50_000) {
    const batch = [];
    for (let i = from; i < from + 50_000; i++)
      batch.push({
        type: 'training_stats_scalar',
        task,
        metric: 'loss',
        variant: 'train',
        iter: i,
        value: value(i),
        timestamp: 1e12 + i,
      });
    await srv.client.call('events.add_batch', batch);
  }
  await srv.client.call('events.add_batch', [
    { type: 'training_stats_scalar', task: other, metric: 'loss', variant: 'train', iter: 5, value: 7, timestamp: 1e12 },
  ]);
  const events = srv.store.events;
  const read = events.readChunks.bind(events);
  events.readChunks = async (...args) => {
    const chunks = await read(...args);
    if (args[1]) pointsRead += chunks.reduce((n, c) => n + c.count, 0);
    return chunks;
  };
}, 120_000);
afterAll(() => srv?.stop());

async function histogram(body: Record<string, unknown>): Promise<Series> {
  pointsRead = 0;
  const h = await srv.client.call('events.scalar_metrics_iter_histogram', { task, metrics: [{ metric: 'loss' }], ...body });
  return numeric(h.loss.train);
}

it('answers the whole series in buckets with their extremes, from the chunk summaries alone', async () => {
  const s = await histogram({ samples: 2000, band: true });
  expect(s.x.length).toBeLessThanOrEqual(2000);
  expect(s.x.length).toBeGreaterThan(1000);
  expect(Math.max(...s.y)).toBe(1000);
  expect(s.x[s.y.indexOf(1000)]).toBe(SPIKE_AT);
  expect(Math.min(...s.y)).toBe(-1000);
  expect(s.x).toEqual([...s.x].sort((a, b) => a - b));
  expect(s.band!.x).toHaveLength(s.band!.min.length);
  expect(s.band!.x.length).toBeLessThanOrEqual(2000);
  expect(Math.max(...s.band!.max)).toBe(1000);
  expect(Math.min(...s.band!.min)).toBe(-1000);
  expect(s.band!.x[0]).toBe(0);
  expect(s.band!.x.at(-1)).toBe(N - 1);
  expect(pointsRead).toBe(0);
});

it('zooms into a wide range: only its points, bucketed with the spike kept, reading the points of the two chunks it cuts', async () => {
  // 280,000 points: more chunks than buckets, so whole chunks come from their summaries.
  const s = await histogram({ samples: 2000, x_min: 10_000, x_max: 290_000 });
  expect(s.x.length).toBeLessThanOrEqual(2000);
  expect(Math.min(...s.x)).toBeGreaterThanOrEqual(10_000);
  expect(Math.max(...s.x)).toBeLessThanOrEqual(290_000);
  expect(s.x[s.y.indexOf(1000)]).toBe(SPIKE_AT);
  expect(s.x[s.y.indexOf(-1000)]).toBe(DIP_AT);
  expect(Math.max(...s.band!.max)).toBe(1000);
  expect(s.band!.x[0]).toBe(10_000);
  expect(s.band!.x.at(-1)).toBe(290_000);
  // The two chunks the range cuts (256 points each in the SQLite store) and no others.
  expect(pointsRead).toBeGreaterThan(0);
  expect(pointsRead).toBeLessThanOrEqual(2 * 256);
});

it('answers every point of a range that holds no more than `samples`, and no band', async () => {
  const s = await histogram({ samples: 2000, x_min: SPIKE_AT - 50, x_max: SPIKE_AT + 50 });
  expect(s.x).toEqual(Array.from({ length: 101 }, (_, i) => SPIKE_AT - 50 + i));
  expect(s.y).toEqual(s.x.map(value));
  expect(s.band).toBeUndefined();
  expect(pointsRead).toBeLessThan(1024);
});

it('reads the points of a range of fewer chunks than buckets, and buckets them exactly', async () => {
  const s = await histogram({ samples: 2000, x_min: 120_000, x_max: 130_000 });
  expect(s.band).toBeDefined();
  expect(s.x.length).toBeLessThanOrEqual(2000);
  expect(s.x[s.y.indexOf(1000)]).toBe(SPIKE_AT);
  // Each bucket's extremes are the true ones: recompute them from the formula over the bucket's x span.
  for (let b = 0; b < s.band!.x.length; b += 2) {
    const ys = [];
    for (let i = s.band!.x[b]; i <= s.band!.x[b + 1]; i++) ys.push(value(i));
    expect([s.band!.min[b], s.band!.max[b]]).toEqual([Math.min(...ys), Math.max(...ys)]);
  }
  expect(pointsRead).toBeLessThan(11_000);
});

it('zooms by time, and in the multi-task histogram, keeping the ClearML shape when no extension is asked for', async () => {
  const t = await histogram({ samples: 500, key: 'timestamp', x_min: 1e12 + SPIKE_AT - 10, x_max: 1e12 + SPIKE_AT + 10 });
  expect(t.x).toHaveLength(21);
  expect(t.y[10]).toBe(1000);
  const m = await srv.client.call('events.multi_task_scalar_metrics_iter_histogram', {
    tasks: [task, other],
    samples: 100,
    x_min: 0,
    x_max: 10,
    metrics: [{ metric: 'loss' }],
  });
  expect(m.metrics.loss.train[task].x).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(m.metrics.loss.train[other]).toMatchObject({ name: 'zoom 2', x: [5], y: [7] });
  const plain = await histogram({ samples: 100 });
  expect(Object.keys(plain).sort()).toEqual(['name', 'x', 'y']);
  expect(Math.max(...plain.y)).toBe(1000);
  const empty = await histogram({ x_min: N + 10, x_max: N + 20 });
  expect(empty).toMatchObject({ x: [], y: [] });
});
