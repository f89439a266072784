import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, VIEWPORT } from './e2e/support/chromium';

/**
 * The files that take longest (test time with two workers, load ~18: xss 116 s, actions 99 s, compare-charts 65 s,
 * live 65 s, table 64 s; the next is 56 s), started first so that the two workers end together: files go to the
 * workers in project order, then alphabetically, and xss last left one worker idle for two minutes at the end.
 */
const LONGEST = ['xss', 'actions', 'compare-charts', 'live', 'table'].map((name) => `**/${name}.test.ts`);

/** The browser suite (`npx playwright test`): the built dashboard (`dist/`) on a real server, in Debian's Chromium. */
export default defineConfig({
  testDir: 'e2e',
  // The servers' worker threads bundled once for the run (see the file).
  globalSetup: './src/server/testing/thread-bundles.ts',
  outputDir: 'test-results/e2e',
  // The tests of a file share one server and one signed-in page, in order (test.describe.configure serial).
  fullyParallel: false,
  // Two files at a time: each file has its own server (free port, own data folder and database) and its own browser
  // context, and its tests wait on conditions, so two files cannot meet. TASKDECK_E2E_WORKERS=1 runs one at a time.
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
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
});
