import { sql, type Kysely } from 'kysely';
import { paramRows } from '../kysely/task-params';
import type { Database } from '../kysely/schema';

const BATCH = 1000;

/** Fills task_params and task_param_counts from the tasks' documents (a migration step, inside its transaction). */
export async function backfillParamsPostgres(trx: Kysely<unknown>): Promise<void> {
  const db = trx as Kysely<Database>;
  let last = '';
  for (;;) {
    const tasks = await db.selectFrom('tasks').select(['id', 'doc']).where('id', '>', last).orderBy('id').limit(BATCH).execute();
    if (!tasks.length) break;
    last = tasks[tasks.length - 1].id;
    const rows = tasks.flatMap((t) =>
      paramRows({ id: t.id, hyperparams: (JSON.parse(t.doc) as { hyperparams?: unknown }).hyperparams }),
    );
    for (let i = 0; i < rows.length; i += BATCH)
      await db
        .insertInto('task_params')
        .values(rows.slice(i, i + BATCH))
        .execute();
  }
  await sql`INSERT INTO task_param_counts (section, name, project, n)
    SELECT p.section, p.name, coalesce(t.project, ''), count(*) FROM task_params p JOIN tasks t ON t.id = p.task
    GROUP BY 1, 2, 3`.execute(db);
}
