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
import { type ExpressionBuilder, type Expression, type OrderByItemBuilder, type SqlBool } from 'kysely';
import type { TaskQuery } from '../store';
import type { RepoContext } from './context';
import { readOrderedPage, type IdQuery } from './ordered-page';
import type { Database } from './schema';
import { metricKey, type MetricKey } from './task-metrics';
import type { ReadRow } from './task-read';

type WhereOf = (q: TaskQuery) => (eb: ExpressionBuilder<Database, 'tasks'>) => Expression<SqlBool>;

const sameSeries = (field: string, key: MetricKey) => {
  const k = metricKey(field);
  return k?.metric_hash === key.metric_hash && k.variant_hash === key.variant_hash;
};
const sameValue = (field: string, key: MetricKey) => sameSeries(field, key) && metricKey(field)!.column === key.column;

type Plan = 'walk' | 'valued-first' | undefined;

/** How the page is read: by the walk alone, by the walk then the tasks without a value, or (undefined) as before. */
async function plan(ctx: RepoContext, q: TaskQuery, key: MetricKey, desc: boolean): Promise<Plan> {
  const projects = q.projects;
  if (q.ids || q.limit === undefined || projects?.length === 0) return undefined;
  const counts = await ctx
    .db()
    .selectNoFrom((eb) => {
      const holding = () =>
        eb
          .selectFrom('task_metric_counts')
          .select((e) => e.fn.sum<number>('n').as('n'))
          .where('metric_hash', '=', key.metric_hash)
          .where('variant_hash', '=', key.variant_hash);
      return [
        eb
          .selectFrom('task_counts')
          .select((e) => e.fn.sum<number>('n').as('n'))
          .$if(projects !== undefined, (s) => s.where('project', 'in', projects!))
          .as('tasks'),
        holding()
          .$if(projects !== undefined, (s) => s.where('project', 'in', projects!))
          .as('inFilter'),
        holding().as('all'),
      ];
    })
    .executeTakeFirstOrThrow();
  const [tasks, inFilter, all] = [counts.tasks, counts.inFilter, counts.all].map((v) => Number(v ?? 0));
  // Rows walked for the page (the filter keeping the series' holders in its share) against a read of the filtered tasks.
  if (inFilter === 0 || (((q.offset ?? 0) + q.limit) * all) / inFilter >= tasks) return undefined;
  // Any range on the series leaves the tasks lacking it out.
  if (q.ranges?.some((r) => sameSeries(r.field, key)) || tasks <= inFilter) return 'walk';
  return desc ? 'valued-first' : undefined;
}

// NULL below every value on both databases, as the sort from the documents puts it (and the index holds it).
const dir = (desc: boolean) => (ob: OrderByItemBuilder) => (desc ? ob.desc().nullsLast() : ob.asc().nullsFirst());

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
    if (r.gte !== undefined) s = s.where(col, '>=', Number(r.gte));
    if (r.gt !== undefined) s = s.where(col, '>', Number(r.gt));
    if (r.lte !== undefined) s = s.where(col, '<=', Number(r.lte));
    if (r.lt !== undefined) s = s.where(col, '<', Number(r.lt));
  }
  // Ties by id ascending, as the sort from the documents breaks them.
  return s.orderBy(col, dir(desc)).orderBy('mt.owner', 'asc') as unknown as IdQuery;
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
