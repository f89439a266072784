/**
 * A store written before events were idempotent may hold a resent batch twice: opening it keeps
 * one point per iteration (the later one), one event per key, and indexes its console.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encode } from '../kysely/events-chunks';
import type { Store } from '../store';
import { openSqliteStore } from '.';

const FIXTURE = fileURLToPath(new URL('../testing/fixtures/v2/taskdeck.sqlite', import.meta.url));
const BASELINE = '8cd1d6cfd5724c4c9bd014f8c137b36a';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-events-upgrade-'));
let store: Store;
let seriesId: number;
beforeAll(() => {
  const file = path.join(dir, 'taskdeck.sqlite');
  fs.copyFileSync(FIXTURE, file);
  const db = new Database(file);
  seriesId = db
    .prepare(`SELECT id FROM scalar_series WHERE task = ? AND metric = 'loss' AND variant = 'train'`)
    .pluck()
    .get(BASELINE) as number;
  // The old store appended a resent batch as it came: iterations 0 and 1 again, then a new one.
  const p = { iters: [0, 1, 1000], times: [1, 2, 3], values: [42, 43, 44] };
  const seq = (db.prepare('SELECT max(seq) + 1 FROM scalar_chunks WHERE series = ?').pluck().get(seriesId) as number) ?? 0;
  db.prepare(
    `INSERT INTO scalar_chunks (series, seq, count, min_y, min_iter, min_time, max_y, max_iter, max_time,
     first_iter, first_time, first_y, last_iter, last_time, last_y) VALUES (?, ?, 3, 42, 0, 1, 44, 1000, 3, 0, 1, 42, 1000, 3, 44)`,
  ).run(seriesId, seq);
  db.prepare('INSERT INTO scalar_points (series, seq, points) VALUES (?, ?, ?)').run(seriesId, seq, encode(p));
  db.prepare('UPDATE scalar_series SET count = count + 3 WHERE id = ?').run(seriesId);
  db.prepare(
    `INSERT INTO task_events (task, type, iter, metric, variant, ts, body)
     SELECT task, type, iter, metric, variant, ts + 1, '{"resent":true}' FROM task_events WHERE task = ? AND type = 'plot'`,
  ).run(BASELINE);
  db.close();
  store = openSqliteStore(dir);
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps one point per iteration, the later one, in place', async () => {
  const before = 300;
  const s = (await store.events.listSeries([BASELINE])).find((x) => x.id === seriesId)!;
  expect(s.count).toBe(before + 1);
  const chunks = await store.events.readChunks(seriesId, true);
  const iters = chunks.flatMap((c) => Array.from(c.iters!));
  const values = chunks.flatMap((c) => Array.from(c.values!));
  expect(iters).toHaveLength(before + 1);
  expect(new Set(iters).size).toBe(before + 1);
  expect(iters.slice(0, 2)).toEqual([0, 1]);
  expect(values.slice(0, 2)).toEqual([42, 43]);
  expect(iters.at(-1)).toBe(1000);
});

it('keeps one plot per key, the later one', async () => {
  const plots = await store.events.queryEvents({ tasks: [BASELINE], type: 'plot' });
  const keys = plots.map((p) => `${p.metric}/${p.variant}/${p.iter}`);
  expect(plots.length).toBeGreaterThan(0);
  expect(new Set(keys).size).toBe(keys.length);
  expect(plots.every((p) => p.body.resent === true)).toBe(true);
});

it('counts and searches the console it had', async () => {
  expect(await store.events.countLogs(BASELINE)).toBe(5);
  const rows = await store.events.searchLogs(BASELINE, 'DEMO: RESNET50', { desc: false, limit: 10 });
  expect(rows.map((r) => r.msg)).toEqual([expect.stringContaining('Taskdeck demo: resnet50 baseline')]);
});
