import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store';
import { SqliteAuthRepo } from './auth';
import { SqliteEventRepo } from './events';
import { migrate } from './migrations';
import { SqliteModelRepo } from './models';
import { SqliteProjectRepo } from './projects';
import { SqliteQueueRepo } from './queues';
import { patternError, patternTest } from '../patterns';
import { OffThreadReader } from './reader';
import { registerNum, registerRegexp } from './regexp';
import { SqliteTaskRepo } from './tasks';

export function openSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'taskdeck.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  registerRegexp(db);
  registerNum(db);
  migrate(db);
  const reader = new OffThreadReader(file);

  // Transactions run one after another: a later one waits for the earlier to finish.
  // A transaction started inside another simply joins it.
  let queue: Promise<unknown> = Promise.resolve();
  const inside = new AsyncLocalStorage<boolean>();

  return {
    tasks: new SqliteTaskRepo(db, reader),
    projects: new SqliteProjectRepo(db, reader),
    models: new SqliteModelRepo(db, reader),
    queues: new SqliteQueueRepo(db),
    events: new SqliteEventRepo(db),
    auth: new SqliteAuthRepo(db),
    patternError,
    patternTest,
    transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (inside.getStore()) return fn();
      const run = () =>
        inside.run(true, async () => {
          db.exec('BEGIN IMMEDIATE');
          try {
            const result = await fn();
            db.exec('COMMIT');
            return result;
          } catch (e) {
            if (db.inTransaction) db.exec('ROLLBACK');
            throw e;
          }
        });
      const p = queue.then(run, run);
      queue = p.catch(() => undefined);
      return p;
    },
    async close() {
      await queue;
      await reader.close();
      // The WAL is folded into the database file, so a copy of the file alone is complete.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
