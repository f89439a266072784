/**
 * last_metrics in rows of their own (issue 12), SQLite. Each figure next to its reference measured
 * in the same run:
 *  - add_batch of 100 scalars into a task whose document holds a 1 MB diff vs the same batch into
 *    a task with a tiny document (the store path of events.add_batch, in process), on SQLite and on
 *    PostgreSQL when the test server answers: the batch should no longer cost what the document
 *    weighs (ratio near 1);
 *  - the task table's first page sorted by a metric at N tasks vs its default order (last update),
 *    both asking for the metric column (descending by loss, which 1 task in 10 lacks; ascending by
 *    accuracy, which every task holds); and a range filter on the metric.
 * TASKDECK_BENCH_METRICS_TASKS sets N (default 1,000,000).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addBatch } from '../src/server/events/ingest';
import type { RequestContext } from '../src/server/http/endpoint';
import { defaultConfig } from '../src/server/config';
import { createRuntime } from '../src/server/runtime';
import { openPostgresStore } from '../src/server/store/postgres';
import { openSqliteStore } from '../src/server/store/sqlite';
import type { Store, TaskQuery } from '../src/server/store/store';
import { blankTask } from '../src/server/tasks/common';
import { createTestDatabase } from '../src/server/testing/postgres';
import { BENCH_WHO } from './seed';
import { withFilledSqlite } from './sqlite';
import { medianOf, timeRuns } from './timing';

const BATCH = 100;
const ROUNDS = 150;
const round2 = (x: number) => Math.round(x * 100) / 100;
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

async function median(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  return round2(medianOf(await timeRuns(fn, runs)));
}

function batch(task: string, round: number) {
  return Array.from({ length: BATCH }, (_, i) => {
    const iter = round * (BATCH / 10) + Math.floor(i / 10);
    return {
      type: 'training_stats_scalar',
      task,
      metric: `m${i % 2}`,
      variant: `v${i % 5}`,
      iter,
      value: ((i * 7919 + round) % 1000) / 1000,
      timestamp: 1.7e12 + iter,
    };
  });
}

interface Opened {
  store: Store;
  remove(): Promise<void>;
}

async function sqliteStore(): Promise<Opened> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-metrics-'));
  const store = openSqliteStore(dir);
  return {
    store,
    async remove() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresStore(): Promise<Opened> {
  const database = await createTestDatabase();
  const store = await openPostgresStore(database.url);
  return {
    store,
    async remove() {
      await store.close();
      await database.drop();
    },
  };
}

/** add_batch into a task with a 1 MB diff and into one with a tiny document, rounds interleaved. */
export async function benchAddBatchDocSize(
  open: () => Promise<Opened> = sqliteStore,
  db = 'SQLite',
): Promise<Record<string, number>> {
  const { store, remove } = await open();
  try {
    const tiny = blankTask(BENCH_WHO, { id: 'tiny', name: 'tiny', type: 'training', status: 'in_progress' });
    const big = blankTask(BENCH_WHO, { id: 'big', name: 'big', type: 'training', status: 'in_progress' });
    // A 1 MB uncommitted diff, as the SDK stores it in script.diff (text that does not compress to nothing).
    big.script = {
      diff: Array.from({ length: 16_384 }, (_, i) => `+ line ${i} ${md5(String(i))}`)
        .join('\n')
        .padEnd(1 << 20, '#'),
    };
    await store.tasks.insert(tiny);
    await store.tasks.insert(big);
    const ctx = {
      store,
      worker: 'bench',
      runtime: createRuntime(store, defaultConfig({ workerTimeoutSec: 600 })),
    } as unknown as RequestContext;
    const times = { tiny: [] as number[], big: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const id of r % 2 ? (['tiny', 'big'] as const) : (['big', 'tiny'] as const)) {
        const body = batch(id, r);
        const t0 = performance.now();
        await addBatch(ctx, body);
        times[id].push(performance.now() - t0);
      }
    }
    const check = await store.tasks.get('big');
    if (check?.last_iteration !== (ROUNDS - 1) * (BATCH / 10) + 9) throw new Error('the batches were not all stored');
    const t = medianOf(times.tiny);
    const b = medianOf(times.big);
    return {
      [`${db}: add_batch of ${BATCH} scalars, tiny task document (ms, median)`]: round2(t),
      [`${db}: add_batch of ${BATCH} scalars, task with a 1 MB diff (ms, median)`]: round2(b),
      [`${db}: add_batch, 1 MB diff / tiny document`]: round2(b / t),
    };
  } finally {
    await remove();
  }
}

const LOSS = md5('loss');
const VAL = md5('val');
const ACC = md5('accuracy');

/** N tasks in one project, 9 in 10 with a loss/val and every one with an accuracy/val metric row. */
function fill(file: string, n: number) {
  const db = new Database(file);
  const task = db.prepare(`INSERT INTO tasks (id, name, project, type, status, user, parent, comment, created, started,
    completed, last_update, last_iteration, tags, system_tags, hidden, archived, doc)
    VALUES (?, ?, 'p1', 'training', 'completed', 'u1', NULL, '', ?, NULL, NULL, ?, 100, '[]', '[]', 0, 0, ?)`);
  const metric = db.prepare(`INSERT INTO task_metrics (owner, metric_hash, variant_hash, metric, variant, value, iter,
    timestamp, min_value, min_value_iteration, max_value, max_value_iteration, first_value, first_value_iteration, count)
    VALUES (?, ?, ?, ?, 'val', ?, 100, 1700000000000, ?, 10, ?, 90, ?, 0, 101)`);
  // The metric indexes are built after the rows (a bulk load): filled row by row at random positions, they would make the fill the bench's longest part.
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task_metrics' AND sql IS NOT NULL`)
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `t${i.toString().padStart(8, '0')}`;
      const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      const doc = { id, name: `run ${i}`, project: 'p1', status: 'completed', created: at, last_update: at, tags: [] };
      task.run(id, doc.name, at, at, JSON.stringify(doc));
      const v = ((i * 7919) % 100_000) / 100_000;
      if (i % 10) metric.run(id, LOSS, VAL, 'loss', v, v / 2, v * 2, v * 3);
      metric.run(id, ACC, VAL, 'accuracy', 1 - v, 0, 1, 0);
    }
  })();
  for (const ix of indexes) db.exec(ix.sql);
  db.exec(`INSERT INTO task_counts (project, status, hidden, archived, user, n)
    SELECT coalesce(project, ''), status, hidden, archived, user, count(*) FROM tasks GROUP BY 1, 2, 3, 4, 5`);
  db.exec('ANALYZE');
  db.close();
}

/** The task table sorted and filtered by a metric at N tasks, against its default order. */
export async function benchMetricSort(): Promise<Record<string, number | string>> {
  const n = Number(process.env.TASKDECK_BENCH_METRICS_TASKS ?? 1_000_000);
  return withFilledSqlite(
    'taskdeck-bench-metric-sort-',
    (file) => fill(file, n),
    async (s, fillSec) => {
      const table: TaskQuery = { projects: ['p1'], systemTags: { none: ['archived'] }, limit: 50 };
      const field = `last_metrics.${LOSS}.${VAL}.value`;
      const sorted = await s.tasks.query({ ...table, orderBy: [{ field, desc: true }] });
      if (sorted[0].last_metrics[LOSS][VAL].value < sorted[49].last_metrics[LOSS][VAL].value) throw new Error('not sorted');
      const byDefault = await median(() => s.tasks.query({ ...table, orderBy: [{ field: 'last_update', desc: true }] }));
      const byMetric = await median(() => s.tasks.query({ ...table, orderBy: [{ field, desc: true }] }), 3);
      // accuracy/val is on every task: the ascending walk alone serves the page (no task sorts first for lacking it).
      const held = `last_metrics.${ACC}.${VAL}.value`;
      const byHeld = await median(() => s.tasks.query({ ...table, orderBy: [{ field: held, desc: false }] }), 3);
      // Ascending, the tasks lacking loss come first: no walk serves it, so it sorts every task (the shape every metric sort had).
      const scanned = await median(() => s.tasks.query({ ...table, orderBy: [{ field, desc: false }] }), 3);
      const ranged = await median(
        () =>
          s.tasks.query({
            ...table,
            ranges: [{ field, kind: 'number', gte: 0.25, lte: 0.26 }],
            orderBy: [{ field: 'last_update', desc: true }],
          }),
        3,
      );
      return {
        tasks: n,
        'metric rows': n + Math.ceil((n * 9) / 10),
        'fill (s)': fillSec,
        'default order (last update), first page (ms)': byDefault,
        'sort by metric, first page (ms)': byMetric,
        'sort by metric / default order': round2(byMetric / byDefault),
        'sort by a metric every task holds, ascending, first page (ms)': byHeld,
        'sort by a metric every task holds / default order': round2(byHeld / byDefault),
        'sort by metric, ascending (sorts every task, as before) (ms)': scanned,
        'sort by metric ascending / default order': round2(scanned / byDefault),
        'metric range filter, first page (ms)': ranged,
        'metric range filter / default order': round2(ranged / byDefault),
      };
    },
  );
}

export async function benchMetrics(): Promise<Record<string, number | string>> {
  let pg: Record<string, number | string>;
  try {
    pg = await benchAddBatchDocSize(postgresStore, 'PostgreSQL');
  } catch (e) {
    pg = { 'PostgreSQL: add_batch': `not measured (${(e as Error).message.split('\n')[0]})` };
  }
  return { ...(await benchAddBatchDocSize()), ...pg, ...(await benchMetricSort()) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await benchMetrics())) console.log(`  ${k}: ${v}`);
}
