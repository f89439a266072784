/**
 * The events store on its own (issue 12): the chart of a 10M-point series, console search over
 * 1M lines, and bytes per scalar on disk — on SQLite, and on PostgreSQL when one answers.
 * Seeded through the store's own write calls (EventRepo.addScalars / addLogs, 100k points or 10k
 * lines a call, each its own transaction): no HTTP or JSON, but every index, summary and trigger
 * the server maintains. `npx tsx bench/events.ts` runs it alone.
 * BENCH_EVENTS_POINTS / BENCH_EVENTS_LINES shrink it; BENCH_EVENTS_PG=0 skips PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { downsample } from '../src/server/events/downsample';
import { seriesSource } from '../src/server/events/series';
import { openPostgresStore } from '../src/server/store/postgres';
import { openSqliteStore } from '../src/server/store/sqlite';
import type { ScalarPoint, Store } from '../src/server/store/store';
import { createBenchDatabase, withClient } from './pg';

const POINTS = Number(process.env.BENCH_EVENTS_POINTS ?? 10_000_000);
const LINES = Number(process.env.BENCH_EVENTS_LINES ?? 1_000_000);
const SAMPLES = 10_000; // what the dashboard's chart asks for (the endpoint's default)

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return Math.round(ms[Math.floor(runs / 2)] * 10) / 10;
}

async function seedScalars(store: Store, task: string) {
  const t = performance.now();
  const per = 100_000;
  for (let from = 0; from < POINTS; from += per) {
    const batch: ScalarPoint[] = [];
    for (let i = from; i < Math.min(POINTS, from + per); i++) {
      batch.push({
        task,
        metric: 'loss',
        variant: 'train',
        iter: i,
        value: Math.sin(i / 1000) + (i % 7) / 10,
        timestamp: 1.7e12 + i,
      });
    }
    await store.transaction((tx) => tx.events.addScalars(batch));
  }
  return Math.round((performance.now() - t) / 1000);
}

async function chart(store: Store, task: string) {
  const [s] = await store.events.listSeries([task]);
  // As events.scalar_metrics_iter_histogram reads a series.
  return median(5, () => downsample(s.count, SAMPLES, 'iter', seriesSource(store, s.id, SAMPLES)));
}

const NEEDLE = 'CUDA out of memory';

async function seedConsole(store: Store, task: string) {
  const t = performance.now();
  const per = 10_000;
  for (let from = 0; from < LINES; from += per) {
    const rows: Parameters<Store['events']['addLogs']>[0] = [];
    for (let i = from; i < Math.min(LINES, from + per); i++) {
      const msg =
        i % 250_000 === 123_456 % 250_000
          ? `RuntimeError: ${NEEDLE}. Tried to allocate ${i % 97} MiB`
          : `Epoch ${Math.floor(i / 1000)} step ${i}: loss=${(1 / (1 + i)).toFixed(6)} lr=0.001 throughput=${(i % 997) + 100} img/s`;
      rows.push({ task, timestamp: 1.7e12 + i, level: 'info', worker: 'bench', msg });
    }
    await store.transaction((tx) => tx.events.addLogs(rows));
  }
  return Math.round((performance.now() - t) / 1000);
}

async function search(store: Store, task: string) {
  const mid = Math.floor(LINES / 2);
  const cases: [string, string, { fromLine?: number; desc: boolean }][] = [
    ['rare, forward from the top', NEEDLE.toLowerCase(), { desc: false }],
    ['rare, backward from the middle', NEEDLE, { fromLine: mid, desc: true }],
    ['on every line, forward from the middle', 'LOSS=', { fromLine: mid, desc: false }],
    ['absent', 'segmentation fault', { desc: false }],
  ];
  const out: Record<string, number> = {};
  for (const [name, text, o] of cases)
    out[`console search over ${LINES} lines, ${name} (ms)`] = await median(5, () =>
      store.events.searchLogs(task, text, { ...o, limit: 1 }),
    );
  return out;
}

/** Figures as they come (a bench of minutes should not lose them all to one late failure). */
function figures(): Record<string, number | string> {
  return new Proxy({} as Record<string, number | string>, {
    set(target, key, value: number | string) {
      target[key as string] = value;
      if (process.env.BENCH_EVENTS_VERBOSE !== '0') console.log(`  ${String(key)}: ${value}`);
      return true;
    },
  });
}

async function onSqlite(): Promise<Record<string, number | string>> {
  const out = figures();
  const scalarsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-scalars-'));
  const consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-console-'));
  try {
    let store = openSqliteStore(scalarsDir);
    if (POINTS) {
      out[`SQLite: seed ${POINTS} points (s)`] = await seedScalars(store, 'bench');
      await store.close();
      const bytes = fs.statSync(path.join(scalarsDir, 'taskdeck.sqlite')).size;
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-empty-'));
      await openSqliteStore(empty).close();
      const base = fs.statSync(path.join(empty, 'taskdeck.sqlite')).size;
      fs.rmSync(empty, { recursive: true, force: true });
      out['SQLite: bytes per scalar event on disk'] = Math.round(((bytes - base) / POINTS) * 10) / 10;
      store = openSqliteStore(scalarsDir);
      out[`SQLite: chart of a ${POINTS}-point series, ${SAMPLES} samples (ms)`] = await chart(store, 'bench');
    }
    await store.close();

    store = openSqliteStore(consoleDir);
    out[`SQLite: seed ${LINES} console lines (s)`] = await seedConsole(store, 'bench');
    for (const [k, v] of Object.entries(await search(store, 'bench'))) out[`SQLite: ${k}`] = v;
    await store.close();
  } finally {
    fs.rmSync(scalarsDir, { recursive: true, force: true });
    fs.rmSync(consoleDir, { recursive: true, force: true });
  }
  return out;
}

async function onPostgres(): Promise<Record<string, number | string>> {
  const out = figures();
  let db;
  try {
    db = await createBenchDatabase('events');
  } catch (e) {
    return { 'PostgreSQL: skipped': (e as Error).message.split('\n')[0] };
  }
  try {
    const store = await openPostgresStore(db.url);
    try {
      if (POINTS) {
        out[`PostgreSQL: seed ${POINTS} points (s)`] = await seedScalars(store, 'bench');
        out['PostgreSQL: bytes per scalar event on disk'] = Math.round(((await pgScalarBytes(db.url)) / POINTS) * 10) / 10;
        out[`PostgreSQL: chart of a ${POINTS}-point series, ${SAMPLES} samples (ms)`] = await chart(store, 'bench');
      }
      out[`PostgreSQL: seed ${LINES} console lines (s)`] = await seedConsole(store, 'bench');
      // What autovacuum does soon after a bulk load; without statistics the planner guesses.
      await withClient(db.url, (c) => c.query('ANALYZE task_logs'));
      for (const [k, v] of Object.entries(await search(store, 'bench'))) out[`PostgreSQL: ${k}`] = v;
    } finally {
      await store.close();
    }
  } finally {
    await db.drop();
  }
  return out;
}

/** Tables, indexes and TOAST of the scalar tables. */
async function pgScalarBytes(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const r = await c.query<{ b: number }>(
      `SELECT (pg_total_relation_size('scalar_chunks') + pg_total_relation_size('scalar_points')
        + pg_total_relation_size('scalar_groups'))::float8 AS b`,
    );
    return r.rows[0].b;
  });
}

export async function benchEventsStore(): Promise<Record<string, number | string>> {
  // Under bench/run.ts the figures are printed by the runner.
  process.env.BENCH_EVENTS_VERBOSE ??= import.meta.url === `file://${process.argv[1]}` ? '1' : '0';
  const out = { ...(await onSqlite()) };
  if (process.env.BENCH_EVENTS_PG !== '0') Object.assign(out, await onPostgres());
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchEventsStore();
  process.exit(0);
}
