import { sql, type Kysely } from 'kysely';
import type { TagsWhere } from '../store';
import { tagConditions } from './filters';
import type { Database } from './schema';

/** Rewrites the tag rows of one task or model (a tag listed twice is stored once). */
export function writeTags(
  db: Kysely<Database>,
  table: 'task_tags' | 'model_tags',
  owner: string,
  tags: readonly string[] | undefined,
  systemTags: readonly string[] | undefined,
  replace: boolean,
): Promise<void> {
  return writeTagsMany(db, table, [{ owner, tags, systemTags }], replace);
}

/** Tag rows a statement inserts at most (three values each). */
const TAG_ROWS = 500;

/** The tag rows of several owners in a statement or two (their old rows taken out first when `replace`). */
export async function writeTagsMany(
  db: Kysely<Database>,
  table: 'task_tags' | 'model_tags',
  owners: { owner: string; tags: readonly string[] | undefined; systemTags: readonly string[] | undefined }[],
  replace: boolean,
): Promise<void> {
  if (!owners.length) return;
  if (replace)
    await db
      .deleteFrom(table)
      .where(
        'owner',
        'in',
        owners.map((o) => o.owner),
      )
      .execute();
  const rows = owners.flatMap(({ owner, tags, systemTags }) => [
    ...[...new Set(tags ?? [])].map((tag) => ({ owner, system: 0, tag })),
    ...[...new Set(systemTags ?? [])].map((tag) => ({ owner, system: 1, tag })),
  ]);
  for (let i = 0; i < rows.length; i += TAG_ROWS)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + TAG_ROWS))
      .execute();
}

/**
 * The distinct tags (or system tags) of the tasks or models of `projects` (every one: undefined), in order, at
 * most `limit`. Over every project it skips through the (system, tag) index one tag at a time, so the cost
 * grows with the number of distinct tags, not of tagged rows; within projects it reads their rows' tags.
 */
export async function tagsInUse(
  db: Kysely<Database>,
  entity: 'tasks' | 'models',
  projects: string[] | undefined,
  system: boolean,
  limit: number,
  where?: TagsWhere,
): Promise<string[]> {
  const table = entity === 'tasks' ? 'task_tags' : 'model_tags';
  const flag = system ? 1 : 0;
  if (projects === undefined && !where) {
    const { rows } = await sql<{ tag: string }>`
      WITH RECURSIVE walk(tag) AS (
        SELECT min(tag) FROM ${sql.table(table)} WHERE system = ${flag}
        UNION ALL
        SELECT (SELECT min(t.tag) FROM ${sql.table(table)} t WHERE t.system = ${flag} AND t.tag > walk.tag)
        FROM walk WHERE walk.tag IS NOT NULL
      )
      SELECT tag FROM walk WHERE tag IS NOT NULL LIMIT ${limit}`.execute(db);
    return rows.map((r) => r.tag);
  }
  if (projects?.length === 0) return [];
  // Either pair: both tag tables and both owner tables have the columns read here.
  const owner = `${entity as 'tasks'}.id` as const;
  const rows = await db
    .selectFrom(`${table as 'task_tags'} as t`)
    .innerJoin(entity as 'tasks', owner, 't.owner')
    .select('t.tag')
    .distinct()
    .where('t.system', '=', flag)
    .$if(projects !== undefined, (s) => s.where(`${entity as 'tasks'}.project`, 'in', projects!))
    .$if(!!where, (s) =>
      s.where((eb) =>
        eb.and([
          ...tagConditions(eb, table as 'task_tags', owner, 0, where!.tags),
          ...tagConditions(eb, table as 'task_tags', owner, 1, where!.systemTags),
        ]),
      ),
    )
    .orderBy('t.tag')
    .limit(limit)
    .execute();
  return rows.map((r) => r.tag);
}
