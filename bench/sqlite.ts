/** A SQLite store in a temporary directory, filled then measured, shared by the SQLite benches. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../src/server/store/sqlite';
import type { Store } from '../src/server/store/store';
import { secondsSince } from './timing';

/**
 * A new store (schema created by opening it) under a temporary directory named `prefix`…, its
 * database file filled by `fill` with the store closed, then `measure` on the reopened store with
 * the fill's time (s) and result; the directory is removed after.
 */
export async function withFilledSqlite<F, R>(
  prefix: string,
  fill: (file: string) => F,
  measure: (s: Store, fillSec: number, filled: F) => Promise<R>,
): Promise<R> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let store: Store | undefined;
  try {
    await openSqliteStore(dir).close();
    const t0 = performance.now();
    const filled = fill(path.join(dir, 'taskdeck.sqlite'));
    const fillSec = secondsSince(t0);
    store = openSqliteStore(dir);
    return await measure(store, fillSec, filled);
  } finally {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
