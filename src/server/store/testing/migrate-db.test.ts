/** migrate-db copies the upgrade fixture (a SQLite data folder of the previous release) into PostgreSQL. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { migrateDb } from '../migrate-db';
import { openPostgresStore } from '../postgres';
import { expectedOrder, NUMBER } from './param-order';

const FIXTURE = fileURLToPath(new URL('./fixtures/v2/taskdeck.sqlite', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-migrate-db-'));
let database: TestDatabase;
beforeAll(async () => {
  fs.copyFileSync(FIXTURE, path.join(dir, 'taskdeck.sqlite'));
  database = await createTestDatabase();
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await database?.drop();
});

/** The row counts PostgreSQL's planner holds for the tables (pg_class.reltuples). */
async function planned(tables: string[]): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ relname: string; reltuples: number }>(
      'SELECT relname, reltuples FROM pg_class WHERE relname = ANY($1)',
      [tables],
    );
    return Object.fromEntries(rows.map((r) => [r.relname, Number(r.reltuples)]));
  } finally {
    await c.end();
  }
}

it('copies every table, reports progress, verifies the counts, and refuses a database that is not empty', async () => {
  const seen = new Map<string, number>();
  const { counts, skipped } = await migrateDb(dir, database.url, (table, done) => seen.set(table, done));
  const byTable = Object.fromEntries(counts.map((c) => [c.table, [c.source, c.target]]));
  expect(byTable).toMatchObject({ users: [2, 2], credentials: [2, 2], projects: [6, 6], tasks: [13, 13], models: [5, 5] });
  expect(byTable.queue_entries).toEqual([1, 1]);
  expect(seen.get('tasks')).toBe(13);
  expect(skipped).toEqual([]);
  // The copied tables were analyzed: the planner knows their sizes (a table never analyzed has reltuples -1).
  const sizes = await planned(['tasks', 'task_params', 'scalar_chunks']);
  expect(sizes).toEqual({ tasks: 13, task_params: byTable.task_params[1], scalar_chunks: 101 });
  expect(byTable).toMatchObject({
    scalar_series: [86, 86],
    scalar_chunks: [101, 101],
    task_logs: [37, 37],
    task_events: [122, 122],
  });

  const store = await openPostgresStore(database.url);
  try {
    expect((await store.auth.getUserByLogin('viewer1'))?.name).toBe('Vera Viewer');
    // The kept totals came along: the count of every task is read from them.
    expect(await store.tasks.count({ includeHidden: true })).toBe(13);
    const baseline = await store.tasks.get('8cd1d6cfd5724c4c9bd014f8c137b36a');
    expect(baseline?.hyperparams.Args.lr.value).toBe('0.1');
    // The parameter rows and counts came along: the sort and a range filter see every task.
    const all = await store.tasks.query({ includeHidden: true });
    const values = all.map((t) => ({ id: t.id, value: t.hyperparams?.Args?.lr?.value }));
    const lr = [{ field: 'hyperparams.Args.lr.value', desc: false }];
    expect((await store.tasks.query({ includeHidden: true, orderBy: lr })).map((t) => t.id)).toEqual(expectedOrder(values));
    const small = values.filter((v) => v.value !== undefined && NUMBER.test(v.value) && Number(v.value) <= 0.01);
    const range = [{ field: 'hyperparams.Args.lr.value', kind: 'number' as const, lte: 0.01 }];
    expect(await store.tasks.count({ includeHidden: true, ranges: range })).toBe(small.length);
    expect(await store.tasks.count({ projects: [baseline!.project!] })).toBe(
      all.filter((t) => t.project === baseline!.project && !t.system_tags.includes('hidden')).length,
    );
    expect((await store.tasks.query({ tags: { all: ['sweep'] } })).every((t) => t.tags.includes('sweep'))).toBe(true);
    expect((await store.tasks.query({ tags: { all: ['sweep'] } })).length).toBeGreaterThan(0);
    const [loss] = (await store.events.listSeries(['8cd1d6cfd5724c4c9bd014f8c137b36a'])).filter((x) => x.metric === 'loss');
    expect(loss.count).toBe(300);
    expect((await store.events.readChunks(loss.id, true)).flatMap((c) => Array.from(c.iters!))).toHaveLength(300);
    expect(await store.events.countLogs('8cd1d6cfd5724c4c9bd014f8c137b36a')).toBe(5);
    const found = await store.events.searchLogs('8cd1d6cfd5724c4c9bd014f8c137b36a', 'RESNET50', { desc: false, limit: 1 });
    expect(found).toHaveLength(1);
    // New rows get ids after the copied ones.
    await store.events.addScalars([{ task: 'new', metric: 'm', variant: 'v', iter: 1, value: 1, timestamp: 1 }]);
    const [fresh] = await store.events.listSeries(['new']);
    expect(fresh.id).toBeGreaterThan(
      Math.max(...(await store.events.listSeries(['8cd1d6cfd5724c4c9bd014f8c137b36a'])).map((x) => x.id)),
    );
    const queue = await store.queues.getByName('default');
    expect(queue?.entries.map((e) => e.task)).toEqual(['3280fec934434d3fac7db77f7d319fc6']);
  } finally {
    await store.close();
  }
  await expect(migrateDb(dir, database.url, () => {})).rejects.toThrow(/not empty/);
});
