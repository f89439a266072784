/**
 * The hyperparameter sort (task_params) at a million tasks on PostgreSQL, the same tasks as bench/store.ts (p1,
 * p3 with every 1000th task lacking the parameter, the small p2), seeded in SQL. Each figure beside
 * the default-order page of the same run. Needs the test PostgreSQL (TASKDECK_TEST_PG_URL);
 * TASKDECK_BENCH_STORE_TASKS sets the number of tasks.
 */
import { sql, type Kysely } from 'kysely';
import type { TaskQuery } from '../src/server/store/store';
import { withFilledPostgres } from './postgres-filled';
import { hyperparamSortFigures } from './task-table';

async function fill(db: Kysely<unknown>, n: number) {
  await sql`CREATE TEMP TABLE seed AS
      SELECT i, 't' || lpad(i::text, 8, '0') AS id,
        CASE WHEN i >= ${n - 1000} THEN 'p2' WHEN i >= ${n - 101_000} THEN 'p3' ELSE 'p1' END AS project,
        (ARRAY['created','queued','in_progress','completed','failed','stopped'])[i % 6 + 1] AS status,
        to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
        (i % 50 = 0)::int AS archived,
        trim_scale(((i::bigint * 7919) % 100000)::numeric / 1000)::text AS lr
      FROM generate_series(0, ${n - 1}) AS i`.execute(db);
  await sql`UPDATE seed SET lr = NULL WHERE project = 'p3' AND i % 1000 = 7`.execute(db);
  await sql`INSERT INTO tasks (id, name, project, type, status, "user", parent, comment, created, started, completed,
        last_update, last_iteration, tags, system_tags, hidden, archived, doc)
      SELECT id, 'run ' || i, project, 'training', status, 'u1', NULL, '', at, NULL, NULL, at, 0,
        CASE WHEN i % 10 = 0 THEN '["sweep"]' ELSE '[]' END,
        CASE WHEN archived = 1 THEN '["archived"]' ELSE '[]' END, 0, archived,
        json_build_object('id', id, 'name', 'run ' || i, 'project', project, 'status', status, 'created', at,
          'last_update', at, 'tags', CASE WHEN i % 10 = 0 THEN json_build_array('sweep') ELSE json_build_array() END,
          'system_tags', CASE WHEN archived = 1 THEN json_build_array('archived') ELSE json_build_array() END,
          'hyperparams', CASE WHEN lr IS NULL THEN json_build_object()
            ELSE json_build_object('Args', json_build_object('lr', json_build_object('section', 'Args', 'name', 'lr', 'value', lr))) END
        )::text
      FROM seed`.execute(db);
  await sql`INSERT INTO task_tags (owner, system, tag)
      SELECT id, 0, 'sweep' FROM seed WHERE i % 10 = 0 UNION ALL SELECT id, 1, 'archived' FROM seed WHERE archived = 1`.execute(
    db,
  );
  await sql`INSERT INTO task_counts (project, status, hidden, archived, n)
      SELECT project, status, 0, archived, count(*) FROM seed GROUP BY 1, 2, 3, 4`.execute(db);
  await sql`INSERT INTO task_params (task, section, name, value, num)
      SELECT id, 'Args', 'lr', lr, lr::double precision FROM seed WHERE lr IS NOT NULL`.execute(db);
  await sql`INSERT INTO task_param_counts (section, name, project, n)
      SELECT 'Args', 'lr', project, count(*) FROM seed WHERE lr IS NOT NULL GROUP BY 3`.execute(db);
  await sql`ANALYZE`.execute(db);
}

export async function benchParamsPostgres(): Promise<Record<string, number | string>> {
  const n = Number(process.env.TASKDECK_BENCH_STORE_TASKS ?? 1_000_000);
  const table: TaskQuery = { projects: ['p1'], systemTags: { none: ['archived'] } };
  return withFilledPostgres(
    (db) => fill(db, n),
    async (s, fillSec) => ({ tasks: n, 'fill, SQL (s)': fillSec, ...(await hyperparamSortFigures(s, table)) }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await benchParamsPostgres())) console.log(`  ${k}: ${v}`);
}
