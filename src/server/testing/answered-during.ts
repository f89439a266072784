import type { TestServer } from './server';

/**
 * Calls server.info one after another until `done` settles; how many were answered before it did, and its result.
 * A change that holds the event loop from start to end lets none through.
 */
export async function answeredDuring<T>(srv: TestServer, done: Promise<T>): Promise<{ answered: number; result: T }> {
  let settled = false;
  const watched = done.finally(() => (settled = true));
  let answered = 0;
  while (!settled) {
    await srv.client.call('server.info', {});
    if (!settled) answered++;
  }
  return { answered, result: await watched };
}
