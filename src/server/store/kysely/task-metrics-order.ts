/**
 * Tasks ordered by one metric value (last, lowest or highest), walked along the series' index on
 * task_metrics in order, keeping the tasks that pass the filter: it stops after a page when the
 * filter keeps a fair share of the tasks holding the series. The walk sees only tasks holding the
 * series, and the order puts a task without a value (NULL) first ascending, last descending. So the
 * walk alone serves a page when the counts (task_metric_counts against task_counts) say no filtered
 * task lacks the series, or a range on the series leaves such tasks out; descending, it serves the
 * valued tasks and the page that reaches past them takes the rest from the tasks without a value
 * (by id). Else (ascending with tasks lacking the series, a small filter) the caller sorts as before.
 */
import type { TaskQuery } from '../store';
import type { RepoContext } from './context';
import { boundsOf, holderCounts, nullsLow, rowsWalked, type WhereOf } from './index-walk';
import { readOrderedPage, type IdQuery } from './ordered-page';
import { metricKey, type MetricKey } from './task-metrics';
import type { ReadRow } from './task-read';

const sameSeries = (field: string, key: MetricKey) => {
  const k = metricKey(field);
  return k?.metric_hash === key.metric_hash && k.variant_hash === key.variant_hash;
};
const sameValue = (field: string, key: MetricKey) => sameSeries(field, key) && metricKey(field)!.column === key.column;

type Plan = 'walk' | 'valued-first' | undefined;

/** How the page is read: by the walk alone, by the walk then the tasks without a value, or (undefined) as before. */
async function plan(ctx: RepoContext, q: TaskQuery, key: MetricKey, desc: boolean): Promise<Plan> {
  const c = await holderCounts(ctx, q, 'task_metric_counts', {
    metric_hash: key.metric_hash,
    variant_hash: key.variant_hash,
  });
  // Rows walked for the page against a read of the filtered tasks.
  if (!c || c.inFilter === 0 || rowsWalked(q, c) >= c.tasks) return undefined;
  // Any range on the series leaves the tasks lacking it out.
  if (q.ranges?.some((r) => sameSeries(r.field, key)) || c.tasks <= c.inFilter) return 'walk';
  return desc ? 'valued-first' : undefined;
}

function walk(ctx: RepoContext, q: TaskQuery, whereOf: WhereOf, key: MetricKey, desc: boolean, valuedOnly: boolean): IdQuery {
  // Ranges on the walked value bound the walk itself; the filter keeps the others.
  const where = whereOf({ ...q, ranges: q.ranges?.filter((r) => !sameValue(r.field, key)) });
  const col = `mt.${key.column}` as const;
  let s = ctx
    .db()
    .selectFrom('task_metrics as mt')
    // CROSS JOIN: SQLite keeps the series' index as the outer loop; PostgreSQL plans it as an inner join.
    .crossJoin('tasks')
    .whereRef('tasks.id', '=', 'mt.owner')
    .where('mt.metric_hash', '=', key.metric_hash)
    .where('mt.variant_hash', '=', key.variant_hash)
    .where(where as never)
    .select('tasks.id');
  if (valuedOnly) s = s.where(col, 'is not', null);
  for (const r of q.ranges ?? []) {
    if (!sameValue(r.field, key)) continue;
    for (const [op, bound] of boundsOf(r)) s = s.where(col, op, bound);
  }
  // Ties by id ascending, as the sort from the documents breaks them.
  return s.orderBy(col, nullsLow(desc)).orderBy('mt.owner', 'asc') as unknown as IdQuery;
}

/** The filtered tasks without a value of the series (lacking it, or NULL), by id: the end of a descending sort. */
function valueless(ctx: RepoContext, q: TaskQuery, whereOf: WhereOf, key: MetricKey): IdQuery {
  return ctx
    .db()
    .selectFrom('tasks')
    .select('tasks.id')
    .where(whereOf(q))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('task_metrics as mt')
            .select('mt.owner')
            .whereRef('mt.owner', '=', 'tasks.id')
            .where('mt.metric_hash', '=', key.metric_hash)
            .where('mt.variant_hash', '=', key.variant_hash)
            .where(`mt.${key.column}`, 'is not', null),
        ),
      ),
    )
    .orderBy('tasks.id', 'asc');
}

/** The page `q` asks for when it sorts by one metric value alone and the series' index serves it; else undefined. */
export async function queryByMetricIndex(ctx: RepoContext, q: TaskQuery, whereOf: WhereOf): Promise<ReadRow[] | undefined> {
  const keys = q.orderBy ?? [];
  const key = keys.length === 1 ? metricKey(keys[0].field) : undefined;
  if (!key) return undefined;
  const desc = keys[0].desc;
  const how = await plan(ctx, q, key, desc);
  if (how === 'walk') return readOrderedPage(ctx, q, walk(ctx, q, whereOf, key, desc, false));
  if (how !== 'valued-first') return undefined;
  const head = await readOrderedPage(ctx, q, walk(ctx, q, whereOf, key, desc, true));
  const limit = q.limit!;
  if (head.length === limit) return head;
  // Past the valued tasks by an unknown count: where the page starts among the others is not known here.
  if (head.length === 0 && (q.offset ?? 0) > 0) return undefined;
  // The valued tasks end inside this page, so the others start at its remainder.
  const tail = await readOrderedPage(ctx, { ...q, offset: 0, limit: limit - head.length }, valueless(ctx, q, whereOf, key));
  return [...head, ...tail];
}
