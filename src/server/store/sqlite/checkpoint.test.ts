/** The checkpoint thread folds the WAL into the database file, so that the server's connection does not after its commits. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../../testing/wait-for';
import { Checkpointer } from './checkpointer';

const ROWS = 2000;
const ROW_BYTES = 4000;

let dir: string | undefined;
const toClose: { close(): unknown }[] = [];
afterEach(async () => {
  for (const c of toClose.splice(0)) await c.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database in WAL mode whose connection never checkpoints, as the server's connection leaves it to the thread. */
function walDatabase() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-checkpoint-'));
  const file = path.join(dir, 'db.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  toClose.push(db);
  return { file, db };
}

/** Rows and bytes of table t in the database file alone, as a copy without its WAL reads it. */
function inFileAlone(file: string): { rows: number; bytes: number } {
  const copy = path.join(dir!, 'copy.sqlite');
  fs.copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    const has = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 't'").pluck().get() as number;
    if (!has) return { rows: 0, bytes: 0 };
    return db.prepare('SELECT count(*) AS rows, coalesce(sum(length(x)), 0) AS bytes FROM t').get() as {
      rows: number;
      bytes: number;
    };
  } finally {
    db.close();
    fs.rmSync(copy);
  }
}

it('copies what the connections committed into the database file, and lets the WAL start over', async () => {
  const { file, db } = walDatabase();
  db.exec('CREATE TABLE t (x BLOB)');
  const insert = db.prepare('INSERT INTO t VALUES (randomblob(?))');
  // About 2,000 pages: SQLite's own checkpoint would have run after 1,000; this connection's does not.
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(ROW_BYTES);
  })();
  expect(inFileAlone(file)).toEqual({ rows: 0, bytes: 0 });

  const fellBack: string[] = [];
  const cp = new Checkpointer(file, () => fellBack.push('fallback'), 20);
  toClose.push(cp);
  const first = await waitFor(() => cp.last && cp.last.log > 0 && cp.last.checkpointed === cp.last.log && cp.last, {
    message: 'a checkpoint of every frame',
  });
  expect(first.log).toBeGreaterThan(1000);
  expect(inFileAlone(file)).toEqual({ rows: ROWS, bytes: ROWS * ROW_BYTES });

  // The next write starts the WAL over: the thread's next checkpoint finds a few frames, not 2,000 and more.
  const before = cp.reports;
  insert.run(10);
  const next = await waitFor(() => cp.reports > before && cp.last!.checkpointed === cp.last!.log && cp.last, {
    message: 'a checkpoint of the write after it',
  });
  expect(next.log).toBeLessThan(10);
  expect(inFileAlone(file).rows).toBe(ROWS + 1);
  await cp.close();
  expect(fellBack).toEqual([]);
});

it('gives the checkpoints back to the connections when its thread stops before it is closed', async () => {
  const { file } = walDatabase();
  const fellBack: string[] = [];
  const cp = new Checkpointer(file, () => fellBack.push('fallback'), 20);
  toClose.push(cp);
  expect(cp.running).toBe(true);
  await (cp as unknown as { worker: Worker }).worker.terminate();
  await waitFor(() => fellBack.length > 0, { message: 'the fallback' });
  expect(fellBack).toEqual(['fallback']);
  expect(cp.running).toBe(false);
});

it('ends its thread on an error other than a busy checkpoint, and gives the checkpoints back', async () => {
  const { file, db } = walDatabase();
  db.exec('CREATE TABLE t (x BLOB)');
  const fellBack: string[] = [];
  // The thread opens the file, then finds it is not a database at its first checkpoint.
  const cp = new Checkpointer(file, () => fellBack.push('fallback'), 200);
  toClose.push(cp);
  db.close();
  fs.rmSync(`${file}-wal`, { force: true });
  fs.rmSync(`${file}-shm`, { force: true });
  fs.writeFileSync(file, Buffer.alloc(8192, 7));
  await waitFor(() => fellBack.length > 0, { message: 'the fallback' });
  expect(fellBack).toEqual(['fallback']);
  expect(cp.running).toBe(false);
});
