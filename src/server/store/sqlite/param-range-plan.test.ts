/**
 * A range filter on a hyperparameter seeks each task's own row on the parameters' key: SQLite otherwise chose the
 * (section, name, num) index and walked every row in range for every task tested (the fourth QA pass: 30-42 s of
 * the event loop for one page of 100 tasks filtered on one range, 27k tasks holding the parameter).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../store';
import { makeTask } from '../testing/test-store';
import { paramBound } from '../kysely/task-params';
import type { Database as Schema } from '../kysely/schema';
import { openSqliteStore, SQLITE_FILE } from './index';

let dir: string;
let store: Store;
let raw: Database.Database;
let db: Kysely<Schema>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'param-plan-'));
  store = openSqliteStore(dir) as Store;
  for (let i = 0; i < 300; i++) {
    const value = String(i % 10);
    await store.tasks.insert(
      makeTask({ id: `t${String(i).padStart(4, '0')}`, hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value } } } }),
    );
  }
  raw = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
  db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
});
afterAll(async () => {
  await db?.destroy();
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rangeQuery = () =>
  db
    .selectFrom('tasks')
    .select('id')
    .where((eb) =>
      eb.and([
        paramBound(eb, { section: 'Args', name: 'lr' }, [
          ['>=', 2],
          ['<=', 4],
        ]),
      ]),
    )
    .compile();

it("tests each task's parameter by a seek on its key, not a walk of the value index", () => {
  const q = rangeQuery();
  const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.parameters) as { detail: string }[]).map((r) => r.detail);
  const subqueries = plan.filter((d) => / r\b| AS r\b|task_params/.test(d));
  expect(subqueries.length).toBeGreaterThan(0);
  for (const d of subqueries) {
    expect(d).not.toMatch(/task_params_order/);
    expect(d).toMatch(/sqlite_autoindex_task_params_1 \(task=\? AND section=\? AND name=\?\)/);
  }
});

it('keeps the tasks whose value is in range, and only them', () => {
  const q = rangeQuery();
  const found = raw.prepare(q.sql).all(...q.parameters) as { id: string }[];
  expect(found).toHaveLength(90);
});
