import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** A column holding few distinct values over many rows, with an index led by it (then the project, for tasks). */
export type InUseColumn = { table: 'tasks'; column: 'type' | 'user' } | { table: 'models'; column: 'user' };

/**
 * The distinct values of a column among the rows of `projects` (every row: undefined), in order, at most
 * `limit`. The values come from a walk through the column's index, one step per distinct value (a recursive
 * CTE, the same SQL on both databases); within projects each is then looked up with them, one seek each on
 * the tasks' (column, project) index. The cost grows with the number of values, not of rows.
 */
export async function valuesInUse(
  db: Kysely<Database>,
  { table, column }: InUseColumn,
  projects: string[] | undefined,
  limit: number,
): Promise<string[]> {
  if (projects?.length === 0) return [];
  const col = sql.ref(column);
  const { rows } = await sql<{ v: string }>`
    WITH RECURSIVE walk(v) AS (
      SELECT min(${col}) FROM ${sql.table(table)}
      UNION ALL
      SELECT (SELECT min(t.${col}) FROM ${sql.table(table)} t WHERE t.${col} > walk.v) FROM walk WHERE walk.v IS NOT NULL
    )
    SELECT v FROM walk WHERE v IS NOT NULL LIMIT ${projects ? 100_000 : limit}`.execute(db);
  if (!projects) return rows.map((r) => r.v);
  const held: string[] = [];
  for (const { v } of rows) {
    if (held.length >= limit) break;
    const hit = await db
      .selectFrom(table as 'tasks')
      .select(sql<number>`1`.as('one'))
      .where(column, '=', v)
      .where('project', 'in', projects)
      .limit(1)
      .executeTakeFirst();
    if (hit) held.push(v);
  }
  return held;
}
