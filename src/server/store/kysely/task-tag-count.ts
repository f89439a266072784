/**
 * The task count of a query that asks for a tag, read along that tag's index (its tasks, each
 * checked against the rest of the filter) instead of every filtered task with a tag lookup each:
 * taken when the tag holds fewer tasks than the filtered projects (the kept counts say how many).
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { TaskQuery } from '../store';
import type { RepoContext } from './context';
import type { Database } from './schema';

type WhereOf = (q: TaskQuery) => (eb: ExpressionBuilder<Database, 'tasks'>) => Expression<SqlBool>;

export async function countByTag(ctx: RepoContext, q: TaskQuery, whereOf: WhereOf): Promise<number | undefined> {
  const tag = q.tags?.all?.[0];
  const projects = q.projects;
  if (tag === undefined || q.ids || projects?.length === 0) return undefined;
  const sizes = await ctx
    .db()
    .selectNoFrom((eb) => [
      eb
        .selectFrom('task_tags')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('system', '=', 0)
        .where('tag', '=', tag)
        .as('tagged'),
      eb
        .selectFrom('task_counts')
        .select((e) => e.fn.sum<number>('n').as('n'))
        .$if(projects !== undefined, (s) => s.where('project', 'in', projects!))
        .as('tasks'),
    ])
    .executeTakeFirstOrThrow();
  if (Number(sizes.tagged ?? 0) >= Number(sizes.tasks ?? 0)) return undefined;
  // The walked tag is the join itself; the filter checks the rest.
  const rest = whereOf({ ...q, tags: { ...q.tags, all: q.tags!.all!.slice(1) } });
  const s = ctx
    .db()
    .selectFrom('task_tags as tt')
    // CROSS JOIN: SQLite keeps the tag's index as the outer loop; PostgreSQL plans it as an inner join.
    .crossJoin('tasks')
    .whereRef('tasks.id', '=', 'tt.owner')
    .where('tt.system', '=', 0)
    .where('tt.tag', '=', tag)
    .where(rest as never)
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const rows = q.nameRegex !== undefined ? await ctx.scan(s) : await s.execute();
  return Number(rows[0].n);
}
