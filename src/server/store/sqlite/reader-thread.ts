import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { StatementCache } from './docs';
import { registerNum, registerRegexp } from './regexp';
import { nameThread } from '../../thread-name';

nameThread('sql-reader');

/** The reading side of OffThreadReader: its own read-only connection, one query at a time. */
export interface ReadRequest {
  id: number;
  sql: string;
  params: unknown[];
}

const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
registerRegexp(db);
registerNum(db);
const st = new StatementCache(db);

parentPort!.on('message', (m: ReadRequest | 'close') => {
  if (m === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    parentPort!.postMessage({ id: m.id, rows: st.get(m.sql).all(...m.params) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});
