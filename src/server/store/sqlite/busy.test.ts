/** The server's SQLite connection waits for another connection's write lock without holding the event loop. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { blankTask } from '../../tasks/common';
import type { Store } from '../store';
import { isBusy, retryBusy } from './busy';
import { openSqliteStore } from './index';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
const owner = { user: 'u', userName: 'u', company: 'c' };

let dir: string | undefined;
const opened: Store[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('tries a locked statement again until it passes, and gives up after the time with the same error', async () => {
  let tries = 0;
  expect(
    await retryBusy(() =>
      ++tries < 4
        ? (() => {
            throw busy();
          })()
        : 'done',
    ),
  ).toBe('done');
  expect(tries).toBe(4);

  const last = busy();
  const start = performance.now();
  await expect(
    retryBusy(
      () => {
        throw last;
      },
      undefined,
      200,
    ),
  ).rejects.toBe(last);
  expect(performance.now() - start).toBeGreaterThanOrEqual(199);

  // Any other error is not waited on.
  const other = new Error('no such table');
  let once = 0;
  await expect(
    retryBusy(() => {
      once++;
      throw other;
    }),
  ).rejects.toBe(other);
  expect(once).toBe(1);
  expect(isBusy({ code: 'SQLITE_BUSY_SNAPSHOT' })).toBe(true);
  expect(isBusy({ code: 'SQLITE_CONSTRAINT' })).toBe(false);
});

it("waits for the writer connection's transaction with the event loop free, then writes", async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-busy-'));
  const server = openSqliteStore(dir);
  opened.push(server);
  const writer = openSqliteStore(dir, { writer: true });
  opened.push(writer);

  // The writer connection holds the write lock across an await: the lock is taken, the loop is free.
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holding = writer.transaction(async (tx) => {
    await tx.tasks.insert(blankTask(owner, { id: 'by-writer', name: 'writer', type: 'training' }));
    locked();
    await new Promise<void>((r) => (release = r));
  });
  await isLocked;

  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  const start = performance.now();
  const write = server.transaction((tx) =>
    tx.tasks.insert(blankTask(owner, { id: 'by-server', name: 'server', type: 'training' })),
  );
  // A write outside a transaction (autocommit) waits the same way.
  const autocommit = server.tasks.clearMetrics('by-writer');
  setTimeout(() => release(), 300);
  await write;
  await autocommit;
  clearInterval(ticker);
  await holding;

  // It waited for the lock (about 300 ms) and the loop kept turning meanwhile; a blocking wait would have held the
  // loop, and the holder (on this same loop) could never have let go.
  expect(performance.now() - start).toBeGreaterThanOrEqual(250);
  expect(ticks).toBeGreaterThan(10);
  expect((await server.tasks.get('by-server'))?.name).toBe('server');
  expect((await server.tasks.get('by-writer'))?.name).toBe('writer');
});
