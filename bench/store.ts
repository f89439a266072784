/**
 * The store at a million tasks (SQLite): the task table's count, a deep page by cursor, a sort by a
 * hyperparameter and a tag filter. TASKDECK_BENCH_STORE_TASKS sets the number of tasks: all but the
 * last 101,000 in project p1, then 100,000 in p3 (every 1000th without the hyperparameter), then
 * 1,000 in p2 (a small project among many tasks).
 */
import Database from 'better-sqlite3';
import { backfillParamsSqlite } from '../src/server/store/sqlite/params-backfill';
import type { Store, TaskQuery } from '../src/server/store/store';
import type { Task } from '../src/shared/api/records';
import { blankTask } from '../src/server/tasks/common';
import { withFilledSqlite } from './sqlite';
import { hyperparamSortFigures } from './task-table';
import { median } from './timing';

const STATUSES = ['created', 'queued', 'in_progress', 'completed', 'failed', 'stopped'];

function projectOf(i: number, n: number): string {
  if (i >= n - 1000) return 'p2';
  return i >= n - 101_000 ? 'p3' : 'p1';
}

function fill(file: string, n: number): number {
  const db = new Database(file);
  const task = db.prepare(`INSERT INTO tasks (id, name, project, type, status, user, parent, comment, created, started,
    completed, last_update, last_iteration, tags, system_tags, hidden, archived, doc)
    VALUES (?, ?, ?, 'training', ?, 'u1', NULL, '', ?, NULL, NULL, ?, 0, ?, ?, 0, ?, ?)`);
  const tag = db.prepare('INSERT INTO task_tags (owner, system, tag) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `t${i.toString().padStart(8, '0')}`;
      const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      const tags = i % 10 === 0 ? ['sweep'] : [];
      const archived = i % 50 === 0 ? 1 : 0;
      const project = projectOf(i, n);
      const lacking = project === 'p3' && i % 1000 === 7;
      const doc = {
        id,
        name: `run ${i}`,
        project,
        status: STATUSES[i % STATUSES.length],
        created: at,
        last_update: at,
        tags,
        system_tags: archived ? ['archived'] : [],
        hyperparams: lacking
          ? {}
          : { Args: { lr: { section: 'Args', name: 'lr', value: String(((i * 7919) % 100000) / 1000) } } },
      };
      task.run(
        id,
        doc.name,
        project,
        doc.status,
        at,
        at,
        JSON.stringify(tags),
        JSON.stringify(doc.system_tags),
        archived,
        JSON.stringify(doc),
      );
      for (const t of tags) tag.run(id, 0, t);
      if (archived) tag.run(id, 1, 'archived');
    }
  })();
  db.exec(`INSERT INTO task_counts (project, status, hidden, archived, user, n)
    SELECT coalesce(project, ''), status, hidden, archived, user, count(*) FROM tasks GROUP BY 1, 2, 3, 4, 5`);
  // The parameter rows, as the migration step fills them from the documents (a store without the table has none).
  const t0 = performance.now();
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'task_params'").get())
    db.transaction(() => backfillParamsSqlite(db))();
  const backfillSec = Math.round((performance.now() - t0) / 100) / 10;
  db.exec('ANALYZE');
  db.close();
  return backfillSec;
}

/** Mean time of a task insert and of a status change, tasks with 50 hyperparameters against tasks with none. */
async function writeCosts(s: Store): Promise<Record<string, number>> {
  const TASKS = 200;
  const hyperparams: Task['hyperparams'] = { Args: {} };
  for (let k = 0; k < 50; k++) hyperparams.Args[`p${k}`] = { section: 'Args', name: `p${k}`, value: String(k / 7) };
  const mean = async (withParams: boolean) => {
    const made = Array.from({ length: TASKS }, (_, i) =>
      blankTask(
        { user: 'u1', userName: 'u1', company: 'c1' },
        {
          id: `w${withParams ? 'p' : 'n'}${i}`,
          name: `write ${i}`,
          type: 'training',
          project: 'p4',
          hyperparams: withParams ? hyperparams : {},
        },
      ),
    );
    let t0 = performance.now();
    for (const t of made) await s.tasks.insert(t);
    const insert = (performance.now() - t0) / TASKS;
    t0 = performance.now();
    for (const t of made) await s.tasks.update({ ...t, status: 'completed' });
    const update = (performance.now() - t0) / TASKS;
    return { insert: Math.round(insert * 100) / 100, update: Math.round(update * 100) / 100 };
  };
  const none = await mean(false);
  const fifty = await mean(true);
  return {
    'task insert, no hyperparameters (ms)': none.insert,
    'task insert, 50 hyperparameters (ms)': fifty.insert,
    'status change, no hyperparameters (ms)': none.update,
    'status change, 50 hyperparameters (ms)': fifty.update,
  };
}

export async function benchStore(): Promise<Record<string, number | string>> {
  const n = Number(process.env.TASKDECK_BENCH_STORE_TASKS ?? 1_000_000);
  return withFilledSqlite(
    'taskdeck-bench-store-',
    (file) => fill(file, n),
    async (s, fillSec, backfillSec) => {
      // What the task table asks: a project's unarchived tasks, newest first, 50 a page.
      const table: TaskQuery = { projects: ['p1'], systemTags: { none: ['archived'] } };
      const orderBy = [{ field: 'last_update', desc: true }];
      const [prev] = await s.tasks.query({ ...table, orderBy, offset: 999 * 50 - 1, limit: 1 });
      const after = [prev.last_update, prev.id];
      const page = await s.tasks.query({ ...table, orderBy, after, limit: 50 });
      if (page.length !== 50) throw new Error('the 1000th page is short');
      return {
        tasks: n,
        'fill (s)': fillSec,
        'hyperparameter rows backfill, in fill (s)': backfillSec,
        ...(await hyperparamSortFigures(s, table)),
        'table count (ms)': await median(() => s.tasks.count(table)),
        'project stats by status (ms)': await median(() => s.tasks.countByProjectAndStatus(['p1'])),
        '1000th page by cursor (ms)': await median(() => s.tasks.query({ ...table, orderBy, after, limit: 50 })),
        '1000th page by offset (ms)': await median(() => s.tasks.query({ ...table, orderBy, offset: 999 * 50, limit: 50 }), 3),
        'tag filter, first page (ms)': await median(() =>
          s.tasks.query({ ...table, tags: { all: ['sweep'] }, orderBy, limit: 50 }),
        ),
        'tag filter, count (ms)': await median(() => s.tasks.count({ ...table, tags: { all: ['sweep'] } }), 3),
        ...(await writeCosts(s)),
      };
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await benchStore())) console.log(`  ${k}: ${v}`);
}
