import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store';
import { sqliteFlavor } from '../kysely/flavor';
import type { Database as Tables } from '../kysely/schema';
import { KyselyEventRepo } from '../kysely/events';
import { createKyselyStore } from '../kysely/store';
import { BUSY_GIVE_UP_MS } from './busy';
import { BACKSTOP_PAGES, CHECKPOINT_EVERY_MS, Checkpointer } from './checkpointer';
import { TaskdeckSqliteDialect } from './dialect';
import { WriteTurns } from './write-turns';
import { migrateEvents } from './events-migrations';
import { migrate } from './migrations';
import { OffThreadReader } from './reader';
import { registerNum, registerRegexp } from './regexp';

/** The database file in a data folder. */
export const SQLITE_FILE = 'taskdeck.sqlite';

/**
 * The store in `<dataDir>/taskdeck.sqlite` (the default database). `readonly` opens a connection of a
 * reader thread: it neither migrates nor writes, and sees what the server's connection committed (WAL).
 * `writer` opens the event writer thread's connection: it writes but does not migrate (the server's
 * connection did), and may wait for the lock synchronously (a thread of its own, not the event loop).
 * The server's own connection never sleeps on the lock: it waits asynchronously (see `retryBusy`).
 * `writeTurns`, the same buffer for the server's store and the writer's, lets the server's writes in
 * between the writer's transactions (see WriteTurns).
 */
export function openSqliteStore(
  dataDir: string,
  opts: {
    readonly?: boolean;
    writer?: boolean;
    writeTurns?: SharedArrayBuffer;
    /** How often the checkpoint thread runs; 0 for none, SQLite's own checkpoints (a one-off command's store). */
    checkpointEveryMs?: number;
  } = {},
): Store {
  const file = path.join(dataDir, SQLITE_FILE);
  const turns = opts.writeTurns && new WriteTurns(opts.writeTurns);
  if (opts.readonly) return readOnlyStore(file);
  if (opts.writer) return writerStore(file, turns);
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  registerRegexp(db);
  registerNum(db);
  // Migrations run before anything is served: they may wait for another process's lock the blocking way.
  db.pragma(`busy_timeout = ${BUSY_GIVE_UP_MS}`);
  migrate(db);
  migrateEvents(db);
  db.pragma('busy_timeout = 0');
  const everyMs = opts.checkpointEveryMs ?? CHECKPOINT_EVERY_MS;
  // The checkpoint thread folds the WAL into the file: this connection, on the event loop, only does past a backstop.
  if (everyMs > 0) db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const checkpointer =
    everyMs > 0 ? new Checkpointer(file, () => db.open && db.pragma('wal_autocheckpoint = 1000'), everyMs) : undefined;
  const reader = new OffThreadReader(file);
  const kysely = new Kysely<Tables>({ dialect: new TaskdeckSqliteDialect(db, { asyncBusy: true, turns }) });

  return createKyselyStore({
    db: kysely,
    flavor: sqliteFlavor,
    events: (conn) => new KyselyEventRepo(conn, sqliteFlavor),
    offThread: (sql, params) => reader.all(sql, [...params]),
    async close() {
      await checkpointer?.close();
      await reader.close();
      // The WAL is folded into the database file, so a copy of the file alone is complete.
      db.pragma(`busy_timeout = ${BUSY_GIVE_UP_MS}`);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  });
}

function writerStore(file: string, turns?: WriteTurns): Store {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${BUSY_GIVE_UP_MS}`);
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  registerRegexp(db);
  registerNum(db);
  return createKyselyStore({
    db: new Kysely<Tables>({ dialect: new TaskdeckSqliteDialect(db, { turns }) }),
    flavor: sqliteFlavor,
    events: (conn) => new KyselyEventRepo(conn, sqliteFlavor),
    close: async () => {
      db.close();
    },
  });
}

function readOnlyStore(file: string): Store {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${BUSY_GIVE_UP_MS}`);
  db.pragma('cache_size = -32768');
  registerRegexp(db);
  registerNum(db);
  return createKyselyStore({
    db: new Kysely<Tables>({ dialect: new TaskdeckSqliteDialect(db) }),
    flavor: sqliteFlavor,
    events: (conn) => new KyselyEventRepo(conn, sqliteFlavor),
    close: async () => {
      db.close();
    },
  });
}
