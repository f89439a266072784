import { expect as baseExpect, test as base } from '@playwright/test';
import { cspError, takeCspViolations } from './browser';

export const expect = baseExpect.extend({
  /** vitest's toSatisfy, kept for tests written against it: the predicate holds for the value (also in expect.poll). */
  toSatisfy(received: unknown, predicate: (value: never) => boolean) {
    const pass = predicate(received as never);
    return {
      pass,
      name: 'toSatisfy',
      message: () => `expected ${this.utils.printReceived(received)} ${pass ? 'not ' : ''}to satisfy ${predicate.toString()}`,
    };
  },
});

/**
 * Playwright Test with one addition: a test fails when the server's Content-Security-Policy blocked a
 * script, style, worker or font on any page of the worker's browser while it ran (the dashboard would
 * be broken). The pages are opened in beforeAll (one server and page per file), so the check runs on
 * every context of the browser rather than on a fixture page.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ browser }, use) => {
      // Nothing is cleared first: what the file's beforeAll (sign-in) met counts against its first test.
      await use();
      const found = takeCspViolations(browser.contexts());
      if (found.length) throw cspError(found);
    },
    { auto: true },
  ],
});
