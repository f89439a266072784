import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { EXCLUSIVE_WAIT_MS, ExclusiveTimeoutError, type Store } from '../store';
import { postgresFlavor } from '../kysely/flavor';
import type { Database } from '../kysely/schema';
import { KyselyEventRepo } from '../kysely/events';
import { createKyselyStore } from '../kysely/store';
import { migratePostgres } from './migrations';
import { migratePostgresEvents } from './events-migrations';
import { createPostgresChannel } from './channel';

const INT8 = 20;

/**
 * A pool on the database at `url` (postgres://...), migrated to the current schema. `readonly` is a reader
 * thread's small pool: the server has migrated the database already, and every session is read-only.
 */
export async function openPostgresStore(url: string, opts: { poolSize?: number; readonly?: boolean } = {}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(opts.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
    // Counts and BIGINT columns hold numbers far below 2^53: read them as numbers.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format)),
    },
  });
  // An idle connection that ends (the database restarted or was dropped) is an 'error' event on the pool; without a
  // listener it would end the process. The pool has already discarded that connection and the next query opens another.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (!opts.readonly)
    try {
      await migratePostgres(db as Kysely<unknown>);
      await migratePostgresEvents(db as Kysely<unknown>);
    } catch (e) {
      await db.destroy();
      throw e;
    }
  return createKyselyStore({
    db,
    flavor: postgresFlavor,
    events: (conn) => new KyselyEventRepo(conn, postgresFlavor),
    // A session-level advisory lock on a connection of its own, held while `fn` runs.
    exclusive: (name, fn, opts) =>
      db.connection().execute(async (c) => {
        if (opts?.wait) await waitForLock(c, name, opts.waitMs ?? EXCLUSIVE_WAIT_MS);
        else {
          const { rows } = await sql<{ got: boolean }>`SELECT pg_try_advisory_lock(hashtext(${name})) AS got`.execute(c);
          if (!rows[0]?.got) return undefined;
        }
        try {
          return await fn();
        } finally {
          await sql`SELECT pg_advisory_unlock(hashtext(${name}))`.execute(c);
        }
      }),
    channel: createPostgresChannel(pool, url),
    close: () => db.destroy(),
  });
}

/** Takes the advisory lock `name` on connection `c`, waiting at most `ms` (lock_timeout covers advisory locks too). */
async function waitForLock(c: Kysely<Database>, name: string, ms: number): Promise<void> {
  await sql`SELECT set_config('lock_timeout', ${`${Math.max(1, Math.round(ms))}ms`}, false)`.execute(c);
  try {
    await sql`SELECT pg_advisory_lock(hashtext(${name}))`.execute(c);
  } catch (e) {
    if ((e as { code?: string }).code !== '55P03') throw e;
    throw new ExclusiveTimeoutError(
      `Another server on this database has held "${name}" for over ${Math.round(ms / 1000)} s; ` +
        'if no other server is starting, end the session that holds it (pg_stat_activity) and start again',
    );
  } finally {
    // The connection goes back to the pool: its other users wait on locks as long as they need.
    await sql`RESET lock_timeout`.execute(c);
  }
}
