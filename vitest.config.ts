import { configDefaults, defineConfig } from 'vitest/config';

const POSTGRES_ONLY = [
  'src/server/store/testing/two-servers.test.ts',
  'src/server/store/testing/migrate-db.test.ts',
  'src/server/store/testing/pg-connection-loss.test.ts',
  'src/server/store/testing/pg-channel.test.ts',
  'src/server/store/testing/pg-exclusive-wait.test.ts',
  'src/server/store/testing/pg-id-lookup.test.ts',
];
/** What only SQLite has (its writer thread): left out of the postgres project rather than run there skipped. */
const SQLITE_ONLY = ['src/server/events/writer-thread.test.ts', 'src/server/events/queued-ack.test.ts'];
/**
 * Left out of the postgres project, though its globs name them: running them there repeats the SQLite run.
 * - No database at all (units and threads without a store): the same run twice.
 * - Every SQL statement they send also runs on PostgreSQL in another suite of the project (checked by logging each
 *   suite's distinct statements on a postgres run), and what they add is the same on either database: the event
 *   loop while a reader thread answers (readers.test and answers.test read through reader threads there), a column
 *   list over 2,500 tasks, byte caps and chart sizes, the replayed SDK sessions (conformance-flows stays), zoom
 *   buckets computed from chunk summaries. Suites about concurrent writes, repeated upserts or counters computed in
 *   SQL stay on PostgreSQL even when their statements are run elsewhere (login-limits, idempotent, batch-writer,
 *   ingest-flood, counters, ...).
 */
const SAME_ON_POSTGRES = [
  'src/server/events/downsample.test.ts',
  'src/server/events/event-check.test.ts',
  'src/server/events/parse-pool-failures.test.ts',
  'src/server/events/parse-thread.test.ts',
  'src/server/queues/change-samples.test.ts',
  'src/server/readers/pool-failures.test.ts',
  'src/server/readers/loop-hold.test.ts',
  'src/server/projects/columns.test.ts',
  'src/server/events/byte-caps.test.ts',
  'src/server/conformance.test.ts',
  'src/server/events/zoom.test.ts',
];
const POSTGRES_SUITES = [
  ...POSTGRES_ONLY,
  'src/server/workers/workers.test.ts',
  'src/server/workers/stats.test.ts',
  'src/server/models/bulk.test.ts',
  'src/server/models/metadata.test.ts',
  'src/server/models/facets.test.ts',
  'src/server/store/testing/store.test.ts',
  'src/server/store/testing/task-params.test.ts',
  'src/server/store/testing/delete-many.test.ts',
  'src/server/store/testing/update-many.test.ts',
  'src/server/store/testing/metric-order.test.ts',
  'src/server/store/testing/tags-in-use.test.ts',
  'src/server/store/testing/values-in-use.test.ts',
  'src/server/store/testing/events-store.test.ts',
  'src/server/store/testing/scroll.test.ts',
  'src/server/store/testing/metrics-migration.test.ts',
  'src/server/store/testing/counts-by-user-migration.test.ts',
  'src/server/queues/**/*.test.ts',
  'src/server/accounts/sessions.test.ts',
  'src/server/accounts/preferences.test.ts',
  'src/server/readers/**/*.test.ts',
  'src/server/accounts/login-limits.test.ts',
  'src/server/events/**/*.test.ts',
  'src/server/tasks/lifecycle.test.ts',
  'src/server/tasks/delete-many.test.ts',
  'src/server/tasks/update-batch.test.ts',
  'src/server/tasks/bulk-turns.test.ts',
  'src/server/tasks/bulk-statements.test.ts',
  'src/server/tasks/query.test.ts',
  'src/server/projects/**/*.test.ts',
  'src/server/pipelines/**/*.test.ts',
  'src/server/conformance.test.ts',
  'src/server/conformance-flows.test.ts',
  'src/server/records.test.ts',
];

/**
 * Files that need a process of their own: the rest of both projects share a process per worker, modules included
 * (isolate: false). live.test.ts makes `window` global before react-query loads, which then decides once whether it
 * runs in a browser.
 */
const ISOLATED = ['src/client/live.test.ts'];

/** The server's worker threads bundled once for the run (see the file). */
const THREAD_BUNDLES = 'src/server/testing/thread-bundles.ts';

export default defineConfig({
  test: {
    // Two files at a time: vitest's default on 2 cores is one (cores - 1), and most files wait on servers, threads and
    // PostgreSQL rather than compute. TASKDECK_TEST_WORKERS=1 runs them one by one.
    maxWorkers: Number(process.env.TASKDECK_TEST_WORKERS ?? 2),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits on a condition; its default deadline (1 s) is too tight for a busy machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default', './src/testing/summary-reporter.ts'],
    // Test files run one after another in a worker's process and share its modules, instead of each loading them
    // anew in a fresh one: the whole run took 280 s (7.2 min of CPU) instead of 368 s (9.6 min) on this 2-core
    // machine, 349 s with its files shuffled. A file cleans up what it changes (servers stopped, mocks restored).
    isolate: false,
    projects: [
      // Each project names its own files: `extends` would add the root's include to the postgres project's.
      {
        extends: true,
        test: {
          name: 'sqlite',
          // The browser suite in e2e/ runs on Playwright Test (playwright.config.ts).
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...POSTGRES_ONLY, ...ISOLATED],
          globalSetup: [THREAD_BUNDLES],
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
      {
        // The store's own tests and the server suites that use the store most, again on PostgreSQL
        // (each test server gets a fresh database, dropped at its stop).
        extends: true,
        test: {
          name: 'postgres',
          include: POSTGRES_SUITES,
          exclude: [...configDefaults.exclude, ...SQLITE_ONLY, ...SAME_ON_POSTGRES],
          env: { TASKDECK_TEST_DATABASE: 'postgres' },
          // One migrated database for the run, which the test databases are copied from (see the file).
          globalSetup: [THREAD_BUNDLES, 'src/server/testing/postgres-template.ts'],
        },
      },
    ],
  },
});
