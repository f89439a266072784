import type { RepoContext } from './context';

/** The tables whose rows expire by their `at` time (epoch ms). */
type Expiring = 'login_failures' | 'queue_samples' | 'worker_stats';

/**
 * Deletes the `limit` oldest rows of `table` older than `beforeMs` at most (ties at the last one's time
 * included): a bounded statement on both databases, however far behind the expiry is.
 */
export async function deleteOldest(ctx: RepoContext, table: Expiring, beforeMs: number, limit: number): Promise<number> {
  const db = ctx.db();
  const last = db
    .selectFrom(
      db
        .selectFrom(table as 'queue_samples')
        .select('at')
        .where('at', '<', Math.floor(beforeMs))
        .orderBy('at')
        .limit(limit)
        .as('oldest'),
    )
    .select((eb) => eb.fn.max('at').as('at'));
  const r = await db
    .deleteFrom(table as 'queue_samples')
    .where('at', '<=', last)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
