/**
 * The literally raw reference of the ingest bench (issue 13): the same scalar batches written with
 * prepared better-sqlite3 statements straight into the tables the store writes for them (scalar_series,
 * scalar_chunks, scalar_points, scalar_groups, the task's row and task_metrics), one transaction per
 * batch, no store code. The schema is the store's own (a store opened once on the file creates it);
 * the rows are the same ones the store writes (points packed in chunks of CHUNK_SIZE, the series' last
 * chunk filled first, a summary per chunk and per group of GROUP_CHUNKS, the task's last update,
 * last iteration and metrics folded, their total too). It only appends: a resent iteration is not looked for (the store
 * overwrites it in place), so it is an upper bound of what any store of these rows can do.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { ScalarPoint } from '../src/server/store/store';

const CHUNK = 256;
const GROUP = 4;

interface Series {
  task: string;
  metric: string;
  variant: string;
  iters: number[];
  times: number[];
  values: number[];
}

/** A writer of scalar batches over its own connection to `file` (made by the store beforehand). */
export function rawScalarWriter(file: string) {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  const insSeries = db.prepare('INSERT OR IGNORE INTO scalar_series (task, metric, variant, count) VALUES (?, ?, ?, 0)');
  const getSeries = db.prepare('SELECT id FROM scalar_series WHERE task = ? AND metric = ? AND variant = ?').pluck();
  const tail = db.prepare(
    'SELECT c.seq, c.count, p.points FROM scalar_chunks c JOIN scalar_points p USING (series, seq) WHERE c.series = ? ORDER BY c.seq DESC LIMIT 1',
  );
  const putChunk = db.prepare(`INSERT OR REPLACE INTO scalar_chunks (series, seq, count, lo_iter, hi_iter, min_y, min_iter,
    min_time, max_y, max_iter, max_time, first_iter, first_time, first_y, last_iter, last_time, last_y)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const putPoints = db.prepare('INSERT OR REPLACE INTO scalar_points (series, seq, points) VALUES (?, ?, ?)');
  const groupChunks = db.prepare(
    'SELECT count, min_y, min_iter, min_time, max_y, max_iter, max_time FROM scalar_chunks WHERE series = ? AND seq >= ? AND seq < ?',
  );
  const putGroup = db.prepare(`INSERT OR REPLACE INTO scalar_groups (series, seq, count, min_y, min_iter, min_time, max_y,
    max_iter, max_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const addCount = db.prepare('UPDATE scalar_series SET count = count + ? WHERE id = ?');
  const touchTask = db.prepare(
    'UPDATE tasks SET last_update = ?, last_iteration = max(coalesce(last_iteration, 0), ?) WHERE id = ?',
  );
  const putMetric = db.prepare(`INSERT INTO task_metrics (owner, metric_hash, variant_hash, metric, variant, value, iter,
    timestamp, min_value, min_value_iteration, max_value, max_value_iteration, first_value, first_value_iteration, count, total)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (owner, metric_hash, variant_hash) DO UPDATE SET
      value = CASE WHEN excluded.iter >= task_metrics.iter THEN excluded.value ELSE task_metrics.value END,
      iter = max(excluded.iter, task_metrics.iter),
      timestamp = CASE WHEN excluded.iter >= task_metrics.iter THEN excluded.timestamp ELSE task_metrics.timestamp END,
      min_value = min(excluded.min_value, task_metrics.min_value),
      min_value_iteration = CASE WHEN excluded.min_value < task_metrics.min_value THEN excluded.min_value_iteration ELSE task_metrics.min_value_iteration END,
      max_value = max(excluded.max_value, task_metrics.max_value),
      max_value_iteration = CASE WHEN excluded.max_value > task_metrics.max_value THEN excluded.max_value_iteration ELSE task_metrics.max_value_iteration END,
      count = task_metrics.count + excluded.count,
      total = task_metrics.total + excluded.total`);
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');

  const writeSeries = (id: number, s: Series) => {
    const t = tail.get(id) as { seq: number; count: number; points: Buffer } | undefined;
    let seq = 0;
    let iters: number[] = [];
    let times: number[] = [];
    let values: number[] = [];
    if (t && t.count < CHUNK) {
      const a = new Float64Array(t.count * 3);
      new Uint8Array(a.buffer).set(t.points.subarray(0, t.count * 24));
      seq = t.seq;
      iters = Array.from(a.subarray(0, t.count));
      times = Array.from(a.subarray(t.count, 2 * t.count));
      values = Array.from(a.subarray(2 * t.count));
    } else if (t) seq = t.seq + 1;
    const firstSeq = seq;
    const flush = () => {
      const n = values.length;
      const a = new Float64Array(n * 3);
      let mn = 0;
      let mx = 0;
      let lo = iters[0];
      let hi = iters[0];
      for (let i = 0; i < n; i++) {
        a[i] = iters[i];
        a[n + i] = times[i];
        a[2 * n + i] = values[i];
        if (values[i] < values[mn]) mn = i;
        if (values[i] > values[mx]) mx = i;
        if (iters[i] < lo) lo = iters[i];
        if (iters[i] > hi) hi = iters[i];
      }
      putChunk.run(
        id,
        seq,
        n,
        lo,
        hi,
        values[mn],
        iters[mn],
        times[mn],
        values[mx],
        iters[mx],
        times[mx],
        iters[0],
        times[0],
        values[0],
        iters[n - 1],
        times[n - 1],
        values[n - 1],
      );
      putPoints.run(id, seq, Buffer.from(a.buffer));
    };
    for (let i = 0; i < s.values.length; i++) {
      if (values.length === CHUNK) {
        flush();
        seq++;
        iters = [];
        times = [];
        values = [];
      }
      iters.push(s.iters[i]);
      times.push(s.times[i]);
      values.push(s.values[i]);
    }
    if (values.length) flush();
    for (let g = Math.floor(firstSeq / GROUP); g <= Math.floor(seq / GROUP); g++) {
      const rows = groupChunks.raw().all(id, g * GROUP, (g + 1) * GROUP) as number[][];
      let mn = rows[0];
      let mx = rows[0];
      let count = 0;
      for (const r of rows) {
        count += r[0];
        if (r[1] < mn[1]) mn = r;
        if (r[4] > mx[4]) mx = r;
      }
      putGroup.run(id, g, count, mn[1], mn[2], mn[3], mx[4], mx[5], mx[6]);
    }
    addCount.run(s.values.length, id);
  };

  const write = db.transaction((points: ScalarPoint[]) => {
    const bySeries = new Map<string, Series>();
    for (const p of points) {
      const key = `${p.task}\u0000${p.metric}\u0000${p.variant}`;
      let s = bySeries.get(key);
      if (!s) bySeries.set(key, (s = { task: p.task, metric: p.metric, variant: p.variant, iters: [], times: [], values: [] }));
      s.iters.push(p.iter);
      s.times.push(p.timestamp);
      s.values.push(p.value);
    }
    const maxIter = new Map<string, number>();
    for (const s of bySeries.values()) {
      insSeries.run(s.task, s.metric, s.variant);
      writeSeries(getSeries.get(s.task, s.metric, s.variant) as number, s);
      let last = 0;
      let mn = 0;
      let mx = 0;
      let total = s.values[0];
      for (let i = 1; i < s.values.length; i++) {
        total += s.values[i];
        if (s.iters[i] >= s.iters[last]) last = i;
        if (s.values[i] < s.values[mn]) mn = i;
        if (s.values[i] > s.values[mx]) mx = i;
      }
      putMetric.run(
        s.task,
        md5(s.metric),
        md5(s.variant),
        s.metric,
        s.variant,
        s.values[last],
        s.iters[last],
        s.times[last],
        s.values[mn],
        s.iters[mn],
        s.values[mx],
        s.iters[mx],
        s.values[0],
        s.iters[0],
        s.values.length,
        total,
      );
      maxIter.set(s.task, Math.max(maxIter.get(s.task) ?? 0, s.iters[last]));
    }
    const now = new Date().toISOString();
    for (const [task, iter] of maxIter) touchTask.run(now, iter, task);
  });
  return { write, close: () => db.close() };
}
