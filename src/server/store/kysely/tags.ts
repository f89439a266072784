import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** Rewrites the tag rows of one task or model (a tag listed twice is stored once). */
export async function writeTags(
  db: Kysely<Database>,
  table: 'task_tags' | 'model_tags',
  owner: string,
  tags: readonly string[] | undefined,
  systemTags: readonly string[] | undefined,
  replace: boolean,
): Promise<void> {
  if (replace) await db.deleteFrom(table).where('owner', '=', owner).execute();
  const rows = [
    ...[...new Set(tags ?? [])].map((tag) => ({ owner, system: 0, tag })),
    ...[...new Set(systemTags ?? [])].map((tag) => ({ owner, system: 1, tag })),
  ];
  if (rows.length) await db.insertInto(table).values(rows).execute();
}
