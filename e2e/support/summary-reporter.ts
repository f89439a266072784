import type { FullResult, Reporter, Suite } from '@playwright/test/reporter';

/**
 * Prints one closing line, "N passed, N failed", that CI reads whatever runner it knows (as the vitest
 * run's src/testing/summary-reporter.ts does). A test that never ran because one before it in its serial
 * file failed counts as failed; only a test marked to skip counts as skipped.
 */
export default class SummaryReporter implements Reporter {
  private root?: Suite;

  onBegin(_config: unknown, suite: Suite): void {
    this.root = suite;
  }

  onEnd(result: FullResult): void {
    const tests = this.root?.allTests() ?? [];
    // `playwright test --list` ends without running anything, and says so: none of them passed or failed.
    if (result.status === 'passed' && tests.length && tests.every((t) => t.results.length === 0)) {
      console.log(`\nTests: ${tests.length} listed, none run`);
      return;
    }
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const t of tests) {
      const o = t.outcome();
      if (o === 'expected' || o === 'flaky') passed++;
      else if (o === 'skipped' && t.expectedStatus === 'skipped') skipped++;
      // 'unexpected', or 'skipped' without being marked: it did not run.
      else failed++;
    }
    // A run that broke before its tests (a config or file error) has failed even with no test counted.
    if (result.status !== 'passed' && failed === 0) failed = 1;
    console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}
