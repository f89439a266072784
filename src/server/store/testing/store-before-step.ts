/**
 * A store as the release before a migration step left it: the schema up to the step (on the database the tests run on),
 * rows written through the database's own driver, then opened as the server opens it (the step and the rest applied).
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, testingOnPostgres, type TestDatabase } from '../../testing/postgres';
import { openStore } from '../open';
import { migratePostgres, PG_MIGRATIONS } from '../postgres/migrations';
import { migrate, MIGRATIONS } from '../sqlite/migrations';
import type { Store } from '../store';

export type Insert = (table: string, row: Record<string, unknown>) => Promise<void>;

/** The index of the first step whose SQL holds `marker`. */
function stepOf(steps: readonly unknown[], marker: string): number {
  const i = steps.findIndex((s) => typeof s === 'string' && s.includes(marker));
  if (i < 0) throw new Error(`no migration step holds ${marker}`);
  return i;
}

/**
 * Seeds a store at the step marked (its SQL holds `marker.sqlite` or `marker.postgres`) and opens it; `close` stops
 * it and removes what was made.
 */
export async function storeBeforeStep(
  marker: { sqlite: string; postgres: string },
  seed: (insert: Insert) => Promise<void>,
): Promise<{ store: Store; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-upgrade-'));
  let database: TestDatabase | undefined;
  if (testingOnPostgres()) {
    database = await createTestDatabase();
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }),
    });
    await migratePostgres(db, stepOf(PG_MIGRATIONS, marker.postgres));
    await seed(async (table, row) => {
      const cols = Object.keys(row);
      await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) VALUES (${sql.join(Object.values(row))})`.execute(
        db,
      );
    });
    await db.destroy();
  } else {
    const db = new Database(path.join(dir, 'taskdeck.sqlite'));
    migrate(db, stepOf(MIGRATIONS, marker.sqlite));
    await seed(async (table, row) => {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
        ...Object.values(row),
      );
    });
    db.close();
  }
  const store = await openStore({ dataDir: dir, databaseUrl: database?.url });
  return {
    store,
    async close() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}
