import { sql, type Kysely } from 'kysely';
import {
  SUMMARY_STRIDE,
  type EventQuery,
  type EventRepo,
  type LogRead,
  type LogRow,
  type ScalarChunk,
  type ScalarPoint,
  type ScalarSeriesBatch,
  type StoredEvent,
} from '../store';
import { CHUNK_SIZE, GROUP_CHUNKS, decode } from './events-chunks';
import * as logs from './events-console';
import { listMetrics, queryEvents, writeEvents } from './events-other';
import { groupBySeries, writeScalars } from './events-scalars';
import type { EventTables } from './events-schema';
import { ROWS_AS_ARRAYS, type Flavor } from './flavor';

type Db = Kysely<EventTables>;

/** The columns of a packed chunk summary, in order (see EventRepo.readSummaries). */
const SUMMARY_COLUMNS = [
  'seq',
  'count',
  'min_y',
  'min_iter',
  'min_time',
  'max_y',
  'max_iter',
  'max_time',
  'first_y',
  'first_iter',
  'first_time',
  'last_y',
  'last_iter',
  'last_time',
] as const;

/** Scalars, console, plots and images on either database, written once with Kysely. */
export class KyselyEventRepo<DB> implements EventRepo {
  constructor(
    private readonly conn: () => Kysely<DB>,
    private readonly flavor: Flavor,
  ) {}

  private db(): Db {
    // The events tables are this repository's own; the store's schema does not list them.
    return this.conn() as unknown as Db;
  }

  /** A write of several statements, in the caller's transaction or else in its own. */
  private atomically<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const db = this.db();
    return db.isTransaction ? fn(db) : db.transaction().execute(fn);
  }

  async addScalars(points: ScalarPoint[]) {
    return this.addScalarSeries(groupBySeries(points));
  }

  async addScalarSeries(series: ScalarSeriesBatch[]) {
    const some = series.filter((s) => s.values.length);
    return some.length ? this.atomically((db) => writeScalars(db, this.flavor, some)) : [];
  }

  async listSeries(tasks: string[]) {
    if (!tasks.length) return [];
    const rows = await this.db()
      .selectFrom('scalar_series')
      .select(['id', 'task', 'metric', 'variant', 'count'])
      .where('task', 'in', tasks)
      .orderBy('task')
      .orderBy('metric')
      .orderBy('variant')
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id), count: Number(r.count) }));
  }

  async readChunks(
    series: number,
    withPoints: boolean,
    seqs?: { from: number; to: number; step?: number },
    iters?: { lo: number; hi: number },
  ): Promise<ScalarChunk[]> {
    const step = seqs?.step ?? 1;
    const rows = await this.db()
      .selectFrom('scalar_chunks as c')
      .$if(withPoints, (q) =>
        q
          .innerJoin('scalar_points as p', (j) => j.onRef('p.series', '=', 'c.series').onRef('p.seq', '=', 'c.seq'))
          .select('p.points'),
      )
      .select([
        'c.series',
        'c.seq',
        'c.count',
        'c.min_y as minY',
        'c.min_iter as minIter',
        'c.min_time as minTime',
        'c.max_y as maxY',
        'c.max_iter as maxIter',
        'c.max_time as maxTime',
        'c.first_iter as firstIter',
        'c.first_time as firstTime',
        'c.first_y as firstY',
        'c.last_iter as lastIter',
        'c.last_time as lastTime',
        'c.last_y as lastY',
      ])
      .where('c.series', '=', series)
      .$if(seqs !== undefined, (q) => q.where('c.seq', '>=', seqs!.from).where('c.seq', '<', seqs!.to))
      // Every step-th chunk of the range: one statement, and only those chunks' points are read.
      .$if(step > 1, (q) => q.where(sql<number>`(c.seq - ${seqs!.from}) % ${step}`, '=', 0))
      .$if(iters !== undefined, (q) => q.where('c.hi_iter', '>=', iters!.lo).where('c.lo_iter', '<=', iters!.hi))
      .orderBy('c.seq')
      .execute();
    return rows.map((r) => {
      const { points, ...chunk } = r as typeof r & { points?: Uint8Array };
      return points ? { ...chunk, ...decode(points, chunk.count) } : chunk;
    });
  }

  async readSummaries(series: number) {
    const { rows } = await sql<unknown[] | Record<string, unknown>>`${sql.raw(ROWS_AS_ARRAYS)}SELECT ${sql.raw(
      SUMMARY_COLUMNS.join(', '),
    )} FROM scalar_chunks WHERE series = ${series} ORDER BY seq`.execute(this.db());
    const out = new Float64Array(rows.length * SUMMARY_STRIDE);
    let o = 0;
    for (const r of rows) {
      if (Array.isArray(r)) for (const v of r) out[o++] = Number(v);
      else for (const c of SUMMARY_COLUMNS) out[o++] = Number(r[c]);
    }
    return out;
  }

  async readExtremes(series: number, minGroups?: number) {
    const db = this.db();
    let useGroups = false;
    if (minGroups !== undefined) {
      const s = await db.selectFrom('scalar_series').select('count').where('id', '=', series).executeTakeFirst();
      // Every chunk but the last is full, so the count tells how many groups there are.
      useGroups = Math.ceil(Math.ceil(Number(s?.count ?? 0) / CHUNK_SIZE) / GROUP_CHUNKS) >= minGroups;
    }
    const rows = await db
      .selectFrom(useGroups ? 'scalar_groups' : 'scalar_chunks')
      .select(['min_y', 'min_iter', 'min_time', 'max_y', 'max_iter', 'max_time'])
      .where('series', '=', series)
      .orderBy('seq')
      .execute();
    const out = new Float64Array(rows.length * 6);
    rows.forEach((r, i) => out.set([r.min_y, r.min_iter, r.min_time, r.max_y, r.max_iter, r.max_time], i * 6));
    return out;
  }

  async addLogs(rows: Omit<LogRow, 'pos' | 'line' | 'lines'>[]) {
    if (rows.length) await this.atomically((db) => logs.writeLogs(db, rows));
  }

  async countLogLines(task: string) {
    return (await logs.logStats(this.db(), task)).lines;
  }

  async countLogs(task: string) {
    return (await logs.logStats(this.db(), task)).rows;
  }

  readLogLines(task: string, fromLine: number, count: number) {
    return logs.readLogLines(this.db(), task, fromLine, count);
  }

  logRowAt(task: string, line: number) {
    return logs.logRowAt(this.db(), task, line);
  }

  readLogs(task: string, o: LogRead) {
    return logs.readLogs(this.db(), task, o);
  }

  searchLogs(task: string, text: string, o: { fromLine?: number; desc: boolean; limit: number }) {
    return logs.searchLogs(this.db(), this.flavor, task, text, o);
  }

  async deleteLogs(task: string, olderThan?: number) {
    return this.atomically((db) => logs.deleteLogs(db, task, olderThan));
  }

  async addEvents(rows: Omit<StoredEvent, 'pos'>[]) {
    if (rows.length) await this.atomically((db) => writeEvents(db, rows));
  }

  queryEvents(q: EventQuery) {
    return queryEvents(this.db(), this.flavor, q);
  }

  listMetrics(tasks: string[], type: string) {
    return listMetrics(this.db(), tasks, type);
  }

  deleteForTask(task: string) {
    return this.deleteForTasks([task]);
  }

  async deleteForTasks(tasks: string[]) {
    if (!tasks.length) return 0;
    return this.atomically(async (db) => {
      const series = db.selectFrom('scalar_series').select('id').where('task', 'in', tasks);
      const chunks = await db.deleteFrom('scalar_chunks').where('series', 'in', series).executeTakeFirst();
      await db.deleteFrom('scalar_points').where('series', 'in', series).execute();
      await db.deleteFrom('scalar_groups').where('series', 'in', series).execute();
      await db.deleteFrom('scalar_series').where('task', 'in', tasks).execute();
      const logs = await db.deleteFrom('task_logs').where('task', 'in', tasks).executeTakeFirst();
      await db.deleteFrom('task_log_stats').where('task', 'in', tasks).execute();
      const events = await db.deleteFrom('task_events').where('task', 'in', tasks).executeTakeFirst();
      return Number(chunks.numDeletedRows) + Number(logs.numDeletedRows) + Number(events.numDeletedRows);
    });
  }
}
