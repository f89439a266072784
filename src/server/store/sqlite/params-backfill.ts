import type Database from 'better-sqlite3';
import { paramRows } from '../kysely/task-params';

const BATCH = 1000;

/** Fills task_params and task_param_counts from the tasks' documents (a migration step: runs inside its transaction). */
export function backfillParamsSqlite(db: Database.Database): void {
  const read = db.prepare('SELECT id, doc FROM tasks WHERE id > ? ORDER BY id LIMIT ?');
  const insert = db.prepare('INSERT INTO task_params (task, section, name, value, num) VALUES (?, ?, ?, ?, ?)');
  let last = '';
  for (;;) {
    const tasks = read.all(last, BATCH) as { id: string; doc: string }[];
    if (!tasks.length) break;
    last = tasks[tasks.length - 1].id;
    for (const t of tasks) {
      const doc = JSON.parse(t.doc) as { hyperparams?: unknown };
      for (const r of paramRows({ id: t.id, hyperparams: doc.hyperparams }))
        insert.run(r.task, r.section, r.name, r.value, r.num);
    }
  }
  db.exec(`INSERT INTO task_param_counts (section, name, project, n)
    SELECT p.section, p.name, coalesce(t.project, ''), count(*) FROM task_params p JOIN tasks t ON t.id = p.task GROUP BY 1, 2, 3`);
}
