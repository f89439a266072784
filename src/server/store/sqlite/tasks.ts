import type Database from 'better-sqlite3';
import type { Task } from '../../../shared/entities';
import type { TaskStatus } from '../../../shared/task-state';
import type { StatusCount, TaskQuery, TaskRepo } from '../store';
import { parseDoc, parseDocs, StatementCache } from './docs';
import { type OffThreadReader, readRows } from './reader';
import { limitSql, orderBy, Where } from './sql-query';

const COLUMNS = new Set([
  'id',
  'name',
  'project',
  'type',
  'status',
  'user',
  'parent',
  'comment',
  'created',
  'started',
  'completed',
  'last_update',
  'last_iteration',
]);

function row(t: Task) {
  return {
    id: t.id,
    name: t.name,
    project: t.project,
    type: t.type,
    status: t.status,
    user: t.user,
    parent: t.parent,
    comment: t.comment ?? '',
    created: t.created,
    started: t.started ?? null,
    completed: t.completed ?? null,
    last_update: t.last_update,
    last_iteration: t.last_iteration ?? 0,
    tags: JSON.stringify(t.tags ?? []),
    system_tags: JSON.stringify(t.system_tags ?? []),
    hidden: t.system_tags?.includes('hidden') ? 1 : 0,
    archived: t.system_tags?.includes('archived') ? 1 : 0,
    doc: JSON.stringify(t),
  };
}

export class SqliteTaskRepo implements TaskRepo {
  private readonly st: StatementCache;
  private readonly insertSt: Database.Statement;
  private readonly updateSt: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly reader: OffThreadReader,
  ) {
    this.st = new StatementCache(db);
    this.insertSt = db.prepare(`INSERT INTO tasks
      (id, name, project, type, status, user, parent, comment, created, started, completed,
       last_update, last_iteration, tags, system_tags, hidden, archived, doc)
      VALUES (@id, @name, @project, @type, @status, @user, @parent, @comment, @created, @started,
       @completed, @last_update, @last_iteration, @tags, @system_tags, @hidden, @archived, @doc)`);
    this.updateSt = db.prepare(`UPDATE tasks SET name=@name, project=@project, type=@type,
      status=@status, user=@user, parent=@parent, comment=@comment, created=@created,
      started=@started, completed=@completed, last_update=@last_update,
      last_iteration=@last_iteration, tags=@tags, system_tags=@system_tags, hidden=@hidden,
      archived=@archived, doc=@doc WHERE id=@id`);
  }

  async get(id: string) {
    return parseDoc<Task>(this.st.get('SELECT doc FROM tasks WHERE id = ?').get(id));
  }

  async getMany(ids: string[]) {
    if (!ids.length) return [];
    return this.query({ ids, includeHidden: true });
  }

  async insert(t: Task) {
    this.insertSt.run(row(t));
  }

  async update(t: Task) {
    this.updateSt.run(row(t));
  }

  async delete(id: string) {
    this.st.get('DELETE FROM tasks WHERE id = ?').run(id);
  }

  private where(q: TaskQuery): Where {
    const w = new Where()
      .in('id', q.ids)
      .in('project', q.projects)
      .in('status', q.statuses)
      .in('type', q.types)
      .in('user', q.users)
      .in('parent', q.parents)
      .tags('tags', q.tags)
      .tags('system_tags', q.systemTags);
    if (!q.includeHidden) w.add('hidden = 0');
    if (q.nameRegex !== undefined) w.add('name REGEXP ?', q.nameRegex);
    if (q.searchText) {
      const like = `%${q.searchText.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      w.add(`(name LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\' OR comment LIKE ? ESCAPE '\\')`, like, like, like);
    }
    if (q.lastUpdateBefore) w.add('last_update < ?', q.lastUpdateBefore);
    w.ranges(q.ranges, COLUMNS);
    return w;
  }

  async query(q: TaskQuery) {
    const w = this.where(q);
    const ord = orderBy(q.orderBy, COLUMNS);
    const sql = `SELECT doc FROM tasks ${w.toSql()} ${ord.sql} ${limitSql(q.limit, q.offset)}`;
    return parseDocs<Task>(
      await readRows(this.db, this.st, this.reader, sql, [...w.params, ...ord.params], q.nameRegex !== undefined),
    );
  }

  async count(q: TaskQuery) {
    const w = this.where(q);
    const sql = `SELECT count(*) AS n FROM tasks ${w.toSql()}`;
    const rows = (await readRows(this.db, this.st, this.reader, sql, w.params, q.nameRegex !== undefined)) as { n: number }[];
    return rows[0].n;
  }

  async countByProjectAndStatus(projectIds?: string[], includeArchived = false) {
    const w = new Where().in('project', projectIds).add('hidden = 0');
    if (!includeArchived) w.add('archived = 0');
    const rows = this.st
      .get(
        `SELECT project, status, count(*) AS count, max(last_update) AS lastUpdate,
            total(max(0, julianday(coalesce(completed, CASE WHEN status = 'in_progress' THEN 'now' ELSE last_update END))
              - julianday(started)) * 86400) AS runtime
            FROM tasks ${w.toSql()} GROUP BY project, status`,
      )
      .all(...w.params) as { project: string; status: TaskStatus; count: number; lastUpdate: string; runtime: number }[];
    return rows as StatusCount[];
  }
}
