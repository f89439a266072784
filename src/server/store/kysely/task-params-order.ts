/**
 * Tasks ordered by hyperparameters, read from `task_params`. Numbers by value, then text, and a
 * task lacking the parameter first ascending, last descending (as the order from the documents was).
 *
 * Two shapes of the same order. *Index*: walk the parameter's index in order and keep the tasks
 * that pass the filter, which stops after a page when the filter keeps a fair share of the tasks
 * holding the parameter (a large project). *Scan*: read the filtered tasks, join each one's value
 * and sort, which costs the size of the filter (a small project). The index shape sees only tasks
 * holding the parameter, so it is taken only when the counts say no filtered task lacks it.
 */
import { sql, type Expression } from 'kysely';
import type { SortKey, TaskQuery } from '../store';
import type { RepoContext } from './context';
import { boundsOf, holderCounts, nullsLow, rowsWalked, type WhereOf } from './index-walk';
import { readOrderedPage, type IdQuery } from './ordered-page';
import type { ReadRow } from './task-read';
import { paramKey, type ParamKey } from './task-params';

type Where = ReturnType<WhereOf>;

const sameKey = (field: string, key: ParamKey) => {
  const k = paramKey(field);
  return k?.section === key.section && k.name === key.name;
};

/** Whether any sort key is a hyperparameter value the table keeps. */
export function sortsByParam(keys: SortKey[] | undefined): boolean {
  return !!keys?.some((k) => paramKey(k.field));
}

/** Which shape reads fewer rows for this page, from the kept counts (one query of three indexed sums). */
async function indexIsCheaper(ctx: RepoContext, q: TaskQuery, key: ParamKey): Promise<boolean> {
  const c = await holderCounts(ctx, q, 'task_param_counts', { section: key.section, name: key.name });
  if (!c) return false;
  const bounded = q.ranges?.some((r) => sameKey(r.field, key));
  // A filtered task lacking the parameter sorts too (first or last); a range on it leaves such tasks out.
  if ((!bounded && c.tasks > c.inFilter) || c.inFilter === 0) return false;
  return rowsWalked(q, c) < c.tasks;
}

/** The filtered tasks holding `key`, read along its index from the bounds of the ranges on it. */
function walk(ctx: RepoContext, q: TaskQuery, whereOf: WhereOf, key: ParamKey) {
  // The ranges on the walked parameter bound the walk itself below; the filter keeps the others.
  const where = whereOf({ ...q, ranges: q.ranges?.filter((r) => !sameKey(r.field, key)) });
  let s = ctx
    .db()
    .selectFrom('task_params as p')
    // CROSS JOIN: SQLite keeps the parameter's index as the outer loop; PostgreSQL plans it as an inner join.
    .crossJoin('tasks')
    .whereRef('tasks.id', '=', 'p.task')
    .where('p.section', '=', key.section)
    .where('p.name', '=', key.name)
    .where(where as never);
  for (const r of q.ranges ?? []) {
    if (!sameKey(r.field, key)) continue;
    // On the walked index itself: the walk starts and stops at them.
    for (const [op, bound] of boundsOf(r)) s = s.where('p.num', op, bound);
  }
  return s;
}

function indexShape(ctx: RepoContext, q: TaskQuery, whereOf: WhereOf, key: ParamKey, desc: boolean): IdQuery {
  const s = walk(ctx, q, whereOf, key).select('tasks.id');
  // value and task are never NULL: no NULLS clause, so PostgreSQL sees the index's own order (read backwards for desc).
  const plain = desc ? 'desc' : 'asc';
  return s.orderBy('p.num', nullsLow(desc)).orderBy('p.value', plain).orderBy('p.task', plain) as unknown as IdQuery;
}

function scanShape(
  ctx: RepoContext,
  where: Where,
  keys: SortKey[],
  columns: ReadonlySet<string>,
  special?: (field: string) => Expression<unknown> | undefined,
): IdQuery {
  let s: IdQuery = ctx.db().selectFrom('tasks').select('tasks.id').where(where);
  const { flavor } = ctx;
  keys.forEach((k, i) => {
    const key = paramKey(k.field);
    if (key) {
      // An alias per sorted parameter; typed as one alias `p`, which the builder's types cannot name per key.
      const p = `p${i}` as 'p';
      s = s
        .leftJoin(`task_params as ${p}` as 'task_params as p', (j) =>
          j.onRef(`${p}.task`, '=', 'tasks.id').on(`${p}.section`, '=', key.section).on(`${p}.name`, '=', key.name),
        )
        .orderBy(`${p}.num`, nullsLow(k.desc))
        .orderBy(`${p}.value`, nullsLow(k.desc)) as unknown as IdQuery;
    } else if (columns.has(k.field)) s = s.orderBy(sql.ref(`tasks.${k.field}`), nullsLow(k.desc));
    else if (special?.(k.field)) s = s.orderBy(special(k.field)!, nullsLow(k.desc));
    else {
      const value = flavor.jsonText(sql.ref('tasks.doc'), k.field.split('.'));
      s = s.orderBy(flavor.num(value), nullsLow(k.desc)).orderBy(value, nullsLow(k.desc));
    }
  });
  // One parameter alone: ties by id in its direction, as the index shape reads them (a descending sort is the ascending one reversed).
  const idDesc = keys.length === 1 && keys[0].desc;
  return s.orderBy('tasks.id', idDesc ? 'desc' : 'asc');
}

/** The documents of the tasks `q` asks for, ordered by its keys, at least one a kept hyperparameter. */
export async function queryByParams(
  ctx: RepoContext,
  q: TaskQuery,
  whereOf: WhereOf,
  columns: ReadonlySet<string>,
  special?: (field: string) => Expression<unknown> | undefined,
): Promise<ReadRow[]> {
  const keys = q.orderBy ?? [];
  const only = keys.length === 1 ? paramKey(keys[0].field) : undefined;
  const ordered =
    only && (await indexIsCheaper(ctx, q, only))
      ? indexShape(ctx, q, whereOf, only, keys[0].desc)
      : scanShape(ctx, whereOf(q), keys, columns, special);
  return readOrderedPage(ctx, q, ordered);
}

/**
 * The count of `q` when it bounds a kept hyperparameter: read along that parameter's index between
 * the bounds (the tasks in range, not every task), else undefined.
 */
export async function countInParamRange(ctx: RepoContext, q: TaskQuery, whereOf: WhereOf): Promise<number | undefined> {
  const key = q.ranges?.map((r) => paramKey(r.field)).find((k) => k !== undefined);
  if (!key) return undefined;
  const s = walk(ctx, q, whereOf, key).select((eb) => eb.fn.countAll<number>().as('n'));
  const rows = q.nameRegex !== undefined ? await ctx.scan(s) : await s.execute();
  return Number(rows[0].n);
}
