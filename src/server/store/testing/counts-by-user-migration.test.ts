/**
 * The upgrade that keeps task totals per user as well (for active_users): a store written before it counts each
 * user's tasks after it, from the tasks themselves, on either database.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, testingOnPostgres, type TestDatabase } from '../../testing/postgres';
import { openStore } from '../open';
import { migratePostgres, PG_MIGRATIONS } from '../postgres/migrations';
import { migrate, MIGRATIONS } from '../sqlite/migrations';
import type { Store } from '../store';

const CREATED = '2026-01-01T00:00:00.000+00:00';

function taskRow(id: string, user: string, status: string, extra: { started?: string; completed?: string; archived?: 1 } = {}) {
  const { archived, ...times } = extra;
  const doc = {
    id,
    name: id,
    type: 'training',
    status,
    user,
    project: 'p1',
    created: CREATED,
    last_update: CREATED,
    last_iteration: 0,
    tags: [],
    system_tags: archived ? ['archived'] : [],
    ...times,
  };
  return {
    id,
    name: id,
    project: 'p1',
    type: 'training',
    status,
    user,
    created: CREATED,
    last_update: CREATED,
    last_iteration: 0,
    doc: JSON.stringify(doc),
    ...times,
    ...(archived ? { archived, system_tags: JSON.stringify(['archived']) } : {}),
  };
}

/** What the release before the step held: tasks of two users, and totals that were kept without the user. */
async function seedOld(insert: (table: string, row: Record<string, unknown>) => Promise<void>) {
  await insert('tasks', taskRow('a1', 'u1', 'completed', { started: CREATED, completed: '2026-01-01T00:01:40.000+00:00' }));
  await insert('tasks', taskRow('a2', 'u1', 'created'));
  await insert('tasks', taskRow('b1', 'u2', 'completed', { started: CREATED, completed: '2026-01-01T00:00:10.000+00:00' }));
  await insert('tasks', taskRow('b2', 'u2', 'created', { archived: 1 }));
  // A stale total: the step recounts from the tasks rather than trusting it.
  await insert('task_counts', { project: 'p1', status: 'completed', hidden: 0, archived: 0, n: 99 });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-counts-upgrade-'));
let database: TestDatabase | undefined;
let store: Store;

beforeAll(async () => {
  if (testingOnPostgres()) {
    database = await createTestDatabase();
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }),
    });
    await migratePostgres(
      db,
      PG_MIGRATIONS.findIndex((s) => typeof s === 'string' && s.includes('ALTER TABLE task_counts ADD COLUMN "user"')),
    );
    await seedOld(async (table, row) => {
      const cols = Object.keys(row);
      await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) VALUES (${sql.join(Object.values(row))})`.execute(
        db,
      );
    });
    await db.destroy();
  } else {
    const db = new Database(path.join(dir, 'taskdeck.sqlite'));
    migrate(
      db,
      MIGRATIONS.findIndex((s) => typeof s === 'string' && s.includes('CREATE TABLE task_counts_by_user')),
    );
    await seedOld(async (table, row) => {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
        ...Object.values(row),
      );
    });
    db.close();
  }
  store = await openStore({ dataDir: dir, databaseUrl: database?.url });
});

afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await database?.drop();
});

const counts = async (includeArchived: boolean, users?: string[]) =>
  Object.fromEntries(
    (await store.tasks.countByProjectAndStatus(['p1'], includeArchived, users)).map((c) => [
      c.status,
      [c.count, Math.round(c.runtime ?? 0)],
    ]),
  );

it("counts each user's tasks and compute time from the tasks, and all of them without users", async () => {
  expect(await counts(false, ['u1'])).toEqual({ completed: [1, 100], created: [1, 0] });
  expect(await counts(true, ['u2'])).toEqual({ completed: [1, 10], created: [1, 0] });
  expect(await counts(false, ['u2'])).toEqual({ completed: [1, 10] });
  expect(await counts(false)).toEqual({ completed: [2, 110], created: [1, 0] });
  expect(await store.tasks.count({ projects: ['p1'], users: ['u2'] })).toBe(2);
});

it('keeps the migrated totals current as tasks change', async () => {
  const [a2] = await store.tasks.getMany(['a2']);
  await store.tasks.update({ ...a2, status: 'queued' });
  expect(await counts(false, ['u1'])).toEqual({ completed: [1, 100], queued: [1, 0] });
  await store.tasks.deleteMany(['a1']);
  expect(await counts(false, ['u1'])).toEqual({ queued: [1, 0] });
  expect(await counts(false)).toEqual({ completed: [1, 10], queued: [1, 0] });
});
