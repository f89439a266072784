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

/** The row holding console line `line`: the last one starting at or before it (positions grow with lines in a task). */
function rowHolding(db: Db, task: string, line: number) {
  return db
    .selectFrom('task_logs')
    .select(['line', 'pos'])
    .where('task', '=', task)
    .where('line', '<=', line)
    .orderBy('line', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function readLogLines(db: Db, task: string, fromLine: number, count: number): Promise<LogRow[]> {
  const first = await rowHolding(db, task, fromLine);
  return logColumns(db)
    .where('task', '=', task)
    .where('line', '>=', first?.line ?? 0)
    .where('line', '<', fromLine + count)
    .orderBy('line')
    .orderBy('pos')
    .execute();
}

/** The position of the row holding console line `line`, or undefined when every row starts after it. */
export async function logRowAt(db: Db, task: string, line: number): Promise<number | undefined> {
  return (await rowHolding(db, task, line))?.pos;
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

/** Rows read in order before the index is asked (a text on most lines is found among them). */
const NEAR_ROWS = 256;

/** The text as one FTS5 phrase: taken literally, whatever it holds. */
const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Rows whose text holds `text` (case-insensitive), in line order from a line on. The next rows
 * are read first (a text on most lines is found among them); past them an index is asked: FTS5's
 * trigram index on SQLite, which hands rows out in position (= line) order, or pg_trgm's on
 * PostgreSQL, its matches gathered before they are sorted (with an ORDER BY ... LIMIT the planner
 * would rather walk the task's lines, all of them when the text is absent). Text shorter than a
 * trigram is looked for along the lines.
 */
export async function searchLogs(
  db: Db,
  flavor: Flavor,
  task: string,
  text: string,
  o: { fromLine?: number; desc: boolean; limit: number },
): Promise<LogRow[]> {
  const dir = o.desc ? 'desc' : 'asc';
  let bound: number | undefined;
  if (o.fromLine !== undefined) {
    bound = await logRowAt(db, task, o.fromLine);
    if (bound === undefined && o.desc) return [];
  }
  const inRange = (r: LogRow) => o.fromLine === undefined || (o.desc ? r.line <= o.fromLine : r.line + r.lines > o.fromLine);
  let near = logColumns(db).where('task', '=', task);
  if (bound !== undefined) near = near.where('pos', o.desc ? '<=' : '>=', bound);
  const rows = await near.orderBy('pos', dir).limit(NEAR_ROWS).execute();
  const needle = text.toLowerCase();
  const found = rows.filter((r) => inRange(r) && r.msg.toLowerCase().includes(needle)).slice(0, o.limit);
  if (found.length >= o.limit || rows.length < NEAR_ROWS) return found;
  const past = rows[rows.length - 1].pos;
  const beyond = o.desc ? sql`< ${past}` : sql`> ${past}`;
  const want = o.limit - found.length;
  let more: LogRow[];
  if ([...text].length < TRIGRAM) {
    more = await logColumns(db)
      .where('task', '=', task)
      .where(flavor.contains(sql.ref('msg'), text))
      .where(sql<boolean>`pos ${beyond}`)
      .orderBy('pos', dir)
      .limit(want)
      .execute();
  } else if (flavor.name === 'sqlite') {
    more = (
      await sql<LogRow>`
        SELECT l.pos, l.task, l.ts AS timestamp, l.level, l.worker, l.msg, l.line, l.lines
        FROM task_logs_fts f JOIN task_logs l ON l.pos = f.rowid
        WHERE task_logs_fts MATCH ${ftsPhrase(text)} AND l.task = ${task} AND f.rowid ${beyond}
        ORDER BY f.rowid ${sql.raw(dir)} LIMIT ${want}`.execute(db)
    ).rows;
  } else {
    more = (
      await sql<LogRow>`
        WITH m AS MATERIALIZED (SELECT pos FROM task_logs WHERE task = ${task} AND pos ${beyond}
          AND ${flavor.contains(sql.ref('msg'), text)})
        SELECT l.pos, l.task, l.ts AS timestamp, l.level, l.worker, l.msg, l.line, l.lines
        FROM m JOIN task_logs l ON l.pos = m.pos ORDER BY l.pos ${sql.raw(dir)} LIMIT ${want}`.execute(db)
    ).rows;
  }
  return [...found, ...more.filter(inRange)];
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
