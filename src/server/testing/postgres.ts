import crypto from 'node:crypto';
import pg from 'pg';

/** The server tests' PostgreSQL (trust auth); TASKDECK_TEST_PG_URL points elsewhere. */
const ADMIN_URL = process.env.TASKDECK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether this test run puts its servers on PostgreSQL (`TASKDECK_TEST_DATABASE=postgres`). */
export const testingOnPostgres = () => process.env.TASKDECK_TEST_DATABASE === 'postgres';

const HOW_TO_START =
  'PostgreSQL tests need a server at ' +
  ADMIN_URL.replace(/\/\/[^@]*@/, '//…@') +
  ' (user postgres, trust auth). Start it with: ' +
  'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ' +
  '(or install it: apt-get install postgresql), or set TASKDECK_TEST_PG_URL.';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(`${HOW_TO_START}\n(${(e as Error).message})`);
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface TestDatabase {
  url: string;
  /** Drops the database (ending any connection left to it). */
  drop(): Promise<void>;
}

/**
 * A fresh database `taskdeck_test_<random>`; never skips: no server is an error saying how to start one. Empty, or with
 * `migrated` under vitest's postgres project a copy of the run's migrated template (see postgres-template.ts): the
 * schema a server's first start would create, and no rows but the migrations' own. Outside vitest (benchmarks), or
 * without the template, `migrated` gives an empty database too, which the store migrates as it opens.
 */
export async function createTestDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `taskdeck_test_${crypto.randomBytes(6).toString('hex')}`;
  const template = opts.migrated ? await providedTemplate() : undefined;
  await admin(async (c) => {
    await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    // Under vitest, commits do not wait for the WAL to reach the disk (a throwaway database needs no crash safety):
    // what each session sees, locks and notifications are unchanged, and the suites' many small transactions stop
    // paying a disk flush each. Benchmarks (bench/) create their databases outside vitest and keep the default.
    if (process.env.VITEST) await c.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** The migrated template's name, which the postgres project's globalSetup provides (undefined elsewhere). */
async function providedTemplate(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  const name = inject('postgresTemplate');
  // It is put into SQL: only the names createTestDatabase makes.
  return typeof name === 'string' && /^taskdeck_test_[0-9a-f]{12}$/.test(name) ? name : undefined;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database migrated to the current schema, created for this run; test databases are copied from it. */
    postgresTemplate?: string;
  }
}
