import type { SelectQueryBuilder } from 'kysely';
import type { SortKey } from '../store';
import { parseDoc, parseDocs, type RepoContext } from './context';
import { applyOrder, applyPage } from './filters';
import type { Database } from './schema';

type DocTable = 'tasks' | 'models' | 'projects';

/** One stored document by a unique column, locked for update where the context locks rows. */
export async function docBy<T>(ctx: RepoContext, table: DocTable, column: 'id' | 'name', value: string): Promise<T | null> {
  const q = ctx.db().selectFrom(table).select('doc').where(column, '=', value);
  return parseDoc<T>(await (ctx.lockRows() ? q.forUpdate() : q).executeTakeFirst());
}

/**
 * Orders and pages a documents query and runs it; a name pattern tests every row, so that query goes
 * through the context's scan.
 */
export async function listDocs<T, TB extends keyof Database>(
  ctx: RepoContext,
  s: SelectQueryBuilder<Database, TB, { doc: string }>,
  table: TB & string,
  columns: ReadonlySet<string>,
  q: { orderBy?: SortKey[]; limit?: number; offset?: number; nameRegex?: string },
): Promise<T[]> {
  s = applyOrder(s, q.orderBy, columns, ctx.flavor, table);
  s = applyPage(s, ctx.flavor, q.limit, q.offset);
  return parseDocs<T>(q.nameRegex !== undefined ? await ctx.scan(s) : await s.execute());
}
