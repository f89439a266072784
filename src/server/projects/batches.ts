import type { RequestContext } from '../http/endpoint';

/** Tasks or models handled in one transaction; the event loop turns between two. */
export const BATCH = 50;

export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `handle` on what `next` lists (at most BATCH rows, those still to do) until it lists none, each batch in its
 * own transaction and the event loop turning between two: a project of many tasks holds neither every other
 * request (on SQLite the loop runs a whole transaction) nor, on PostgreSQL, its locks for the whole change. `handle`
 * must take each listed row out of what `next` lists, or the walk would not end. Cut short, the change leaves
 * what it did not reach; running it again goes on from there.
 */
export async function inBatches<T>(
  ctx: RequestContext,
  next: (limit: number) => Promise<T[]>,
  handle: (batch: T[]) => Promise<void>,
): Promise<void> {
  for (;;) {
    const batch = await next(BATCH);
    if (!batch.length) return;
    await ctx.store.transaction(() => handle(batch));
    await nextTurn();
  }
}
