import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Store } from '../store';
import { postgresFlavor } from '../kysely/flavor';
import type { Database } from '../kysely/schema';
import { KyselyEventRepo } from '../kysely/events';
import { createKyselyStore } from '../kysely/store';
import { migratePostgres } from './migrations';
import { migratePostgresEvents } from './events-migrations';

const INT8 = 20;

/** A pool on the database at `url` (postgres://...), migrated to the current schema. */
export async function openPostgresStore(url: string, opts: { poolSize?: number } = {}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // Counts and BIGINT columns hold numbers far below 2^53: read them as numbers.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format)),
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
    close: () => db.destroy(),
  });
}
