/** An edit that changes or drops many of a task's parameters rewrites its rows in a few statements, not one per parameter. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database as Tables } from '../kysely/schema';
import { syncParams } from '../kysely/task-params';
import { openSqliteStore } from '../sqlite';

let dir: string;
let db: Kysely<Tables>;
let statements = 0;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-params-'));
  await openSqliteStore(dir).close();
  db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: new Database(path.join(dir, 'taskdeck.sqlite')) }),
    log: () => void statements++,
  });
});
afterAll(async () => {
  await db?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const N = 400;
const params = (value: (i: number) => string, n = N) => ({
  S: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { section: 'S', name: `p${i}`, value: value(i) }])),
});
const rows = () =>
  db.selectFrom('task_params').select(['name', 'value', 'num']).where('task', '=', 't1').orderBy('name').execute();
/** The parameters counted in project P (a count that fell to 0 may stay as a row). */
const counts = () =>
  db
    .selectFrom('task_param_counts')
    .select(['name', 'n'])
    .where('project', '=', 'P')
    .where('n', '<>', 0)
    .orderBy('name')
    .execute();
const sorted = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => (a.name < b.name ? -1 : 1));

it('changes every value of a task in a bounded number of statements', async () => {
  await syncParams(db, 't1', undefined, { id: 't1', project: 'P', hyperparams: params(String) });
  statements = 0;
  await syncParams(db, 't1', { project: 'P' }, { id: 't1', project: 'P', hyperparams: params((i) => `v${i}`) });
  expect(statements).toBeLessThan(20);
  expect(await rows()).toEqual(sorted(Array.from({ length: N }, (_, i) => ({ name: `p${i}`, value: `v${i}`, num: null }))));
  expect((await counts()).every((c) => c.n === 1)).toBe(true);
  expect(await counts()).toHaveLength(N);
});

it('drops all but one parameter in a bounded number of statements, and the counts follow', async () => {
  statements = 0;
  await syncParams(db, 't1', { project: 'P' }, { id: 't1', project: 'P', hyperparams: params((i) => String(i * 2), 1) });
  expect(statements).toBeLessThan(20);
  expect(await rows()).toEqual([{ name: 'p0', value: '0', num: 0 }]);
  expect(await counts()).toEqual([{ name: 'p0', n: 1 }]);
});
