import { sql, type Kysely } from 'kysely';
import { backfillParamsPostgres } from './params-backfill';
import { runMigrationSteps, type MigrationStep } from './run-steps';

/** A metrics table of tasks or models, filled from the documents' last_metrics, which then leave the documents. */
function metricsTable(table: string, owners: string): string {
  const num = (key: string) =>
    `CASE WHEN jsonb_typeof(v.value -> '${key}') = 'number' THEN (v.value ->> '${key}')::double precision END`;
  return `
  CREATE TABLE ${table} (
    owner TEXT COLLATE "C" NOT NULL, metric_hash TEXT COLLATE "C" NOT NULL, variant_hash TEXT COLLATE "C" NOT NULL,
    metric TEXT NOT NULL, variant TEXT NOT NULL,
    value DOUBLE PRECISION, iter DOUBLE PRECISION, timestamp DOUBLE PRECISION,
    min_value DOUBLE PRECISION, min_value_iteration DOUBLE PRECISION,
    max_value DOUBLE PRECISION, max_value_iteration DOUBLE PRECISION,
    first_value DOUBLE PRECISION, first_value_iteration DOUBLE PRECISION, count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (owner, metric_hash, variant_hash)
  );
  INSERT INTO ${table}
    SELECT t.id, m.key, v.key, coalesce(v.value ->> 'metric', ''), coalesce(v.value ->> 'variant', ''),
      ${['value', 'iter', 'timestamp', 'min_value', 'min_value_iteration', 'max_value', 'max_value_iteration', 'first_value', 'first_value_iteration'].map(num).join(',\n      ')},
      coalesce(${num('count')}, 0)::bigint
    FROM ${owners} t
    CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(t.doc::jsonb -> 'last_metrics') = 'object'
      THEN t.doc::jsonb -> 'last_metrics' ELSE '{}'::jsonb END) m
    CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(m.value) = 'object' THEN m.value ELSE '{}'::jsonb END) v
    WHERE jsonb_typeof(v.value) = 'object'
    ON CONFLICT DO NOTHING;
  UPDATE ${owners} SET doc = (doc::jsonb - 'last_metrics')::text WHERE doc::jsonb ? 'last_metrics';`;
}

/**
 * PostgreSQL's schema, versioned like SQLite's (never edit a released step: add one). Text that is
 * sorted or compared uses the "C" collation, so that order is by code point as on SQLite whatever
 * the database's locale. The events tables come with the events repository's own step.
 */
export const PG_MIGRATIONS: MigrationStep[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE users (
    id TEXT PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, company TEXT NOT NULL, created TEXT NOT NULL,
    login TEXT COLLATE "C" NOT NULL UNIQUE, role TEXT NOT NULL DEFAULT 'member',
    disabled INTEGER NOT NULL DEFAULT 0, password_hash TEXT
  );
  CREATE TABLE credentials (
    access_key TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id),
    created TEXT COLLATE "C" NOT NULL, label TEXT NOT NULL DEFAULT '', revoked TEXT, last_used TEXT
  );
  CREATE INDEX credentials_user ON credentials(user_id);
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    created TEXT NOT NULL, last_seen BIGINT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);

  CREATE TABLE projects (
    id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL UNIQUE, parent TEXT,
    created TEXT COLLATE "C" NOT NULL, last_update TEXT COLLATE "C" NOT NULL,
    system_tags TEXT NOT NULL DEFAULT '[]', hidden INTEGER NOT NULL DEFAULT 0, doc TEXT NOT NULL
  );
  CREATE INDEX projects_parent ON projects(parent);

  CREATE TABLE tasks (
    id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, project TEXT COLLATE "C",
    type TEXT COLLATE "C" NOT NULL, status TEXT COLLATE "C" NOT NULL, "user" TEXT COLLATE "C" NOT NULL,
    parent TEXT COLLATE "C", comment TEXT COLLATE "C" NOT NULL DEFAULT '',
    created TEXT COLLATE "C" NOT NULL, started TEXT COLLATE "C", completed TEXT COLLATE "C",
    last_update TEXT COLLATE "C" NOT NULL, last_iteration BIGINT NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '[]', system_tags TEXT NOT NULL DEFAULT '[]',
    hidden INTEGER NOT NULL DEFAULT 0, archived INTEGER NOT NULL DEFAULT 0, doc TEXT NOT NULL
  );
  CREATE INDEX tasks_project_update ON tasks(project, last_update);
  CREATE INDEX tasks_last_update ON tasks(last_update);
  CREATE INDEX tasks_status_update ON tasks(status, last_update);
  CREATE INDEX tasks_parent ON tasks(parent);
  CREATE INDEX tasks_project_counts ON tasks(project, hidden, archived, status, last_update);
  CREATE INDEX tasks_visible_update ON tasks(hidden, last_update, id);
  CREATE INDEX tasks_table_order ON tasks(project, hidden, archived, last_update, id);
  CREATE TABLE task_tags (owner TEXT NOT NULL, system INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (owner, system, tag));
  CREATE INDEX task_tags_tag ON task_tags(system, tag, owner);

  CREATE TABLE models (
    id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, project TEXT COLLATE "C",
    task TEXT COLLATE "C", "user" TEXT COLLATE "C" NOT NULL DEFAULT '', comment TEXT NOT NULL DEFAULT '',
    created TEXT COLLATE "C" NOT NULL, last_update TEXT COLLATE "C" NOT NULL, ready INTEGER NOT NULL,
    framework TEXT COLLATE "C", tags TEXT NOT NULL DEFAULT '[]', system_tags TEXT NOT NULL DEFAULT '[]',
    doc TEXT NOT NULL
  );
  CREATE INDEX models_task ON models(task);
  CREATE INDEX models_project ON models(project);
  CREATE INDEX models_user ON models("user");
  CREATE TABLE model_tags (owner TEXT NOT NULL, system INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (owner, system, tag));
  CREATE INDEX model_tags_tag ON model_tags(system, tag, owner);

  CREATE TABLE queues (id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL UNIQUE, created TEXT COLLATE "C" NOT NULL, doc TEXT NOT NULL);
  CREATE TABLE queue_entries (
    queue TEXT NOT NULL, position INTEGER NOT NULL, task TEXT NOT NULL, added TEXT NOT NULL,
    PRIMARY KEY (queue, position)
  );
  CREATE INDEX queue_entries_task ON queue_entries(task);
  `,
  // 2: registered workers, shared by every server on the database, with an expiry
  `
  CREATE TABLE workers (id TEXT COLLATE "C" PRIMARY KEY, expires BIGINT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX workers_expires ON workers(expires);
  CREATE TABLE task_counts (
    project TEXT COLLATE "C" NOT NULL, status TEXT COLLATE "C" NOT NULL, hidden BIGINT NOT NULL, archived INTEGER NOT NULL,
    n BIGINT NOT NULL, PRIMARY KEY (project, status, hidden, archived)
  );
  `,
  // queue length and waiting time over time (queues.get_queue_metrics), one day kept, and failed sign-ins: shared by every server
  `
  CREATE TABLE queue_samples (
    queue TEXT COLLATE "C" NOT NULL, at BIGINT NOT NULL, length INTEGER NOT NULL, avg_wait DOUBLE PRECISION NOT NULL
  );
  CREATE INDEX queue_samples_queue_at ON queue_samples(queue, at);
  CREATE INDEX queue_samples_at ON queue_samples(at);

  -- failed sign-ins per client address and per account, in a sliding window shared by every server
  CREATE TABLE login_failures (id TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (id, key));
  CREATE INDEX login_failures_key_at ON login_failures(key, at);
  CREATE INDEX login_failures_at ON login_failures(at);
  `,
  // pgscale: the projects page's compute time kept beside the counts (the runs that ended, and the start
  // times of those still running, which run on to now), so that it never scans a project's tasks;
  // the totals are recomputed from the tasks (the counts before this step were never backfilled).
  `
  ALTER TABLE task_counts ADD COLUMN runtime DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN open_n BIGINT NOT NULL DEFAULT 0, ADD COLUMN open_started DOUBLE PRECISION NOT NULL DEFAULT 0;
  DELETE FROM task_counts;
  INSERT INTO task_counts (project, status, hidden, archived, n, runtime, open_n, open_started)
    SELECT coalesce(project, ''), status, hidden, archived, count(*),
      coalesce(sum(CASE WHEN started IS NOT NULL AND (completed IS NOT NULL OR status <> 'in_progress') THEN
        greatest(0, extract(epoch FROM coalesce(completed, last_update)::timestamptz - started::timestamptz)) END), 0),
      count(*) FILTER (WHERE started IS NOT NULL AND completed IS NULL AND status = 'in_progress'),
      coalesce(sum(extract(epoch FROM started::timestamptz))
        FILTER (WHERE started IS NOT NULL AND completed IS NULL AND status = 'in_progress'), 0)
    FROM tasks GROUP BY 1, 2, 3, 4;
  `,
  // pgscale: the task table at a million tasks. Its page (newest first, then by id, NULLs last as on SQLite)
  // read straight off an index, in a project and in "All tasks"; tag owners in the ids' collation, so that a
  // tag filter probes the tag index from each task (a differing collation ruled the index out); name, id and
  // comment searches (ILIKE '%…%') from trigram indexes where pg_trgm can be installed, else by a scan.
  `
  CREATE INDEX tasks_table_page ON tasks(project, hidden, archived, last_update DESC NULLS LAST, id);
  CREATE INDEX tasks_all_page ON tasks(hidden, archived, last_update DESC NULLS LAST, id);
  ALTER TABLE task_tags ALTER COLUMN owner TYPE TEXT COLLATE "C";
  ALTER TABLE model_tags ALTER COLUMN owner TYPE TEXT COLLATE "C";
  DO $$
  BEGIN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
      RAISE NOTICE 'pg_trgm is not available (%): task search reads every row', SQLERRM;
    END;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
      CREATE INDEX tasks_name_trgm ON tasks USING gin (name gin_trgm_ops);
      CREATE INDEX tasks_id_trgm ON tasks USING gin (id gin_trgm_ops);
      CREATE INDEX tasks_comment_trgm ON tasks USING gin (comment gin_trgm_ops);
    END IF;
  END $$;
  `,
  // metrics: last_metrics of tasks and models in tables of their own, so that storing events rewrites no document
  `
  ${metricsTable('task_metrics', 'tasks')}
  ${metricsTable('model_metrics', 'models')}
  ALTER TABLE models ADD COLUMN last_iteration DOUBLE PRECISION;
  UPDATE models SET last_iteration = CASE WHEN jsonb_typeof(doc::jsonb -> 'last_iteration') = 'number'
    THEN (doc::jsonb ->> 'last_iteration')::double precision END;
  `,
  // hyperparameter values as rows, sorted and filtered by index (filled from the documents)
  async (trx) => {
    await sql
      .raw(
        `
      CREATE TABLE task_params (
        task TEXT COLLATE "C" NOT NULL, section TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL,
        value TEXT COLLATE "C" NOT NULL, num DOUBLE PRECISION, PRIMARY KEY (task, section, name)
      );
      -- The sort: numbers by value, then text; NULL (text) first ascending, last descending (read backwards).
      CREATE INDEX task_params_order ON task_params(section, name, num NULLS FIRST, value, task);
      CREATE TABLE task_param_counts (
        section TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL, project TEXT COLLATE "C" NOT NULL,
        n BIGINT NOT NULL, PRIMARY KEY (section, name, project)
      );
    `,
      )
      .execute(trx);
    await backfillParamsPostgres(trx);
  },
  // metric series per project, kept by triggers, and the metric sort indexes (metric-counts)
  `
  -- Tasks per project ('' for none) holding each metric series: the column picker lists a project's series
  -- from it, and a metric sort learns from it whether any filtered task lacks the series. Triggers keep it,
  -- so that every write of task_metrics counts, and an upsert that finds its row (no INSERT trigger) counts
  -- nothing. Each trigger adds in key order, so that concurrent writers lock the count rows in one order.
  CREATE TABLE task_metric_counts (
    metric_hash TEXT COLLATE "C" NOT NULL, variant_hash TEXT COLLATE "C" NOT NULL, project TEXT COLLATE "C" NOT NULL,
    metric TEXT NOT NULL, variant TEXT NOT NULL, n BIGINT NOT NULL,
    PRIMARY KEY (metric_hash, variant_hash, project)
  );
  CREATE INDEX task_metric_counts_project ON task_metric_counts(project, metric_hash, variant_hash);
  INSERT INTO task_metric_counts (metric_hash, variant_hash, project, metric, variant, n)
    SELECT m.metric_hash, m.variant_hash, coalesce(t.project, ''), min(m.metric), min(m.variant), count(*)
    FROM task_metrics m JOIN tasks t ON t.id = m.owner GROUP BY 1, 2, 3;
  CREATE FUNCTION task_metrics_added() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO task_metric_counts (metric_hash, variant_hash, project, metric, variant, n)
      SELECT a.metric_hash, a.variant_hash, coalesce(t.project, ''), min(a.metric), min(a.variant), count(*)
      FROM added a JOIN tasks t ON t.id = a.owner GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (metric_hash, variant_hash, project) DO UPDATE SET n = task_metric_counts.n + excluded.n;
    RETURN NULL;
  END $$;
  CREATE TRIGGER task_metrics_added AFTER INSERT ON task_metrics
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION task_metrics_added();
  CREATE FUNCTION task_metrics_removed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO task_metric_counts (metric_hash, variant_hash, project, metric, variant, n)
      SELECT r.metric_hash, r.variant_hash, coalesce(t.project, ''), min(r.metric), min(r.variant), -count(*)
      FROM removed r JOIN tasks t ON t.id = r.owner GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (metric_hash, variant_hash, project) DO UPDATE SET n = task_metric_counts.n + excluded.n;
    RETURN NULL;
  END $$;
  CREATE TRIGGER task_metrics_removed AFTER DELETE ON task_metrics
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION task_metrics_removed();
  CREATE FUNCTION tasks_moved_metric_counts() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO task_metric_counts (metric_hash, variant_hash, project, metric, variant, n)
      SELECT m.metric_hash, m.variant_hash, p.project, m.metric, m.variant, p.k
      FROM task_metrics m CROSS JOIN (VALUES (coalesce(OLD.project, ''), -1), (coalesce(NEW.project, ''), 1)) p(project, k)
      WHERE m.owner = NEW.id ORDER BY 1, 2, 3
      ON CONFLICT (metric_hash, variant_hash, project) DO UPDATE SET n = task_metric_counts.n + excluded.n;
    RETURN NULL;
  END $$;
  CREATE TRIGGER tasks_moved_metric_counts AFTER UPDATE OF project ON tasks
    FOR EACH ROW WHEN (OLD.project IS DISTINCT FROM NEW.project) EXECUTE FUNCTION tasks_moved_metric_counts();

  -- A sort by a metric's last, lowest or highest value walks its series in order (NULL first, as the sort puts it).
  CREATE INDEX task_metrics_value ON task_metrics(metric_hash, variant_hash, value NULLS FIRST, owner);
  CREATE INDEX task_metrics_min ON task_metrics(metric_hash, variant_hash, min_value NULLS FIRST, owner);
  CREATE INDEX task_metrics_max ON task_metrics(metric_hash, variant_hash, max_value NULLS FIRST, owner);
  `,
  // workers' machine statistics over time (workers.get_stats, get_activity_report), one day kept: shared by every server
  `
  CREATE TABLE worker_stats (
    worker TEXT COLLATE "C" NOT NULL, at BIGINT NOT NULL, task TEXT COLLATE "C", metric TEXT COLLATE "C" NOT NULL,
    variant TEXT COLLATE "C" NOT NULL, value DOUBLE PRECISION NOT NULL
  );
  CREATE INDEX worker_stats_at ON worker_stats(at);
  CREATE INDEX worker_stats_worker_at ON worker_stats(worker, at);
  CREATE INDEX worker_stats_metric ON worker_stats(metric, worker);
  `,
  // the task types and users in use (tasks.get_types, projects.get_user_names): one index seek per value
  `
  CREATE INDEX tasks_type_project ON tasks(type, project);
  CREATE INDEX tasks_user_project ON tasks("user", project);
  `,
  // the id search's trigram index on lower(id): pg_trgm's operator class takes equality too, and on a table not yet
  // analyzed the planner read `id IN (50 ids)` off the trigram index (130 ms, every id's trigrams being common hex
  // ones) instead of the primary key (under 1 ms); no plan of an id lookup can pick the expression index
  `
  DO $$
  BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
      DROP INDEX IF EXISTS tasks_id_trgm;
      CREATE INDEX tasks_id_lower_trgm ON tasks USING gin (lower(id) gin_trgm_ops);
    END IF;
  END $$;
  `,
  // the kept totals per user too (projects.get_all_ex's active_users: a team member's own work), recomputed
  `
  ALTER TABLE task_counts ADD COLUMN "user" TEXT COLLATE "C" NOT NULL DEFAULT '';
  ALTER TABLE task_counts DROP CONSTRAINT task_counts_pkey;
  DELETE FROM task_counts;
  INSERT INTO task_counts (project, status, hidden, archived, "user", n, runtime, open_n, open_started)
    SELECT coalesce(project, ''), status, hidden, archived, "user", count(*),
      coalesce(sum(CASE WHEN started IS NOT NULL AND (completed IS NOT NULL OR status <> 'in_progress') THEN
        greatest(0, extract(epoch FROM coalesce(completed, last_update)::timestamptz - started::timestamptz)) END), 0),
      count(*) FILTER (WHERE started IS NOT NULL AND completed IS NULL AND status = 'in_progress'),
      coalesce(sum(extract(epoch FROM started::timestamptz))
        FILTER (WHERE started IS NOT NULL AND completed IS NULL AND status = 'in_progress'), 0)
    FROM tasks GROUP BY 1, 2, 3, 4, 5;
  ALTER TABLE task_counts ADD PRIMARY KEY (project, status, hidden, archived, "user");
  -- each count group's last update, read from the end of its stretch
  CREATE INDEX tasks_counts_by_user ON tasks(project, hidden, archived, status, "user", last_update);
  `,
  // each user's dashboard preferences (users.get_preferences / set_preferences): one JSON object a user
  `
  CREATE TABLE user_preferences (user_id TEXT COLLATE "C" PRIMARY KEY, doc TEXT NOT NULL);
  `,
  // each metric series' total of values, for its mean (last_metrics' mean_value); unknown for points stored before
  `
  ALTER TABLE task_metrics ADD COLUMN total DOUBLE PRECISION;
  ALTER TABLE model_metrics ADD COLUMN total DOUBLE PRECISION;
  `,
];

/** Brings the database up to date; concurrent starts wait on one another (an advisory lock). */
export function migratePostgres(db: Kysely<unknown>, upTo = PG_MIGRATIONS.length): Promise<void> {
  return runMigrationSteps(db, 'schema_migrations', 7265616473, PG_MIGRATIONS.slice(0, upTo));
}
