/** A bench's PostgreSQL database of its own: migrated, filled in SQL (timed), then measured through a store. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openPostgresStore } from '../src/server/store/postgres';
import type { Store } from '../src/server/store/store';
import { createTestDatabase, type TestDatabase } from '../src/server/testing/postgres';
import { secondsSince } from './timing';

/**
 * Runs `measure` on a new test database (TASKDECK_TEST_PG_URL) that `fill` seeded over one connection, then
 * drops it; without PostgreSQL, the figures are one `skipped` with the reason.
 */
export async function withFilledPostgres(
  fill: (db: Kysely<unknown>) => Promise<void>,
  measure: (s: Store, fillSec: number) => Promise<Record<string, number | string>>,
): Promise<Record<string, number | string>> {
  let database: TestDatabase;
  try {
    database = await createTestDatabase();
  } catch (e) {
    return { skipped: `no PostgreSQL: ${(e as Error).message.split('\n')[0]}` };
  }
  let store: Store | undefined;
  try {
    // Opening the store once creates the schema the fill writes into.
    await (await openPostgresStore(database.url)).close();
    const t0 = performance.now();
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }),
    });
    try {
      await fill(db);
    } finally {
      await db.destroy();
    }
    const fillSec = secondsSince(t0);
    store = await openPostgresStore(database.url, { poolSize: 2 });
    return await measure(store, fillSec);
  } finally {
    await store?.close();
    await database.drop();
  }
}
