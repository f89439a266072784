import type Database from 'better-sqlite3';
import {
  CHUNK_SIZE,
  GROUP_CHUNKS,
  decode,
  encode,
  summarize,
  summarizeGroup,
  type ChunkSummary,
  type Points,
} from '../kysely/events-chunks';

/**
 * The events tables' own steps, counted in `events_migrations` apart from the store's
 * `user_version` so that the two can grow independently. Never edit a released step: add one.
 */
const STEPS: ((db: Database.Database) => void)[] = [
  // 1: idempotent events (scalars unique by iteration, other events by key), second-level
  //    scalar summaries, console line counters and an FTS5 trigram index for console search.
  (db) => {
    db.exec(`
      ALTER TABLE scalar_chunks ADD COLUMN lo_iter REAL;
      ALTER TABLE scalar_chunks ADD COLUMN hi_iter REAL;
      CREATE TABLE scalar_groups (
        series INTEGER NOT NULL, seq INTEGER NOT NULL, count INTEGER NOT NULL,
        min_y REAL NOT NULL, min_iter REAL NOT NULL, min_time REAL NOT NULL,
        max_y REAL NOT NULL, max_iter REAL NOT NULL, max_time REAL NOT NULL,
        PRIMARY KEY (series, seq)
      ) WITHOUT ROWID;
    `);
    rechunkAll(db);
    db.exec(`
      CREATE INDEX scalar_chunks_iters ON scalar_chunks(series, hi_iter);

      DELETE FROM task_events WHERE pos NOT IN
        (SELECT max(pos) FROM task_events GROUP BY task, type, metric, variant, iter);
      DROP INDEX task_events_key;
      CREATE UNIQUE INDEX task_events_key ON task_events(task, type, metric, variant, iter);

      CREATE TABLE task_log_stats (task TEXT PRIMARY KEY, lines INTEGER NOT NULL, rows INTEGER NOT NULL);
      INSERT INTO task_log_stats (task, lines, rows) SELECT task, max(line + lines), count(*) FROM task_logs GROUP BY task;

      CREATE VIRTUAL TABLE task_logs_fts USING fts5(
        msg, content = 'task_logs', content_rowid = 'pos', tokenize = 'trigram case_sensitive 0'
      );
      INSERT INTO task_logs_fts (task_logs_fts) VALUES ('rebuild');
      CREATE TRIGGER task_logs_fts_insert AFTER INSERT ON task_logs BEGIN
        INSERT INTO task_logs_fts (rowid, msg) VALUES (new.pos, new.msg);
      END;
      CREATE TRIGGER task_logs_fts_delete AFTER DELETE ON task_logs BEGIN
        INSERT INTO task_logs_fts (task_logs_fts, rowid, msg) VALUES ('delete', old.pos, old.msg);
      END;
    `);
  },
];

/**
 * Rewrites every series once: a point resent before this version was stored twice; the last one
 * of an iteration stays (where the first stood), and every chunk gets its iteration range.
 */
function rechunkAll(db: Database.Database) {
  const series = db.prepare('SELECT id FROM scalar_series').pluck().all() as number[];
  const read = db.prepare(
    'SELECT c.count, p.points FROM scalar_chunks c JOIN scalar_points p USING (series, seq) WHERE c.series = ? ORDER BY c.seq',
  );
  const insChunk = db.prepare(`INSERT INTO scalar_chunks (series, seq, count, lo_iter, hi_iter, min_y, min_iter, min_time,
    max_y, max_iter, max_time, first_iter, first_time, first_y, last_iter, last_time, last_y) VALUES (@series, @seq, @count,
    @lo_iter, @hi_iter, @min_y, @min_iter, @min_time, @max_y, @max_iter, @max_time, @first_iter, @first_time, @first_y,
    @last_iter, @last_time, @last_y)`);
  const insPoints = db.prepare('INSERT INTO scalar_points (series, seq, points) VALUES (?, ?, ?)');
  const insGroup =
    db.prepare(`INSERT INTO scalar_groups (series, seq, count, min_y, min_iter, min_time, max_y, max_iter, max_time)
    VALUES (@series, @seq, @count, @min_y, @min_iter, @min_time, @max_y, @max_iter, @max_time)`);
  for (const id of series) {
    const at = new Map<number, number>();
    const all: Points = { iters: [], times: [], values: [] };
    for (const r of read.all(id) as { count: number; points: Buffer }[]) {
      const d = decode(r.points, r.count);
      for (let i = 0; i < r.count; i++) {
        const seen = at.get(d.iters[i]);
        if (seen !== undefined) {
          all.times[seen] = d.times[i];
          all.values[seen] = d.values[i];
          continue;
        }
        at.set(d.iters[i], all.iters.length);
        all.iters.push(d.iters[i]);
        all.times.push(d.times[i]);
        all.values.push(d.values[i]);
      }
    }
    db.prepare('DELETE FROM scalar_chunks WHERE series = ?').run(id);
    db.prepare('DELETE FROM scalar_points WHERE series = ?').run(id);
    const chunks: ChunkSummary[] = [];
    for (let from = 0, seq = 0; from < all.values.length; from += CHUNK_SIZE, seq++) {
      const to = from + CHUNK_SIZE;
      const p = { iters: all.iters.slice(from, to), times: all.times.slice(from, to), values: all.values.slice(from, to) };
      const s = summarize(id, seq, p);
      insChunk.run(s);
      insPoints.run(id, seq, encode(p));
      chunks.push(s);
    }
    for (let g = 0; g * GROUP_CHUNKS < chunks.length; g++) {
      insGroup.run(summarizeGroup(id, g, chunks.slice(g * GROUP_CHUNKS, (g + 1) * GROUP_CHUNKS)));
    }
    db.prepare('UPDATE scalar_series SET count = ? WHERE id = ?').run(all.values.length, id);
  }
}

export function migrateEvents(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS events_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)');
  const current = (db.prepare('SELECT max(version) FROM events_migrations').pluck().get() as number | null) ?? 0;
  for (let v = current; v < STEPS.length; v++) {
    db.transaction(() => {
      STEPS[v](db);
      db.prepare('INSERT INTO events_migrations (version, applied) VALUES (?, ?)').run(v + 1, new Date().toISOString());
    })();
  }
  return STEPS.length;
}
