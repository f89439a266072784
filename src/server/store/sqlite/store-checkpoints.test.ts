/**
 * Who checkpoints the server's store: its own connection only past the backstop while the checkpoint thread
 * runs, SQLite's own 1,000 pages for a one-off command's store. Read off the WAL file's size: a WAL that was
 * checkpointed starts over at its first frame on the next write, so it stops growing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { blankTask } from '../../tasks/common';
import type { Store } from '../store';
import { openSqliteStore } from '.';

const TASKS = 200;
const COMMENT_BYTES = 40_000;
/** What the tasks' comments alone take in 4 KiB pages: about 1,950. */
const COMMENT_PAGES = Math.floor((TASKS * COMMENT_BYTES) / 4096);

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the tasks through the store's own connection, a commit each, and answers the WAL's size in frames. */
async function framesAfterWrites(store: Store, dataDir: string): Promise<number> {
  const who = { user: 'u', userName: 'u', company: 'c' };
  for (let i = 0; i < TASKS; i++) {
    const comment = `${i}`.padEnd(COMMENT_BYTES, 'x');
    await store.transaction(() => store.tasks.insert(blankTask(who, { id: `t${i}`, name: `t${i}`, type: 'training', comment })));
  }
  const wal = fs.readFileSync(path.join(dataDir, 'taskdeck.sqlite-wal'));
  const pageSize = wal.readUInt32BE(8);
  // A 32-byte header, then frames of a 24-byte header and a page each.
  return (wal.length - 32) / (pageSize + 24);
}

it("leaves the WAL to the checkpoint thread: the server's connection does not checkpoint at 1,000 pages", async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-store-checkpoints-'));
  // The thread's first turn comes after the test.
  const store = openSqliteStore(dir, { checkpointEveryMs: 3_600_000 });
  try {
    expect(await framesAfterWrites(store, dir)).toBeGreaterThan(COMMENT_PAGES);
  } finally {
    await store.close();
  }
});

it("checkpoints on a one-off command's connection at SQLite's 1,000 pages, with no thread to do it", async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-store-checkpoints-'));
  const store = openSqliteStore(dir, { checkpointEveryMs: 0 });
  try {
    // 1,000 pages, and the commit that took the WAL past them.
    expect(await framesAfterWrites(store, dir)).toBeLessThan(1_100);
  } finally {
    await store.close();
  }
});
