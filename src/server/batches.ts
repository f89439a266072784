import type { RequestContext } from './http/endpoint';

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

/**
 * Runs `handle` on `items` BATCH at a time, each slice in its own transaction and the event loop turning between
 * two: a request naming thousands of tasks holds no other request for all of them (on SQLite the loop runs a whole
 * transaction). Not one transaction: the caller checks the whole request first, and each slice reads again what it
 * changes.
 */
export async function eachBatch<T>(ctx: RequestContext, items: T[], handle: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    if (i > 0) await nextTurn();
    await ctx.store.transaction(() => handle(items.slice(i, i + BATCH)));
  }
}
