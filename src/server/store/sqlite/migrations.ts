import type Database from 'better-sqlite3';
import { backfillParamsSqlite } from './params-backfill';

/** A metrics table of tasks or models, filled from the documents' last_metrics, which then leave the documents. */
function metricsTable(table: string, owners: string): string {
  return `
  CREATE TABLE ${table} (
    owner TEXT NOT NULL, metric_hash TEXT NOT NULL, variant_hash TEXT NOT NULL,
    metric TEXT NOT NULL, variant TEXT NOT NULL,
    value REAL, iter INTEGER, timestamp INTEGER,
    min_value REAL, min_value_iteration INTEGER, max_value REAL, max_value_iteration INTEGER,
    first_value REAL, first_value_iteration INTEGER, count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner, metric_hash, variant_hash)
  );
  INSERT OR IGNORE INTO ${table}
    SELECT t.id, m.key, v.key,
      coalesce(json_extract(v.value, '$.metric'), ''), coalesce(json_extract(v.value, '$.variant'), ''),
      json_extract(v.value, '$.value'), json_extract(v.value, '$.iter'), json_extract(v.value, '$.timestamp'),
      json_extract(v.value, '$.min_value'), json_extract(v.value, '$.min_value_iteration'),
      json_extract(v.value, '$.max_value'), json_extract(v.value, '$.max_value_iteration'),
      json_extract(v.value, '$.first_value'), json_extract(v.value, '$.first_value_iteration'),
      coalesce(json_extract(v.value, '$.count'), 0)
    FROM ${owners} t, json_each(t.doc, '$.last_metrics') m, json_each(m.value) v
    WHERE json_type(t.doc, '$.last_metrics') = 'object' AND m.type = 'object' AND v.type = 'object';
  UPDATE ${owners} SET doc = json_remove(doc, '$.last_metrics') WHERE json_type(doc, '$.last_metrics') IS NOT NULL;`;
}

/**
 * Versioned schema migrations. Each entry runs once, in order, inside a
 * transaction; `PRAGMA user_version` records how far a database has come.
 * Never edit a released migration: add a new one. An entry is SQL, or a function
 * for a step that needs code (reading documents the way the server writes them).
 */
export const MIGRATIONS: (string | ((db: Database.Database) => void))[] = [
  // 1: initial schema
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL, company TEXT NOT NULL, created TEXT NOT NULL);
  CREATE TABLE credentials (
    access_key TEXT PRIMARY KEY, secret_hash TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id), created TEXT NOT NULL
  );

  CREATE TABLE projects (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, parent TEXT,
    created TEXT NOT NULL, last_update TEXT NOT NULL,
    system_tags TEXT NOT NULL DEFAULT '[]', doc TEXT NOT NULL
  );
  CREATE INDEX projects_parent ON projects(parent);

  CREATE TABLE tasks (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, project TEXT, type TEXT NOT NULL,
    status TEXT NOT NULL, user TEXT NOT NULL, parent TEXT, comment TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL, started TEXT, completed TEXT, last_update TEXT NOT NULL,
    last_iteration INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '[]', system_tags TEXT NOT NULL DEFAULT '[]',
    hidden INTEGER NOT NULL DEFAULT 0, archived INTEGER NOT NULL DEFAULT 0,
    doc TEXT NOT NULL
  );
  CREATE INDEX tasks_project_update ON tasks(project, last_update);
  CREATE INDEX tasks_last_update ON tasks(last_update);
  CREATE INDEX tasks_status_update ON tasks(status, last_update);
  CREATE INDEX tasks_parent ON tasks(parent);

  CREATE TABLE models (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, project TEXT, task TEXT,
    created TEXT NOT NULL, last_update TEXT NOT NULL, ready INTEGER NOT NULL,
    framework TEXT, tags TEXT NOT NULL DEFAULT '[]', system_tags TEXT NOT NULL DEFAULT '[]',
    doc TEXT NOT NULL
  );
  CREATE INDEX models_task ON models(task);
  CREATE INDEX models_project ON models(project);

  CREATE TABLE queues (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL, doc TEXT NOT NULL);

  CREATE TABLE scalar_series (
    id INTEGER PRIMARY KEY, task TEXT NOT NULL, metric TEXT NOT NULL, variant TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0, UNIQUE(task, metric, variant)
  );
  -- Points of a series in runs of up to CHUNK_SIZE. Each run's extremes sit in a small
  -- summary row apart from the points, so that a million-point series is downsampled by
  -- reading a few thousand compact rows and no point data.
  CREATE TABLE scalar_chunks (
    series INTEGER NOT NULL, seq INTEGER NOT NULL, count INTEGER NOT NULL,
    min_y REAL NOT NULL, min_iter REAL NOT NULL, min_time REAL NOT NULL,
    max_y REAL NOT NULL, max_iter REAL NOT NULL, max_time REAL NOT NULL,
    first_iter REAL NOT NULL, first_time REAL NOT NULL, first_y REAL NOT NULL,
    last_iter REAL NOT NULL, last_time REAL NOT NULL, last_y REAL NOT NULL,
    PRIMARY KEY (series, seq)
  ) WITHOUT ROWID;
  CREATE TABLE scalar_points (
    series INTEGER NOT NULL, seq INTEGER NOT NULL, points BLOB NOT NULL,
    PRIMARY KEY (series, seq)
  );

  -- One row per console event (the SDK joins several lines into one); \`line\` numbers the
  -- event's first line within the task's console so the dashboard can page by line.
  CREATE TABLE task_logs (
    pos INTEGER PRIMARY KEY AUTOINCREMENT, task TEXT NOT NULL, ts INTEGER NOT NULL,
    level TEXT NOT NULL, worker TEXT NOT NULL, msg TEXT NOT NULL,
    line INTEGER NOT NULL, lines INTEGER NOT NULL
  );
  CREATE INDEX task_logs_task ON task_logs(task, pos);
  CREATE INDEX task_logs_line ON task_logs(task, line);

  CREATE TABLE task_events (
    pos INTEGER PRIMARY KEY AUTOINCREMENT, task TEXT NOT NULL, type TEXT NOT NULL,
    iter INTEGER NOT NULL, metric TEXT NOT NULL, variant TEXT NOT NULL, ts INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX task_events_key ON task_events(task, type, metric, variant, iter);
  `,
  // users, roles and sessions: the single user of older stores becomes the admin (no password until reset)
  `
  ALTER TABLE users ADD COLUMN login TEXT;
  ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
  ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN password_hash TEXT;
  UPDATE users SET login = 'admin', role = 'admin' WHERE id = (SELECT value FROM settings WHERE key = 'default_user');
  UPDATE users SET login = lower(id) WHERE login IS NULL;
  CREATE UNIQUE INDEX users_login ON users(login);
  ALTER TABLE credentials ADD COLUMN label TEXT NOT NULL DEFAULT '';
  ALTER TABLE credentials ADD COLUMN revoked TEXT;
  ALTER TABLE credentials ADD COLUMN last_used TEXT;
  CREATE INDEX credentials_user ON credentials(user_id);
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    created TEXT NOT NULL, last_seen INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  `,
  // 3: tags in their own tables, queue entries as rows, and columns for what is filtered and counted
  `
  CREATE TABLE task_tags (owner TEXT NOT NULL, system INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (owner, system, tag));
  CREATE INDEX task_tags_tag ON task_tags(system, tag, owner);
  INSERT OR IGNORE INTO task_tags (owner, system, tag)
    SELECT t.id, 0, j.value FROM tasks t, json_each(t.tags) j
    UNION ALL SELECT t.id, 1, j.value FROM tasks t, json_each(t.system_tags) j;
  CREATE TABLE model_tags (owner TEXT NOT NULL, system INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (owner, system, tag));
  CREATE INDEX model_tags_tag ON model_tags(system, tag, owner);
  INSERT OR IGNORE INTO model_tags (owner, system, tag)
    SELECT m.id, 0, j.value FROM models m, json_each(m.tags) j
    UNION ALL SELECT m.id, 1, j.value FROM models m, json_each(m.system_tags) j;

  ALTER TABLE models ADD COLUMN user TEXT NOT NULL DEFAULT '';
  ALTER TABLE models ADD COLUMN comment TEXT NOT NULL DEFAULT '';
  UPDATE models SET user = coalesce(json_extract(doc, '$.user'), ''), comment = coalesce(json_extract(doc, '$.comment'), '');
  CREATE INDEX models_user ON models(user);

  ALTER TABLE projects ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
  UPDATE projects SET hidden = EXISTS (SELECT 1 FROM json_each(system_tags) WHERE value = 'hidden');

  CREATE TABLE queue_entries (
    queue TEXT NOT NULL, position INTEGER NOT NULL, task TEXT NOT NULL, added TEXT NOT NULL,
    PRIMARY KEY (queue, position)
  );
  CREATE INDEX queue_entries_task ON queue_entries(task);
  INSERT INTO queue_entries (queue, position, task, added)
    SELECT q.id, CAST(e.key AS INTEGER), json_extract(e.value, '$.task'), json_extract(e.value, '$.added')
    FROM queues q, json_each(q.doc, '$.entries') e;
  UPDATE queues SET doc = json_remove(doc, '$.entries');

  -- The table's count and project statistics: visible, unarchived tasks of a project by status.
  CREATE INDEX tasks_project_counts ON tasks(project, hidden, archived, status, last_update);
  CREATE INDEX tasks_visible_update ON tasks(hidden, last_update, id);
  -- The task table's default order within a project (keyset pages start at the cursor).
  CREATE INDEX tasks_table_order ON tasks(project, hidden, archived, last_update, id);
  `,
  // 4: registered workers, kept in the database with an expiry
  `
  CREATE TABLE workers (id TEXT PRIMARY KEY, expires INTEGER NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX workers_expires ON workers(expires);

  -- The task table's count at any size: tasks per project, status and flags, kept current.
  CREATE TABLE task_counts (
    project TEXT NOT NULL, status TEXT NOT NULL, hidden INTEGER NOT NULL, archived INTEGER NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (project, status, hidden, archived)
  );
  INSERT INTO task_counts (project, status, hidden, archived, n)
    SELECT coalesce(project, ''), status, hidden, archived, count(*) FROM tasks GROUP BY 1, 2, 3, 4;
  `,
  // queue length and waiting time over time (queues.get_queue_metrics), one day kept, and failed sign-ins
  `
  CREATE TABLE queue_samples (queue TEXT NOT NULL, at INTEGER NOT NULL, length INTEGER NOT NULL, avg_wait REAL NOT NULL);
  CREATE INDEX queue_samples_queue_at ON queue_samples(queue, at);
  CREATE INDEX queue_samples_at ON queue_samples(at);

  -- failed sign-ins per client address and per account, in a sliding window
  CREATE TABLE login_failures (id TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (id, key));
  CREATE INDEX login_failures_key_at ON login_failures(key, at);
  CREATE INDEX login_failures_at ON login_failures(at);
  `,
  // pgscale: the projects page's compute time kept beside the counts (the runs that ended, and the start
  // times of those still running, which run on to now), so that it never scans a project's tasks.
  `
  ALTER TABLE task_counts ADD COLUMN runtime REAL NOT NULL DEFAULT 0;
  ALTER TABLE task_counts ADD COLUMN open_n INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE task_counts ADD COLUMN open_started REAL NOT NULL DEFAULT 0;
  DELETE FROM task_counts;
  INSERT INTO task_counts (project, status, hidden, archived, n, runtime, open_n, open_started)
    SELECT coalesce(project, ''), status, hidden, archived, count(*),
      total(CASE WHEN started IS NOT NULL AND (completed IS NOT NULL OR status <> 'in_progress') THEN
        max(0, (julianday(coalesce(completed, last_update)) - julianday(started)) * 86400) END),
      count(CASE WHEN started IS NOT NULL AND completed IS NULL AND status = 'in_progress' THEN 1 END),
      total(CASE WHEN started IS NOT NULL AND completed IS NULL AND status = 'in_progress' THEN
        (julianday(started) - 2440587.5) * 86400 END)
    FROM tasks GROUP BY 1, 2, 3, 4;
  `,
  // metrics: last_metrics of tasks and models in tables of their own, so that storing events rewrites no document
  `
  ${metricsTable('task_metrics', 'tasks')}
  ${metricsTable('model_metrics', 'models')}
  ALTER TABLE models ADD COLUMN last_iteration INTEGER;
  UPDATE models SET last_iteration = json_extract(doc, '$.last_iteration');
  `,
  // hyperparameter values as rows, sorted and filtered by index (filled from the documents)
  (db) => {
    db.exec(`
      CREATE TABLE task_params (
        task TEXT NOT NULL, section TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, num REAL,
        PRIMARY KEY (task, section, name)
      );
      -- The sort: numbers by value, then text; NULL (text) first ascending, last descending.
      CREATE INDEX task_params_order ON task_params(section, name, num, value, task);
      CREATE TABLE task_param_counts (
        section TEXT NOT NULL, name TEXT NOT NULL, project TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (section, name, project)
      );
    `);
    backfillParamsSqlite(db);
  },
  // metric series per project, kept by triggers, and the metric sort indexes (metric-counts)
  `
  -- Tasks per project ('' for none) holding each metric series: the column picker lists a project's series
  -- from it, and a metric sort learns from it whether any filtered task lacks the series. Triggers keep it,
  -- so that every write of task_metrics (a new series from events, an insert, a reset, a delete) counts,
  -- and an upsert that finds its row counts nothing.
  CREATE TABLE task_metric_counts (
    metric_hash TEXT NOT NULL, variant_hash TEXT NOT NULL, project TEXT NOT NULL,
    metric TEXT NOT NULL, variant TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (metric_hash, variant_hash, project)
  );
  CREATE INDEX task_metric_counts_project ON task_metric_counts(project, metric_hash, variant_hash);
  INSERT INTO task_metric_counts (metric_hash, variant_hash, project, metric, variant, n)
    SELECT m.metric_hash, m.variant_hash, coalesce(t.project, ''), min(m.metric), min(m.variant), count(*)
    FROM task_metrics m JOIN tasks t ON t.id = m.owner GROUP BY 1, 2, 3;
  CREATE TRIGGER task_metrics_added AFTER INSERT ON task_metrics BEGIN
    INSERT INTO task_metric_counts (metric_hash, variant_hash, project, metric, variant, n)
      SELECT NEW.metric_hash, NEW.variant_hash, coalesce(t.project, ''), NEW.metric, NEW.variant, 1
      FROM tasks t WHERE t.id = NEW.owner
      ON CONFLICT (metric_hash, variant_hash, project) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER task_metrics_removed AFTER DELETE ON task_metrics BEGIN
    UPDATE task_metric_counts SET n = n - 1
      WHERE metric_hash = OLD.metric_hash AND variant_hash = OLD.variant_hash
        AND project = (SELECT coalesce(t.project, '') FROM tasks t WHERE t.id = OLD.owner);
  END;
  CREATE TRIGGER tasks_moved_metric_counts AFTER UPDATE OF project ON tasks WHEN OLD.project IS NOT NEW.project BEGIN
    INSERT INTO task_metric_counts (metric_hash, variant_hash, project, metric, variant, n)
      SELECT m.metric_hash, m.variant_hash, p.project, m.metric, m.variant, p.k
      FROM task_metrics m, (SELECT coalesce(OLD.project, '') AS project, -1 AS k
        UNION ALL SELECT coalesce(NEW.project, ''), 1) p
      WHERE m.owner = NEW.id
      ON CONFLICT (metric_hash, variant_hash, project) DO UPDATE SET n = n + excluded.n;
  END;

  -- A sort by a metric's last, lowest or highest value walks its series in order (NULL first, as the sort puts it).
  CREATE INDEX task_metrics_value ON task_metrics(metric_hash, variant_hash, value, owner);
  CREATE INDEX task_metrics_min ON task_metrics(metric_hash, variant_hash, min_value, owner);
  CREATE INDEX task_metrics_max ON task_metrics(metric_hash, variant_hash, max_value, owner);
  `,
  // workers' machine statistics over time (workers.get_stats, get_activity_report), one day kept
  `
  CREATE TABLE worker_stats (
    worker TEXT NOT NULL, at INTEGER NOT NULL, task TEXT, metric TEXT NOT NULL, variant TEXT NOT NULL, value REAL NOT NULL
  );
  CREATE INDEX worker_stats_at ON worker_stats(at);
  CREATE INDEX worker_stats_worker_at ON worker_stats(worker, at);
  CREATE INDEX worker_stats_metric ON worker_stats(metric, worker);
  `,
  // the task types and users in use (tasks.get_types, projects.get_user_names): one index seek per value
  `
  CREATE INDEX tasks_type_project ON tasks(type, project);
  CREATE INDEX tasks_user_project ON tasks(user, project);
  `,
  // the kept totals per user too (projects.get_all_ex's active_users: a team member's own work), recomputed
  `
  CREATE TABLE task_counts_by_user (
    project TEXT NOT NULL, status TEXT NOT NULL, hidden INTEGER NOT NULL, archived INTEGER NOT NULL, user TEXT NOT NULL,
    n INTEGER NOT NULL, runtime REAL NOT NULL DEFAULT 0, open_n INTEGER NOT NULL DEFAULT 0, open_started REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (project, status, hidden, archived, user)
  );
  INSERT INTO task_counts_by_user (project, status, hidden, archived, user, n, runtime, open_n, open_started)
    SELECT coalesce(project, ''), status, hidden, archived, user, count(*),
      total(CASE WHEN started IS NOT NULL AND (completed IS NOT NULL OR status <> 'in_progress') THEN
        max(0, (julianday(coalesce(completed, last_update)) - julianday(started)) * 86400) END),
      count(CASE WHEN started IS NOT NULL AND completed IS NULL AND status = 'in_progress' THEN 1 END),
      total(CASE WHEN started IS NOT NULL AND completed IS NULL AND status = 'in_progress' THEN
        (julianday(started) - 2440587.5) * 86400 END)
    FROM tasks GROUP BY 1, 2, 3, 4, 5;
  DROP TABLE task_counts;
  ALTER TABLE task_counts_by_user RENAME TO task_counts;
  -- each count group's last update, read from the end of its stretch
  CREATE INDEX tasks_counts_by_user ON tasks(project, hidden, archived, status, user, last_update);
  `,
  // each user's dashboard preferences (users.get_preferences / set_preferences): one JSON object a user
  `
  CREATE TABLE user_preferences (user_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  `,
  // each metric series' total of values, for its mean (last_metrics' mean_value); unknown for points stored before
  `
  ALTER TABLE task_metrics ADD COLUMN total REAL;
  ALTER TABLE model_metrics ADD COLUMN total REAL;
  `,
];

/** Applies the steps not yet applied (only those before `upTo`, when given: tests of a step's upgrade). */
export function migrate(db: Database.Database, upTo = MIGRATIONS.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < upTo; v++) {
    db.transaction(() => {
      const step = MIGRATIONS[v];
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return MIGRATIONS.length;
}
