/**
 * `taskdeck migrate-db`: copies a whole SQLite store (a data folder) into an empty PostgreSQL
 * database, table by table in batches, all in one PostgreSQL transaction (a failure leaves the
 * target empty), and verifies the row counts at the end.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { copyEventTables, EVENT_TABLES } from './events-copy';
import type { Database as Tables } from './kysely/schema';
import { migratePostgresEvents } from './postgres/events-migrations';
import { migratePostgres } from './postgres/migrations';
import { TaskdeckSqliteDialect } from './sqlite/dialect';
import { migrateEvents } from './sqlite/events-migrations';
import { migrate } from './sqlite/migrations';

/** Tables copied, parents before children; then the events tables (events-copy.ts). */
export const COPIED_TABLES = [
  'settings',
  'users',
  'user_preferences',
  'credentials',
  'sessions',
  'projects',
  'tasks',
  // The kept totals the table's count and the projects page read (without them both would show nothing).
  'task_counts',
  'task_tags',
  'models',
  'model_tags',
  'queues',
  'queue_entries',
  'workers',
  'queue_samples',
  // After tasks: the triggers on task_metrics build task_metric_counts from these rows and their tasks' projects.
  'task_metrics',
  'model_metrics',
  // The hyperparameter rows and their per-project counts (without them parameter sorts would miss the copied tasks).
  'task_params',
  'task_param_counts',
] as const satisfies readonly (keyof Tables)[];

/** Tables of the SQLite store that PostgreSQL cannot hold yet: reported, not copied (none left). */
export const NOT_YET_COPIED = [] as const;

const BATCH = 500;

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export async function migrateDb(
  fromDir: string,
  toUrl: string,
  progress: (table: string, done: number, total: number) => void,
): Promise<{ counts: TableCount[]; skipped: { table: string; rows: number }[] }> {
  const file = path.join(fromDir, 'taskdeck.sqlite');
  if (!fs.existsSync(file)) throw new Error(`No Taskdeck store in ${fromDir} (no taskdeck.sqlite)`);
  const raw = new Database(file);
  raw.pragma('busy_timeout = 5000');
  // Brings an older store up to the current schema first (as a start of the server would).
  migrate(raw);
  migrateEvents(raw);
  const from = new Kysely<Tables>({ dialect: new TaskdeckSqliteDialect(raw) });
  const to = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: toUrl, max: 2 }) }) });
  const count = async (db: Kysely<Tables>, table: string) =>
    Number((await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0].n);
  try {
    await migratePostgres(to as Kysely<unknown>);
    await migratePostgresEvents(to as Kysely<unknown>);
    for (const t of [...COPIED_TABLES, ...EVENT_TABLES.map((e) => e.table)]) {
      if ((await count(to, t)) > 0) throw new Error(`The target database is not empty (table ${t} has rows)`);
    }
    await to.transaction().execute(async (trx) => {
      for (const table of COPIED_TABLES) {
        const total = await count(from, table);
        let done = 0;
        let last = -Infinity;
        progress(table, 0, total);
        for (;;) {
          const { rows } = await sql<Record<string, unknown> & { _rowid: number }>`SELECT rowid AS _rowid, * FROM ${sql.table(
            table,
          )} WHERE rowid > ${last} ORDER BY rowid LIMIT ${BATCH}`.execute(from);
          if (!rows.length) break;
          last = rows[rows.length - 1]._rowid;
          const values = rows.map(({ _rowid: _, ...r }) => r);
          await trx
            .insertInto(table)
            .values(values as never)
            .execute();
          done += rows.length;
          progress(table, done, total);
        }
      }
      await copyEventTables(from, trx, progress);
    });
    // Statistics for the planner at once: a table filled in one go has none until autovacuum gets to it, and meanwhile
    // PostgreSQL may plan a lookup as if the table were empty (see the id index of migration 'lower(id)').
    await sql`ANALYZE`.execute(to);
    const counts: TableCount[] = [];
    for (const table of [...COPIED_TABLES, ...EVENT_TABLES.map((e) => e.table)])
      counts.push({ table, source: await count(from, table), target: await count(to, table) });
    const skipped = [];
    for (const table of NOT_YET_COPIED) skipped.push({ table, rows: await count(from, table) });
    return { counts, skipped };
  } finally {
    await from.destroy();
    raw.close();
    await to.destroy();
  }
}
