/**
 * What the orders that walk one key's index on a side table (task_params, task_metrics) share: the
 * kept counts that say whether the walk reads fewer rows than sorting the filtered tasks, the bounds a
 * range puts on the walked column, and the place of NULL in the order.
 */
import type { Expression, ExpressionBuilder, OrderByItemBuilder, SqlBool } from 'kysely';
import type { RangeFilter, TaskQuery } from '../store';
import type { RepoContext } from './context';
import type { Database } from './schema';

/** The task filter of a query (the repository's WHERE). */
export type WhereOf = (q: TaskQuery) => (eb: ExpressionBuilder<Database, 'tasks'>) => Expression<SqlBool>;

// NULL below every value on both databases (SQLite's order; PostgreSQL's is the reverse), as the index holds it.
export const nullsLow = (desc: boolean) => (ob: OrderByItemBuilder) => (desc ? ob.desc().nullsLast() : ob.asc().nullsFirst());

/** Filtered tasks, the tasks in the filter holding the key, and the tasks holding it anywhere. */
export interface HolderCounts {
  tasks: number;
  inFilter: number;
  all: number;
}

/**
 * The counts for a page the walk could serve, from the kept per-project counts (one query of three indexed
 * sums); undefined when no walk serves `q` (ids, no page, no project).
 */
export async function holderCounts(
  ctx: RepoContext,
  q: TaskQuery,
  table: 'task_param_counts' | 'task_metric_counts',
  key: Record<string, string>,
): Promise<HolderCounts | undefined> {
  const projects = q.projects;
  if (q.ids || q.limit === undefined || projects?.length === 0) return undefined;
  const counts = await ctx
    .db()
    .selectNoFrom((eb) => {
      const holding = () => {
        // Either counts table: both have n and project, and the key's columns are given with it.
        let s = eb.selectFrom(table as 'task_param_counts').select((e) => e.fn.sum<number>('n').as('n'));
        for (const [column, value] of Object.entries(key)) s = s.where(column as 'name', '=', value);
        return s;
      };
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
  return { tasks, inFilter, all };
}

/** Rows the walk reads for the page, the filter keeping the key's holders in its share (inFilter > 0). */
export function rowsWalked(q: TaskQuery, c: HolderCounts): number {
  return (((q.offset ?? 0) + q.limit!) * c.all) / c.inFilter;
}

/** A range's bounds as comparisons on the walked column: the walk starts and stops at them. */
export function boundsOf(r: RangeFilter): ['>=' | '>' | '<=' | '<', number][] {
  const bounds: ['>=' | '>' | '<=' | '<', number][] = [];
  if (r.gte !== undefined) bounds.push(['>=', Number(r.gte)]);
  if (r.gt !== undefined) bounds.push(['>', Number(r.gt)]);
  if (r.lte !== undefined) bounds.push(['<=', Number(r.lte)]);
  if (r.lt !== undefined) bounds.push(['<', Number(r.lt)]);
  return bounds;
}
