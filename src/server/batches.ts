import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { RequestContext } from './http/endpoint';
import type { Store } from './store/store';

/** Tasks or models handled in one transaction at most; the event loop turns between two. */
export const BATCH = 50;
/** About how long one batch may take: on SQLite the loop runs the whole transaction, answering nothing else. */
export const BATCH_TARGET_MS = 20;
/** The fewest rows a batch takes on SQLite (and its first batch's size): a round of statements serves at least these. */
export const MIN_BATCH = 10;

export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * How many rows the next batch takes. Where a transaction holds the event loop (SQLite): as many as the last ones'
 * time per row says fit in BATCH_TARGET_MS, between MIN_BATCH and BATCH and at most twice the last size. Fixed at
 * 50, a batch of large tasks took 140 ms each (the fourth QA pass: archiving 5,000 held every other request up to
 * 313 ms at a time, for 12 s). Elsewhere (PostgreSQL) BATCH: the loop turns meanwhile, and smaller batches only
 * cost round trips.
 */
export class BatchSize {
  private n: number;

  constructor(
    private readonly adaptive: boolean,
    private readonly max = BATCH,
  ) {
    this.n = adaptive ? Math.min(max, MIN_BATCH) : max;
  }

  /** The sizing a change through `store` takes. */
  static for(store: Pick<Store, 'transactionsHoldLoop'>): BatchSize {
    return new BatchSize(store.transactionsHoldLoop);
  }

  get current(): number {
    return this.n;
  }

  /** The last batch, of `rows` rows, held the loop for `ms`. */
  took(rows: number, ms: number): void {
    if (!this.adaptive) return;
    const perRow = ms / Math.max(1, rows);
    const fits = perRow > 0 ? Math.floor(BATCH_TARGET_MS / perRow) : this.max;
    this.n = Math.max(Math.min(MIN_BATCH, this.max), Math.min(this.max, this.n * 2, fits));
  }
}

/**
 * The event loop's busy time since `from`: what a batch held it for. On SQLite that is the whole transaction; on
 * PostgreSQL the round trips leave the loop free, and only its own work counts (wall time shrank PostgreSQL's batches
 * to a few rows, each a round trip more).
 */
export function loopBusySince(from: EventLoopUtilization): number {
  return performance.eventLoopUtilization(from).active;
}

/** Runs `batch` and tells `size` how long it held the event loop for `rows` rows. */
export async function timed<T>(size: BatchSize, rows: number, batch: () => Promise<T>): Promise<T> {
  const from = performance.eventLoopUtilization();
  try {
    return await batch();
  } finally {
    size.took(rows, loopBusySince(from));
  }
}

/**
 * Runs `handle` on what `next` lists (at most `limit` rows, sized by BatchSize, those still to do) until it lists none, each batch in its
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
  const size = BatchSize.for(ctx.store);
  for (;;) {
    const from = performance.eventLoopUtilization();
    const batch = await next(size.current);
    if (!batch.length) return;
    await ctx.store.transaction(() => handle(batch));
    size.took(batch.length, loopBusySince(from));
    await nextTurn();
  }
}

/**
 * Runs `handle` on `items` a batch at a time (sized by BatchSize), each slice in its own transaction and the event loop
 * turning between two: a request naming thousands of tasks holds no other request for all of them (on SQLite the loop
 * runs a whole transaction). Not one transaction: the caller checks the whole request first, and each slice reads
 * again what it changes. `after` gets each batch's result once its transaction has committed.
 */
export async function eachBatch<T, R = void>(
  ctx: RequestContext,
  items: T[],
  handle: (batch: T[]) => Promise<R>,
  after?: (result: R) => Promise<void> | void,
): Promise<void> {
  const size = BatchSize.for(ctx.store);
  for (let i = 0; i < items.length;) {
    if (i > 0) await nextTurn();
    const batch = items.slice(i, i + size.current);
    i += batch.length;
    const result = await timed(size, batch.length, () => ctx.store.transaction(() => handle(batch)));
    await after?.(result);
  }
}
