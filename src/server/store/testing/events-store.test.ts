import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../store';
import { openTestStore } from './test-store';

// The events repository on the store itself, on the database this run tests.
let store: Store;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ store, remove } = await openTestStore());
});
afterAll(() => remove?.());

const log = (task: string, msg: string) => ({ task, timestamp: 1, level: 'info', worker: 'w', msg });
const search = (task: string, text: string, o: { fromLine?: number; desc?: boolean; limit?: number } = {}) =>
  store.events.searchLogs(task, text, { desc: false, limit: 100, ...o }).then((rows) => rows.map((r) => r.line));

it('searches the console for literal substrings, ignoring case, in line order', async () => {
  await store.events.addLogs([
    log('t1', 'Epoch 1: LOSS=0.5\nvalidation done'),
    log('t1', 'progress 50% of "shards"'),
    log('t1', 'Größe über 100_000 (NEAR x*) ÄÖÜ'),
    log('t1', 'epoch 2: loss=0.4'),
    log('t2', 'epoch 1: loss=0.9 on another task'),
  ]);
  // Lines: 0-1 first event, 2, 3, 4.
  expect(await search('t1', 'loss=')).toEqual([0, 4]);
  expect(await search('t1', 'EPOCH')).toEqual([0, 4]);
  expect(await search('t1', 'idation d')).toEqual([0]);
  expect(await search('t1', '50% of "sh')).toEqual([2]);
  // LIKE and FTS syntax mean nothing here: % _ * NEAR and quotes are plain characters.
  expect(await search('t1', '5_%')).toEqual([]);
  expect(await search('t1', '100_000 (NEAR x*)')).toEqual([3]);
  expect(await search('t1', 'öße ÜBER')).toEqual([3]);
  // Shorter than a trigram.
  expect(await search('t1', 'x*')).toEqual([3]);
  expect(await search('t1', 'nowhere')).toEqual([]);
  // From a line on, both ways, and a limit.
  // An event holding the line counts (line 1 is the first event's second line).
  expect(await search('t1', 'loss', { fromLine: 1 })).toEqual([0, 4]);
  expect(await search('t1', 'loss', { fromLine: 2 })).toEqual([4]);
  expect(await search('t1', 'loss', { fromLine: 3, desc: true })).toEqual([0]);
  expect(await search('t1', 'loss', { fromLine: 1, desc: true })).toEqual([0]);
  expect(await search('t1', 'e', { limit: 2 })).toEqual([0, 2]);
  expect(await search('t1', 'epoch', { desc: true, limit: 1 })).toEqual([4]);
});

it('finds text past the rows read first through the index, both ways', async () => {
  // 600 one-line rows; the text sits far past the first 256 in either direction.
  const msgs = Array.from({ length: 600 }, (_, i) =>
    i === 20 || i === 500 || i === 550 ? `row ${i}: Ärger NEEDLE_x` : `row ${i}: nothing here`,
  );
  await store.events.addLogs(msgs.map((m) => log('t6', m)));
  expect(await search('t6', 'needle_X')).toEqual([20, 500, 550]);
  expect(await search('t6', 'needle_x', { fromLine: 21 })).toEqual([500, 550]);
  expect(await search('t6', 'ärger needle', { fromLine: 599, desc: true, limit: 1 })).toEqual([550]);
  expect(await search('t6', 'NEEDLE', { fromLine: 499, desc: true })).toEqual([20]);
  expect(await search('t6', 'absent text')).toEqual([]);
  expect(await search('t6', '_x', { fromLine: 300 })).toEqual([500, 550]);
});

it('keeps console line and row counts, and the search index, through deletes', async () => {
  await store.events.addLogs([log('t3', 'a\nb\n'), log('t3', 'needle one'), log('t3', 'c')]);
  expect(await store.events.countLogLines('t3')).toBe(4);
  expect(await store.events.countLogs('t3')).toBe(3);
  await store.events.addLogs([log('t3', 'd\ne')]);
  expect(await store.events.countLogLines('t3')).toBe(6);
  expect(await store.events.countLogs('t3')).toBe(4);
  expect(await store.events.deleteLogs('t3')).toBe(4);
  expect(await store.events.countLogLines('t3')).toBe(0);
  expect(await store.events.countLogs('t3')).toBe(0);
  expect(await search('t3', 'needle')).toEqual([]);
  await store.events.addLogs([log('t3', 'needle two')]);
  expect(await search('t3', 'needle')).toEqual([0]);
  expect(await store.events.countLogLines('t3')).toBe(1);
});

it('forgets a series created in a rolled-back transaction', async () => {
  const point = (variant: string, iter: number, value: number) => ({
    task: 't4',
    metric: 'm',
    variant,
    iter,
    value,
    timestamp: iter,
  });
  await expect(
    store.transaction(async (tx) => {
      await tx.events.addScalars([point('a', 1, 1)]);
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  expect(await store.events.listSeries(['t4'])).toEqual([]);
  await store.events.addScalars([point('b', 1, 10)]);
  await store.events.addScalars([point('a', 1, 2), point('a', 2, 3)]);
  const series = await store.events.listSeries(['t4']);
  expect(series.map((s) => [s.variant, s.count])).toEqual([
    ['a', 2],
    ['b', 1],
  ]);
  const a = await store.events.readChunks(series[0].id, true);
  expect(Array.from(a[0].values!)).toEqual([2, 3]);
  const b = await store.events.readChunks(series[1].id, true);
  expect(Array.from(b[0].values!)).toEqual([10]);
});

it('reads extremes of groups of 1,024 points when they are enough, else of 256-point chunks', async () => {
  const n = 3000;
  const value = (i: number) => (i === 1500 ? 99 : i === 2500 ? -99 : Math.sin(i));
  const points = Array.from({ length: n }, (_, i) => ({
    task: 't5',
    metric: 'm',
    variant: 'v',
    iter: i,
    value: value(i),
    timestamp: i,
  }));
  // In batches, the way they arrive, so that groups are rewritten as their chunks fill.
  for (let i = 0; i < n; i += 700) await store.events.addScalars(points.slice(i, i + 700));
  const [s] = await store.events.listSeries(['t5']);
  const groups = await store.events.readExtremes(s.id, 3);
  expect(groups.length / 6).toBe(3);
  for (let g = 0; g < 3; g++) {
    const ys = points.slice(g * 1024, (g + 1) * 1024).map((p) => p.value);
    const min = Math.min(...ys);
    const max = Math.max(...ys);
    expect(Array.from(groups.subarray(g * 6, g * 6 + 6))).toEqual([
      min,
      points.find((p) => p.value === min && p.iter >= g * 1024)!.iter,
      points.find((p) => p.value === min && p.iter >= g * 1024)!.timestamp,
      max,
      points.find((p) => p.value === max && p.iter >= g * 1024)!.iter,
      points.find((p) => p.value === max && p.iter >= g * 1024)!.timestamp,
    ]);
  }
  expect((await store.events.readExtremes(s.id, 4)).length / 6).toBe(12);
  expect((await store.events.readExtremes(s.id)).length / 6).toBe(12);
});
