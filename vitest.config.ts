import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The browser suite in e2e/ runs on Playwright Test (playwright.config.ts).
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits on a condition; its default deadline (1 s) is too tight for a busy machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default', './src/testing/summary-reporter.ts'],
  },
});
