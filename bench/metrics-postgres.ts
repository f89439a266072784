/**
 * The task table sorted by a metric value at a million tasks on PostgreSQL (as bench/metrics.ts on
 * SQLite: one project, 9 tasks in 10 with loss/val, every one with accuracy/val), seeded in SQL.
 * Each figure beside the default-order page of the same run. Needs the test PostgreSQL
 * (TASKDECK_TEST_PG_URL); TASKDECK_BENCH_METRICS_TASKS sets the number of tasks.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { TaskQuery } from '../src/server/store/store';
import { withFilledPostgres } from './postgres-filled';
import { median } from './timing';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const round2 = (x: number) => Math.round(x * 100) / 100;

async function fill(db: Kysely<unknown>, n: number) {
  await sql`INSERT INTO tasks (id, name, project, type, status, "user", parent, comment, created, started, completed,
        last_update, last_iteration, tags, system_tags, hidden, archived, doc)
      SELECT 't' || lpad(i::text, 8, '0'), 'run ' || i, 'p1', 'training', 'completed', 'u1', NULL, '', at, NULL, NULL, at,
        100, '[]', '[]', 0, 0, json_build_object('id', 't' || lpad(i::text, 8, '0'), 'name', 'run ' || i, 'project', 'p1',
          'status', 'completed', 'created', at, 'last_update', at, 'tags', json_build_array())::text
      FROM (SELECT i, to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
        FROM generate_series(0, ${n - 1}) AS i) s`.execute(db);
  // The metric rows in one statement: the triggers count them per project as they would any insert.
  await sql`INSERT INTO task_metrics (owner, metric_hash, variant_hash, metric, variant, value, iter, timestamp,
        min_value, min_value_iteration, max_value, max_value_iteration, first_value, first_value_iteration, count)
      SELECT 't' || lpad(i::text, 8, '0'), m.hash, ${md5('val')}, m.name, 'val', CASE WHEN m.name = 'loss' THEN v ELSE 1 - v END,
        100, 1700000000000, v / 2, 10, v * 2, 90, v * 3, 0, 101
      FROM (SELECT i, ((i::bigint * 7919) % 100000) / 100000.0 AS v FROM generate_series(0, ${n - 1}) AS i) s
      CROSS JOIN (VALUES (${md5('loss')}, 'loss'), (${md5('accuracy')}, 'accuracy')) m(hash, name)
      WHERE m.name = 'accuracy' OR i % 10 <> 0`.execute(db);
  await sql`INSERT INTO task_counts (project, status, hidden, archived, n) SELECT 'p1', 'completed', 0, 0, ${n}`.execute(db);
  await sql`ANALYZE`.execute(db);
}

export async function benchMetricsPostgres(): Promise<Record<string, number | string>> {
  const n = Number(process.env.TASKDECK_BENCH_METRICS_TASKS ?? 1_000_000);
  return withFilledPostgres(
    (db) => fill(db, n),
    async (s, fillSec) => {
      const table: TaskQuery = { projects: ['p1'], systemTags: { none: ['archived'] }, limit: 50 };
      const loss = `last_metrics.${md5('loss')}.${md5('val')}.value`;
      const acc = `last_metrics.${md5('accuracy')}.${md5('val')}.value`;
      const byDefault = await median(() => s.tasks.query({ ...table, orderBy: [{ field: 'last_update', desc: true }] }));
      const byLoss = await median(() => s.tasks.query({ ...table, orderBy: [{ field: loss, desc: true }] }), 3);
      const byAcc = await median(() => s.tasks.query({ ...table, orderBy: [{ field: acc, desc: false }] }), 3);
      // Ascending, the tasks lacking loss come first: no walk serves it, so it sorts every task (the shape every metric sort had).
      const scanned = await median(() => s.tasks.query({ ...table, orderBy: [{ field: loss, desc: false }] }), 3);
      return {
        tasks: n,
        'fill, SQL (s)': fillSec,
        'default order (last update), first page (ms)': byDefault,
        'sort by loss (1 task in 10 lacks it), descending, first page (ms)': byLoss,
        'sort by loss / default order': round2(byLoss / byDefault),
        'sort by accuracy (every task), ascending, first page (ms)': byAcc,
        'sort by accuracy / default order': round2(byAcc / byDefault),
        'sort by loss, ascending (sorts every task, as before) (ms)': scanned,
        'sort by loss ascending / default order': round2(scanned / byDefault),
      };
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await benchMetricsPostgres())) console.log(`  ${k}: ${v}`);
}
