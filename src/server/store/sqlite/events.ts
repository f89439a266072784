import type Database from 'better-sqlite3';
import type { EventQuery, EventRepo, LogRead, LogRow, ScalarChunk, ScalarPoint, SeriesInfo, StoredEvent } from '../store';
import { StatementCache } from './docs';
import { Where } from './sql-query';

const LOG_COLUMNS = 'pos, task, ts AS timestamp, level, worker, msg, line, lines';

/** Console lines in a message: the SDK joins lines with \n; a trailing newline ends the last line. */
export function countLines(msg: string): number {
  let n = 1;
  for (let i = msg.indexOf('\n'); i >= 0 && i < msg.length - 1; i = msg.indexOf('\n', i + 1)) n++;
  return n;
}

/** Points per stored chunk. A chunk's summary stands in for it when a series is downsampled. */
export const CHUNK_SIZE = 256;

const SUMMARY_COLUMNS = `series, seq, count, min_y AS minY, min_iter AS minIter, min_time AS minTime,
  max_y AS maxY, max_iter AS maxIter, max_time AS maxTime, first_iter AS firstIter,
  first_time AS firstTime, first_y AS firstY, last_iter AS lastIter, last_time AS lastTime, last_y AS lastY`;

interface Points {
  iters: number[];
  times: number[];
  values: number[];
}

function encode(p: Points, from: number, to: number): Buffer {
  const n = to - from;
  const a = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    a[i] = p.iters[from + i];
    a[n + i] = p.times[from + i];
    a[2 * n + i] = p.values[from + i];
  }
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function decode(blob: Buffer, n: number): { iters: Float64Array; times: Float64Array; values: Float64Array } {
  // Copy into an aligned buffer: SQLite hands out blobs at arbitrary offsets.
  const a = new Float64Array(n * 3);
  new Uint8Array(a.buffer).set(blob.subarray(0, n * 24));
  return { iters: a.subarray(0, n), times: a.subarray(n, 2 * n), values: a.subarray(2 * n, 3 * n) };
}

function summarize(series: number, seq: number, p: Points, from: number, to: number) {
  let min = from;
  let max = from;
  for (let i = from + 1; i < to; i++) {
    if (p.values[i] < p.values[min]) min = i;
    if (p.values[i] > p.values[max]) max = i;
  }
  const last = to - 1;
  return {
    series,
    seq,
    count: to - from,
    min_y: p.values[min],
    min_iter: p.iters[min],
    min_time: p.times[min],
    max_y: p.values[max],
    max_iter: p.iters[max],
    max_time: p.times[max],
    first_iter: p.iters[from],
    first_time: p.times[from],
    first_y: p.values[from],
    last_iter: p.iters[last],
    last_time: p.times[last],
    last_y: p.values[last],
    points: encode(p, from, to),
  };
}

export class SqliteEventRepo implements EventRepo {
  private readonly st: StatementCache;
  private readonly seriesIds = new Map<string, number>();

  constructor(private readonly db: Database.Database) {
    this.st = new StatementCache(db);
  }

  private seriesId(task: string, metric: string, variant: string): number {
    const key = `${task}\u0000${metric}\u0000${variant}`;
    let id = this.seriesIds.get(key);
    if (id === undefined) {
      this.st.get('INSERT OR IGNORE INTO scalar_series (task, metric, variant) VALUES (?, ?, ?)').run(task, metric, variant);
      id = (
        this.st.get('SELECT id FROM scalar_series WHERE task = ? AND metric = ? AND variant = ?').get(task, metric, variant) as {
          id: number;
        }
      ).id;
      if (this.seriesIds.size > 100_000) this.seriesIds.clear();
      this.seriesIds.set(key, id);
    }
    return id;
  }

  async addScalars(points: ScalarPoint[]) {
    const groups = new Map<number, Points>();
    for (const pt of points) {
      const id = this.seriesId(pt.task, pt.metric, pt.variant);
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { iters: [], times: [], values: [] }));
      g.iters.push(pt.iter);
      g.times.push(pt.timestamp);
      g.values.push(pt.value);
    }
    const tailSt = this.st.get(
      `SELECT c.seq, c.count, p.points FROM scalar_chunks c JOIN scalar_points p USING (series, seq)
       WHERE c.series = ? ORDER BY c.seq DESC LIMIT 1`,
    );
    const upsertSummary = this.st.get(`INSERT OR REPLACE INTO scalar_chunks
      (series, seq, count, min_y, min_iter, min_time, max_y, max_iter, max_time, first_iter, first_time,
       first_y, last_iter, last_time, last_y)
      VALUES (@series, @seq, @count, @min_y, @min_iter, @min_time, @max_y, @max_iter, @max_time,
       @first_iter, @first_time, @first_y, @last_iter, @last_time, @last_y)`);
    const upsertPoints = this.st.get('INSERT OR REPLACE INTO scalar_points (series, seq, points) VALUES (?, ?, ?)');
    const bump = this.st.get('UPDATE scalar_series SET count = count + ? WHERE id = ?');
    for (const [id, fresh] of groups) {
      const tail = tailSt.get(id) as { seq: number; count: number; points: Buffer } | undefined;
      let seq = 0;
      let p = fresh;
      if (tail && tail.count < CHUNK_SIZE) {
        // Refill the partly filled last chunk before starting new ones.
        const old = decode(tail.points, tail.count);
        p = {
          iters: [...old.iters, ...fresh.iters],
          times: [...old.times, ...fresh.times],
          values: [...old.values, ...fresh.values],
        };
        seq = tail.seq;
      } else if (tail) seq = tail.seq + 1;
      for (let from = 0; from < p.values.length; from += CHUNK_SIZE, seq++) {
        const { points, ...summary } = summarize(id, seq, p, from, Math.min(from + CHUNK_SIZE, p.values.length));
        upsertSummary.run(summary);
        upsertPoints.run(id, seq, points);
      }
      bump.run(fresh.values.length, id);
    }
  }

  async listSeries(tasks: string[]) {
    if (!tasks.length) return [];
    const w = new Where().in('task', tasks);
    return this.st
      .get(`SELECT id, task, metric, variant, count FROM scalar_series ${w.toSql()} ORDER BY task, metric, variant`)
      .all(...w.params) as SeriesInfo[];
  }

  async readChunks(series: number, withPoints: boolean, seqs?: { from: number; to: number }) {
    const rows = this.st
      .get(
        withPoints
          ? `SELECT ${SUMMARY_COLUMNS}, p.points FROM scalar_chunks JOIN scalar_points p USING (series, seq)
             WHERE series = ? AND seq >= ? AND seq < ? ORDER BY seq`
          : `SELECT ${SUMMARY_COLUMNS} FROM scalar_chunks WHERE series = ? AND seq >= ? AND seq < ? ORDER BY seq`,
      )
      .all(series, seqs?.from ?? 0, seqs?.to ?? Number.MAX_SAFE_INTEGER) as (ScalarChunk & { points?: Buffer })[];
    if (withPoints) {
      for (const r of rows) {
        Object.assign(r, decode(r.points!, r.count));
        delete r.points;
      }
    }
    return rows;
  }

  async readExtremes(series: number) {
    const rows = this.st
      .get('SELECT min_y, min_iter, min_time, max_y, max_iter, max_time FROM scalar_chunks WHERE series = ? ORDER BY seq')
      .raw(true)
      .all(series) as number[][];
    const out = new Float64Array(rows.length * 6);
    for (let i = 0; i < rows.length; i++) out.set(rows[i], i * 6);
    return out;
  }

  async addLogs(rows: Omit<LogRow, 'pos' | 'line' | 'lines'>[]) {
    const ins = this.st.get('INSERT INTO task_logs (task, ts, level, worker, msg, line, lines) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const next = new Map<string, number>();
    for (const r of rows) {
      let line = next.get(r.task);
      if (line === undefined) line = await this.countLogLines(r.task);
      const lines = countLines(r.msg);
      ins.run(r.task, r.timestamp, r.level, r.worker, r.msg, line, lines);
      next.set(r.task, line + lines);
    }
  }

  async countLogLines(task: string) {
    const last = this.st.get('SELECT line + lines AS n FROM task_logs WHERE task = ? ORDER BY pos DESC LIMIT 1').get(task) as
      { n: number } | undefined;
    return last?.n ?? 0;
  }

  async readLogLines(task: string, fromLine: number, count: number) {
    const first = this.st.get('SELECT max(line) AS l FROM task_logs WHERE task = ? AND line <= ?').get(task, fromLine) as {
      l: number | null;
    };
    return this.st
      .get(`SELECT ${LOG_COLUMNS} FROM task_logs WHERE task = ? AND line >= ? AND line < ? ORDER BY line, pos`)
      .all(task, first.l ?? 0, fromLine + count) as LogRow[];
  }

  async readLogs(task: string, o: LogRead) {
    const w = new Where().add('task = ?', task);
    if (o.after !== undefined) w.add('pos > ?', o.after);
    if (o.before !== undefined) w.add('pos < ?', o.before);
    if (o.tsAfter !== undefined) w.add('ts > ?', o.tsAfter);
    if (o.tsBefore !== undefined) w.add('ts < ?', o.tsBefore);
    return this.st
      .get(
        `SELECT ${LOG_COLUMNS} FROM task_logs ${w.toSql()}
            ORDER BY pos ${o.desc ? 'DESC' : 'ASC'} LIMIT ?`,
      )
      .all(...w.params, o.limit) as LogRow[];
  }

  async countLogs(task: string) {
    return (this.st.get('SELECT count(*) AS n FROM task_logs WHERE task = ?').get(task) as { n: number }).n;
  }

  async searchLogs(task: string, text: string, o: { fromLine?: number; desc: boolean; limit: number }) {
    const w = new Where().add('task = ?', task).add('instr(lower(msg), lower(?)) > 0', text);
    if (o.fromLine !== undefined) w.add(o.desc ? 'line <= ?' : 'line + lines > ?', o.fromLine);
    return this.st
      .get(`SELECT ${LOG_COLUMNS} FROM task_logs ${w.toSql()} ORDER BY line ${o.desc ? 'DESC' : 'ASC'} LIMIT ?`)
      .all(...w.params, o.limit) as LogRow[];
  }

  async addEvents(rows: Omit<StoredEvent, 'pos'>[]) {
    const ins = this.st.get('INSERT INTO task_events (task, type, iter, metric, variant, ts, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of rows) ins.run(r.task, r.type, r.iter, r.metric, r.variant, r.timestamp, JSON.stringify(r.body));
  }

  async queryEvents(q: EventQuery) {
    const w = new Where().in('task', q.tasks).add('type = ?', q.type);
    if (q.metrics && q.metrics.reduce((n, m) => n + 1 + (m.variants?.length ?? 0), 0) > 500) {
      // As one bound JSON array: SQLite allows only so many bound variables in a statement.
      w.add(
        `EXISTS (SELECT 1 FROM json_each(?) m WHERE m.value ->> '$.metric' = metric AND (m.value -> '$.variants' IS NULL
          OR json_array_length(m.value -> '$.variants') = 0
          OR EXISTS (SELECT 1 FROM json_each(m.value, '$.variants') v WHERE v.value = variant)))`,
        JSON.stringify(q.metrics),
      );
    } else if (q.metrics?.length) {
      const ors: string[] = [];
      const params: unknown[] = [];
      for (const m of q.metrics) {
        if (m.variants?.length) {
          ors.push(`(metric = ? AND variant IN (${m.variants.map(() => '?').join(',')}))`);
          params.push(m.metric, ...m.variants);
        } else {
          ors.push('metric = ?');
          params.push(m.metric);
        }
      }
      w.add(`(${ors.join(' OR ')})`, ...params);
    }
    if (q.iter !== undefined) w.add('iter = ?', q.iter);
    if (q.iterBelow !== undefined) w.add('iter < ?', q.iterBelow);
    if (q.iterAbove !== undefined) w.add('iter > ?', q.iterAbove);
    let sql = `SELECT pos, task, type, iter, metric, variant, ts AS timestamp, body FROM task_events ${w.toSql()}`;
    const params = [...w.params];
    if (q.lastIters !== undefined) {
      sql = `SELECT * FROM (SELECT *, dense_rank() OVER
               (PARTITION BY task, metric, variant ORDER BY iter DESC) AS rnk FROM (${sql}))
             WHERE rnk <= ?`;
      params.push(q.lastIters);
    }
    sql += ' ORDER BY iter DESC, metric, variant, pos DESC';
    if (q.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(q.limit);
    }
    const rows = this.st.get(sql).all(...params) as (Omit<StoredEvent, 'body'> & { body: string; rnk?: number })[];
    return rows.map(({ rnk: _rnk, ...r }) => ({ ...r, body: JSON.parse(r.body) as Record<string, unknown> }));
  }

  async listMetrics(tasks: string[], type: string) {
    const w = new Where().in('task', tasks).add('type = ?', type);
    return this.st
      .get(`SELECT DISTINCT task, metric, variant FROM task_events ${w.toSql()} ORDER BY task, metric, variant`)
      .all(...w.params) as { task: string; metric: string; variant: string }[];
  }

  async deleteLogs(task: string, olderThan?: number) {
    if (olderThan === undefined) return this.st.get('DELETE FROM task_logs WHERE task = ?').run(task).changes;
    return this.st.get('DELETE FROM task_logs WHERE task = ? AND ts < ?').run(task, olderThan).changes;
  }

  async deleteForTask(task: string) {
    let n = 0;
    n += this.st.get('DELETE FROM scalar_chunks WHERE series IN (SELECT id FROM scalar_series WHERE task = ?)').run(task).changes;
    this.st.get('DELETE FROM scalar_points WHERE series IN (SELECT id FROM scalar_series WHERE task = ?)').run(task);
    this.st.get('DELETE FROM scalar_series WHERE task = ?').run(task);
    n += this.st.get('DELETE FROM task_logs WHERE task = ?').run(task).changes;
    n += this.st.get('DELETE FROM task_events WHERE task = ?').run(task).changes;
    for (const key of this.seriesIds.keys()) if (key.startsWith(task + '\u0000')) this.seriesIds.delete(key);
    return n;
  }
}
