/**
 * The events tables' part of `taskdeck migrate-db`: copied in key order, in batches, with their
 * ids (series ids, console and event positions) kept, and PostgreSQL's id sequences moved past
 * them. SQLite's FTS5 index is not copied: PostgreSQL keeps its own trigram index.
 */
import { sql, type Kysely } from 'kysely';

/** Each table and the columns that order it uniquely (keyset paging: no OFFSET rescans). */
export const EVENT_TABLES: { table: string; key: string[] }[] = [
  { table: 'scalar_series', key: ['id'] },
  { table: 'scalar_chunks', key: ['series', 'seq'] },
  { table: 'scalar_points', key: ['series', 'seq'] },
  { table: 'scalar_groups', key: ['series', 'seq'] },
  { table: 'task_log_stats', key: ['task'] },
  { table: 'task_logs', key: ['pos'] },
  { table: 'task_events', key: ['pos'] },
];

const IDENTITIES = [
  ['scalar_series', 'id'],
  ['task_logs', 'pos'],
  ['task_events', 'pos'],
];

const BATCH = 500;

export async function copyEventTables<A, B>(
  from: Kysely<A>,
  to: Kysely<B>,
  progress: (table: string, done: number, total: number) => void,
) {
  for (const { table, key } of EVENT_TABLES) {
    const total = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(from)).rows[0].n);
    const keys = sql.join(key.map((k) => sql.ref(k)));
    let after: unknown[] | undefined;
    let done = 0;
    progress(table, 0, total);
    for (;;) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}
        ${after ? sql`WHERE (${keys}) > (${sql.join(after)})` : sql``}
        ORDER BY ${keys} LIMIT ${BATCH}`.execute(from);
      if (!rows.length) break;
      await sql`INSERT INTO ${sql.table(table)} ${sql.raw(
        '(' +
          Object.keys(rows[0])
            .map((c) => `"${c}"`)
            .join(', ') +
          ')',
      )}
        VALUES ${sql.join(rows.map((r) => sql`(${sql.join(Object.values(r))})`))}`.execute(to);
      const last = rows[rows.length - 1];
      after = key.map((k) => last[k]);
      done += rows.length;
      progress(table, done, total);
    }
  }
  for (const [table, column] of IDENTITIES) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false)
      FROM ${sql.table(table)}`.execute(to);
  }
}
