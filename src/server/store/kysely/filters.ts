import {
  sql,
  type OrderByItemBuilder,
  type ExpressionBuilder,
  type Expression,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { SortKey, TagFilter } from '../store';
import type { Database } from './schema';
import type { Flavor } from './flavor';

export const NOTHING = sql<SqlBool>`1 = 0`;

/** `column IN (...)`, where an empty list matches nothing. */
export function inList<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  values: readonly string[],
): Expression<SqlBool> {
  if (!values.length) return NOTHING;
  return eb(eb.ref(column as never), 'in', values as never);
}

/** Tag conditions on a task or model (`owner` = its id column) answered from the tag table's index. */
export function tagConditions(
  eb: ExpressionBuilder<Database, 'tasks'> | ExpressionBuilder<Database, 'models'>,
  table: 'task_tags' | 'model_tags',
  owner: 'tasks.id' | 'models.id',
  system: 0 | 1,
  f: TagFilter | undefined,
): Expression<SqlBool>[] {
  if (!f) return [];
  const e = eb as unknown as ExpressionBuilder<Database, 'tasks'>;
  const having = (tags: readonly string[]) =>
    e.exists(
      e
        .selectFrom(table)
        .select(sql`1`.as('one'))
        .whereRef(`${table}.owner`, '=', sql.ref(owner))
        .where(`${table}.system`, '=', system)
        .where(`${table}.tag`, 'in', tags as string[]),
    );
  const out: Expression<SqlBool>[] = [];
  for (const tag of f.all ?? []) out.push(having([tag]));
  // An empty `any` list asks nothing (as ClearML's filters treat it).
  if (f.any?.length) out.push(having(f.any));
  if (f.none?.length) out.push(e.not(having(f.none)));
  return out;
}

/**
 * ORDER BY for a list of sort keys: plain columns by name, anything else read from the JSON
 * document (numbers, also numbers written as text as hyperparameters are, by value; then text).
 */
export function applyOrder<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  keys: SortKey[] | undefined,
  columns: ReadonlySet<string>,
  flavor: Flavor,
  table: string,
  /** Sort fields that are no column nor document path, as the expression they sort by. */
  computed: Readonly<Record<string, Expression<unknown>>> = {},
): SelectQueryBuilder<DB, TB, O> {
  for (const k of keys ?? []) {
    // NULL sorts below every value on both databases (SQLite's order; PostgreSQL's is the reverse).
    const dir = (ob: OrderByItemBuilder) => (k.desc ? ob.desc().nullsLast() : ob.asc().nullsFirst());
    if (Object.hasOwn(computed, k.field)) q = q.orderBy(computed[k.field], dir);
    else if (columns.has(k.field)) q = q.orderBy(sql.ref(`${table}.${k.field}`), dir);
    else {
      const value = flavor.jsonText(sql.ref(`${table}.doc`), k.field.split('.'));
      q = q.orderBy(flavor.num(value), dir).orderBy(value, dir);
    }
  }
  return q.orderBy(sql.ref(`${table}.id`), 'asc');
}

export function applyPage<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  flavor: Flavor,
  limit?: number,
  offset?: number,
): SelectQueryBuilder<DB, TB, O> {
  if (limit !== undefined) q = q.limit(Math.max(0, Math.floor(limit)));
  if (offset) {
    // SQLite takes OFFSET only after a LIMIT (-1: none).
    if (limit === undefined && flavor.name === 'sqlite') q = q.limit(-1);
    q = q.offset(Math.max(0, Math.floor(offset)));
  }
  return q;
}
