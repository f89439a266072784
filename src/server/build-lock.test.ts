/** The dist-server build lock is taken over only from a holder that no longer runs, never from a long build. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { acquireLock } from '../../scripts/ensure-built.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let lock: string;

beforeEach(() => {
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  dir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'build-lock-'));
  lock = path.join(dir, 'dist-server.lock');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function holdAs(pid: number) {
  fs.mkdirSync(lock);
  fs.writeFileSync(path.join(lock, 'pid'), String(pid));
  // Old enough that a time limit alone would call it stale.
  const old = new Date(Date.now() - 3600_000);
  fs.utimesSync(lock, old, old);
}

it('waits for a holder that still runs, however old its lock, and takes the lock once it is released', async () => {
  holdAs(process.pid);
  let got = false;
  const acquiring = acquireLock(lock, { pollMs: 10, staleAfterMs: 50 }).then((release) => ((got = true), release));
  // Thirty rounds of polling: a waiter that judged by age would have taken it by now.
  await new Promise((r) => setTimeout(r, 300));
  expect(got).toBe(false);
  expect(fs.readFileSync(path.join(lock, 'pid'), 'utf8')).toBe(String(process.pid));
  fs.rmSync(lock, { recursive: true });
  const release = await acquiring;
  expect(fs.existsSync(lock)).toBe(true);
  release();
  expect(fs.existsSync(lock)).toBe(false);
});

it('takes over the lock of a holder that no longer runs, leaving no stale folder behind', async () => {
  const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
  holdAs(gone);
  const release = await acquireLock(lock, { pollMs: 10 });
  expect(fs.readFileSync(path.join(lock, 'pid'), 'utf8')).toBe(String(process.pid));
  expect(fs.readdirSync(dir)).toEqual(['dist-server.lock']);
  release();
});
