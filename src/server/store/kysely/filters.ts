import {
  sql,
  type OrderByItemBuilder,
  type ExpressionBuilder,
  type Expression,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { SortKey, TagFilter, TagListFilter } from '../store';
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
  if (f.list) {
    const list = listCondition(e, f.list, having);
    if (list) out.push(list);
  }
  return out;
}

/** ClearML's field filter as one condition (see TagListFilter); undefined when it asks nothing. */
function listCondition(
  e: ExpressionBuilder<Database, 'tasks'>,
  f: TagListFilter,
  having: (tags: readonly string[]) => Expression<SqlBool>,
): Expression<SqlBool> | undefined {
  const parts: Expression<SqlBool>[] = [];
  const anyTerms: Expression<SqlBool>[] = [];
  if (f.any?.include?.length) anyTerms.push(having(f.any.include));
  // Lacks at least one of them: not every one is held.
  if (f.any?.exclude?.length) anyTerms.push(e.not(e.and(f.any.exclude.map((t) => having([t])))));
  if (anyTerms.length) parts.push(e.or(anyTerms));
  const allTerms: Expression<SqlBool>[] = (f.all?.include ?? []).map((t) => having([t]));
  if (f.all?.exclude?.length) allTerms.push(e.not(having(f.all.exclude)));
  if (allTerms.length) parts.push(e.and(allTerms));
  if (!parts.length) return undefined;
  return f.op === 'or' ? e.or(parts) : e.and(parts);
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
  /** A key's value read from elsewhere than the document (a metric's row), if it is one. */
  special?: (field: string) => Expression<unknown> | undefined,
): SelectQueryBuilder<DB, TB, O> {
  for (const k of keys ?? []) {
    // NULL sorts below every value on both databases (SQLite's order; PostgreSQL's is the reverse).
    const dir = (ob: OrderByItemBuilder) => (k.desc ? ob.desc().nullsLast() : ob.asc().nullsFirst());
    const other = columns.has(k.field) ? undefined : special?.(k.field);
    if (columns.has(k.field)) q = q.orderBy(sql.ref(`${table}.${k.field}`), dir);
    else if (other) q = q.orderBy(other, dir);
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
