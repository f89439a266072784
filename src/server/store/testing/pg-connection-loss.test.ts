/** PostgreSQL only: the store outlives the loss of its idle connections (a restart, an administrator). */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { openPostgresStore } from '../postgres';
import type { Store } from '../store';
import { makeTask } from './test-store';

let database: TestDatabase;
let store: Store;
beforeAll(async () => {
  database = await createTestDatabase();
  store = await openPostgresStore(database.url, { poolSize: 3 });
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

async function terminateSessions(url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    return (rows[0] as { n: number }).n;
  } finally {
    await admin.end();
  }
}

it('keeps serving after every idle connection of its pool is terminated', async () => {
  // Three queries at once leave three idle connections in the pool.
  await Promise.all(['a', 'b', 'c'].map((id) => store.tasks.insert(makeTask({ id }))));
  expect(await terminateSessions(database.url)).toBeGreaterThan(0);
  // A query may still meet a connection whose end the pool has not seen yet; the next ones get fresh connections.
  await expect.poll(async () => (await store.tasks.get('a').catch(() => null))?.id, { timeout: 30_000 }).toBe('a');
  expect((await store.tasks.getMany(['a', 'b', 'c'])).map((t) => t.id).sort()).toEqual(['a', 'b', 'c']);
});
