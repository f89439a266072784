import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, VIEWPORT } from './e2e/support/chromium';

/**
 * The files that take longest (their tests' time, two workers, idle 2-core machine, this session: xss 51 s, live 45 s,
 * actions 27 s, table 26 s, table-layout 16 s; history the same), started first so that the workers end together:
 * files go to the workers in project order, then alphabetically, and xss last had left a worker idle for two minutes
 * at the end.
 */
const LONGEST = ['xss', 'actions', 'table', 'live', 'table-layout'].map((name) => `**/${name}.test.ts`);

/** The browser suite (`npx playwright test`): the built dashboard (`dist/`) on a real server, in Debian's Chromium. */
export default defineConfig({
  testDir: 'e2e',
  // The servers' worker threads bundled once for the run, then the demo data made once a worker slot (see the files).
  globalSetup: ['./src/server/testing/thread-bundles.ts', './e2e/support/demo-template.ts'],
  outputDir: 'test-results/e2e',
  // The tests of a file share one server and one signed-in page, in order (test.describe.configure serial).
  fullyParallel: false,
  // Two files at a time, on two cores. Three once filled the waits (polling, live-stream backoff, a watchdog, an agent's
  // run): 3.6 min against 4.1-4.3 with two on an idle machine. On a slower day (every figure of this machine 1.4-2 times
  // its earlier ones) three took 7.7 min and two 6.7 (each file a server and a Chromium: three of each on two cores
  // queue for them), and the slow day is the one that nears CI's limit. Each file has its own server (free port, own
  // data folder and database) and its own browser context, and its tests wait on conditions, so files cannot meet.
  // TASKDECK_E2E_WORKERS=1 runs one at a time.
  workers: Number(process.env.TASKDECK_E2E_WORKERS ?? 2),
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Generous for a busy 2-core machine: a file's beforeAll starts a server and loads the demo data.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'test-results/e2e-report' }],
    ['./e2e/support/summary-reporter.ts'],
  ],
  projects: [
    { name: 'longest', testMatch: LONGEST },
    { name: 'rest', testIgnore: LONGEST },
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: VIEWPORT,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    // Traces only when asked (TASKDECK_E2E_TRACE=1): a DOM snapshot at every action took the whole suite from 6.6 to
    // 9.1 min on a 2-core machine, for a file nobody opens unless a test failed. A failure still keeps its screenshot
    // and error-context.md; rerun it with traces to step through it.
    trace: process.env.TASKDECK_E2E_TRACE ? { mode: 'retain-on-failure', screenshots: false } : 'off',
    screenshot: 'only-on-failure',
  },
});
