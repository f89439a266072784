/** PostgreSQL only: a start that waits on another server's exclusive job gives up after its wait, with a clear error. */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { openPostgresStore } from '../postgres';
import { ExclusiveTimeoutError, type Store } from '../store';

let database: TestDatabase;
let store: Store;
let holder: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase();
  store = await openPostgresStore(database.url, { poolSize: 1 });
  holder = new pg.Client({ connectionString: database.url });
  await holder.connect();
});
afterAll(async () => {
  await holder?.end();
  await store?.close();
  await database?.drop();
});

it('stops waiting for a lock held past the wait, runs nothing, and the store waits again once the lock is free', async () => {
  // Another "server" holds the first-start lock and never lets go.
  await holder.query(`SELECT pg_advisory_lock(hashtext('first-start'))`);
  let ran = false;
  const e = await store
    .exclusive('first-start', async () => void (ran = true), { wait: true, waitMs: 300 })
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  expect(e).toBeInstanceOf(ExclusiveTimeoutError);
  expect((e as Error).message).toMatch(/Another server on this database has held "first-start" for over 0 s/);
  expect(ran).toBe(false);

  // The pool's one connection serves the next start, which gets the lock once the other server lets go.
  let unlocked: Promise<unknown> | undefined;
  setTimeout(() => (unlocked = holder.query(`SELECT pg_advisory_unlock(hashtext('first-start'))`)), 500).unref();
  expect(await store.exclusive('first-start', async () => 'ran', { wait: true })).toBe('ran');
  // Its answer may come after the store's lock: the holder is not ended with the query still on its way.
  expect(unlocked).toBeDefined();
  await unlocked;
});
