import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one closing line, "N passed, N failed", that CI reads whatever runner it knows.
 * A test that never ran because its file or hooks failed counts as failed, not skipped.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      const broken = m.errors().length > 0 || m.state() === 'failed';
      let counted = 0;
      for (const t of m.children.allTests()) {
        counted++;
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed' || broken) failed++;
        else skipped++;
      }
      if (broken && counted === 0) failed++;
    }
    console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}
