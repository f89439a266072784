import { sql, type Kysely } from 'kysely';
import type { LogRead, LogRow } from '../store';
import type { EventTables } from './events-schema';
import type { Flavor } from './flavor';
import { slices } from './events-scalars';

type Db = Kysely<EventTables>;

/** Console lines in a message: the SDK joins lines with \n; a trailing newline ends the last line. */
export function countLines(msg: string): number {
  let n = 1;
  for (let i = msg.indexOf('\n'); i >= 0 && i < msg.length - 1; i = msg.indexOf('\n', i + 1)) n++;
  return n;
}

const logColumns = (db: Db) =>
  db.selectFrom('task_logs').select(['pos', 'task', 'ts as timestamp', 'level', 'worker', 'msg', 'line', 'lines']);

/**
 * Appends console rows. Each task's line range is reserved in one upsert of its counter row,
 * which also orders concurrent writers of one task on PostgreSQL (the row stays locked until
 * commit), so line numbers follow positions.
 */
export async function writeLogs(db: Db, rows: Omit<LogRow, 'pos' | 'line' | 'lines'>[]) {
  const byTask = new Map<string, { rows: typeof rows; lines: number[]; total: number }>();
  for (const r of rows) {
    let t = byTask.get(r.task);
    if (!t) byTask.set(r.task, (t = { rows: [], lines: [], total: 0 }));
    const n = countLines(r.msg);
    t.rows.push(r);
    t.lines.push(n);
    t.total += n;
  }
  for (const [task, t] of byTask) {
    const { lines: end } = await db
      .insertInto('task_log_stats')
      .values({ task, lines: t.total, rows: t.rows.length })
      .onConflict((oc) =>
        oc.column('task').doUpdateSet({
          lines: sql<number>`task_log_stats.lines + excluded.lines`,
          rows: sql<number>`task_log_stats.rows + excluded.rows`,
        }),
      )
      .returning('lines')
      .executeTakeFirstOrThrow();
    let line = Number(end) - t.total;
    const values = t.rows.map((r, i) => {
      const v = { task, ts: r.timestamp, level: r.level, worker: r.worker, msg: r.msg, line, lines: t.lines[i] };
      line += t.lines[i];
      return v;
    });
    for (const part of slices(values, 1000)) await db.insertInto('task_logs').values(part).execute();
  }
}

export async function logStats(db: Db, task: string) {
  const r = await db.selectFrom('task_log_stats').select(['lines', 'rows']).where('task', '=', task).executeTakeFirst();
  return { lines: Number(r?.lines ?? 0), rows: Number(r?.rows ?? 0) };
}

export async function readLogLines(db: Db, task: string, fromLine: number, count: number): Promise<LogRow[]> {
  const first = await db
    .selectFrom('task_logs')
    .select('line')
    .where('task', '=', task)
    .where('line', '<=', fromLine)
    .orderBy('line', 'desc')
    .limit(1)
    .executeTakeFirst();
  return logColumns(db)
    .where('task', '=', task)
    .where('line', '>=', first?.line ?? 0)
    .where('line', '<', fromLine + count)
    .orderBy('line')
    .orderBy('pos')
    .execute();
}

export async function readLogs(db: Db, task: string, o: LogRead): Promise<LogRow[]> {
  let q = logColumns(db).where('task', '=', task);
  if (o.after !== undefined) q = q.where('pos', '>', o.after);
  if (o.before !== undefined) q = q.where('pos', '<', o.before);
  if (o.tsAfter !== undefined) q = q.where('ts', '>', o.tsAfter);
  if (o.tsBefore !== undefined) q = q.where('ts', '<', o.tsBefore);
  return q
    .orderBy('pos', o.desc ? 'desc' : 'asc')
    .limit(o.limit)
    .execute();
}

/** FTS5's trigram index finds substrings of three characters or more. */
const TRIGRAM = 3;

/** The text as one FTS5 phrase: taken literally, whatever it holds. */
const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Rows whose text holds `text` (case-insensitive) in line order. SQLite asks its FTS5 trigram
 * index, which hands rows out in position (= line) order, so a search stops at `limit` matches
 * whether the text is rare or on every line. PostgreSQL lets its planner choose between the
 * pg_trgm index and a walk along the task's lines.
 */
export async function searchLogs(
  db: Db,
  flavor: Flavor,
  task: string,
  text: string,
  o: { fromLine?: number; desc: boolean; limit: number },
): Promise<LogRow[]> {
  const dir = o.desc ? 'desc' : 'asc';
  if (flavor.name === 'sqlite' && [...text].length >= TRIGRAM) {
    let bound: number | undefined;
    if (o.fromLine !== undefined) {
      // The row holding line fromLine: positions grow with lines within a task.
      const r = await db
        .selectFrom('task_logs')
        .select('pos')
        .where('task', '=', task)
        .where('line', '<=', o.fromLine)
        .orderBy('line', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (r) bound = r.pos;
      else if (o.desc) return [];
    }
    const fromLine = o.fromLine;
    const { rows } = await sql<LogRow>`
      SELECT l.pos, l.task, l.ts AS timestamp, l.level, l.worker, l.msg, l.line, l.lines
      FROM task_logs_fts f JOIN task_logs l ON l.pos = f.rowid
      WHERE task_logs_fts MATCH ${ftsPhrase(text)} AND l.task = ${task}
      ${bound === undefined ? sql`` : o.desc ? sql`AND f.rowid <= ${bound}` : sql`AND f.rowid >= ${bound}`}
      ${fromLine === undefined ? sql`` : o.desc ? sql`AND l.line <= ${fromLine}` : sql`AND l.line + l.lines > ${fromLine}`}
      ORDER BY f.rowid ${sql.raw(dir)} LIMIT ${o.limit}`.execute(db);
    return rows;
  }
  let q = logColumns(db)
    .where('task', '=', task)
    .where(flavor.contains(sql.ref('msg'), text));
  if (o.fromLine !== undefined) {
    const from = o.fromLine;
    q = o.desc ? q.where('line', '<=', from) : q.where(sql<boolean>`line + lines > ${from}`);
  }
  return q.orderBy('line', dir).limit(o.limit).execute();
}

/** Deletes a task's console rows (or those older than a timestamp) and keeps its counters. */
export async function deleteLogs(db: Db, task: string, olderThan?: number): Promise<number> {
  let q = db.deleteFrom('task_logs').where('task', '=', task);
  if (olderThan !== undefined) q = q.where('ts', '<', olderThan);
  const deleted = Number((await q.executeTakeFirst()).numDeletedRows);
  if (!deleted) return 0;
  // The line count goes on from where it was while rows remain; an emptied console starts over.
  await db
    .updateTable('task_log_stats')
    .set((eb) => ({ rows: eb('rows', '-', deleted) }))
    .where('task', '=', task)
    .execute();
  await db.deleteFrom('task_log_stats').where('task', '=', task).where('rows', '<=', 0).execute();
  return deleted;
}
