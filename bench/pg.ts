/** PostgreSQL helpers shared by the benches: a client for one call, and a database of the bench's own. */
import crypto from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.TASKDECK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `fn` with a client connected to `url`, ended after. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A database named taskdeck_bench_<kind>_<random> (not taskdeck_test_*, which test clean-ups may drop),
 * with its URL and a `drop` to call after.
 */
export async function createBenchDatabase(kind: string) {
  const name = `taskdeck_bench_${kind}_${crypto.randomBytes(6).toString('hex')}`;
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
