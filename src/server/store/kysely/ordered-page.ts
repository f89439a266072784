/**
 * A page of tasks from a query that orders their ids: the order is found on ids alone, then the
 * page's documents are read by id (a sort of many tasks then moves short keys, not documents).
 */
import type { SelectQueryBuilder } from 'kysely';
import type { TaskQuery } from '../store';
import type { RepoContext } from './context';
import { applyPage } from './filters';
import type { Database } from './schema';
import { READ_COLUMNS, type ReadRow } from './task-read';

export type IdQuery = SelectQueryBuilder<Database, 'tasks', { id: string }>;

/** Ids past which the documents are read by id rather than carried through the sort. */
const DEFERRED_MAX = 1000;

export async function readOrderedPage(ctx: RepoContext, q: TaskQuery, ordered: IdQuery): Promise<ReadRow[]> {
  const lock = q.ids !== undefined && ctx.lockRows();
  const run = <R>(s: { execute(): Promise<R[]> } & Parameters<RepoContext['scan']>[0]) =>
    (q.nameRegex !== undefined ? ctx.scan(s) : s.execute()) as Promise<R[]>;
  if (q.limit === undefined || q.limit > DEFERRED_MAX) {
    const whole = applyPage(ordered, ctx.flavor, q.limit, q.offset).clearSelect().select(READ_COLUMNS);
    return run<ReadRow>(lock ? whole.forUpdate() : whole);
  }
  const ids = (await run<{ id: string }>(applyPage(ordered, ctx.flavor, q.limit, q.offset))).map((r) => r.id);
  if (!ids.length) return [];
  let docs = ctx
    .db()
    .selectFrom('tasks')
    .select(['tasks.id', ...READ_COLUMNS])
    .where('id', 'in', ids);
  if (lock) docs = docs.forUpdate();
  const byId = new Map((await docs.execute()).map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
